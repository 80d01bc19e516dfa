import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy";
import { PolicyViolation } from "../errors";
import { nextState, type VisitFacts } from "./visit-lifecycle";

const base: VisitFacts = {
  state: "proposed",
  actorRoles: ["headteacher"],
  safeguarding: false,
  dslAgreed: false,
  hasCurrentRiskAssessment: true,
  teamFailures: [],
  hasTeam: true,
  hasAppointment: true,
  backgroundChecked: false,
};

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof PolicyViolation) return e;
  }
  throw new Error("expected a refusal");
};

describe("visit lifecycle", () => {
  it("goes proposed → approved → planned → under way → completed under Coteford", () => {
    const p = policyTemplates.coteford;
    expect(nextState(p, "approve", base)).toBe("approved");
    expect(nextState(p, "plan", { ...base, state: "approved" })).toBe("planned");
    expect(nextState(p, "start", { ...base, state: "planned" })).toBe("under_way");
    expect(nextState(p, "finish_completed", { ...base, state: "under_way" })).toBe("completed");
  });

  it("only the template's approvers approve, and a plan needs approval first (coteford 3.2-3.3)", () => {
    const p = policyTemplates.coteford;
    expect(refusal(() => nextState(p, "approve", { ...base, actorRoles: ["visitor"] })).clause).toBe("coteford 2.1, 3.2-3.3");
    expect(refusal(() => nextState(p, "plan", base)).message).toMatch(/approved before/);
    // Hunsbury names no approver: a visit can be planned straight away.
    expect(nextState(policyTemplates["hunsbury-park"], "plan", base)).toBe("planned");
  });

  it("needs the DSL where safeguarding is involved (burgh 5)", () => {
    const p = policyTemplates.burgh;
    expect(refusal(() => nextState(p, "approve", { ...base, safeguarding: true })).clause).toBe("burgh 5");
    expect(nextState(p, "approve", { ...base, safeguarding: true, dslAgreed: true })).toBe("approved");
  });

  it("is not planned, nor started, under Burgh until the background is checked with the DSL (burgh 7); other templates do not ask", () => {
    const p = policyTemplates.burgh;
    const planRefused = refusal(() => nextState(p, "plan", { ...base, state: "approved" }));
    expect(planRefused.clause).toBe("burgh 7");
    expect(planRefused.field).toBe("backgroundCheck");
    expect(planRefused.message).toMatch(/Designated safeguarding lead or Deputy DSL records it/);
    expect(refusal(() => nextState(p, "start", { ...base, state: "planned" })).clause).toBe("burgh 7");
    expect(nextState(p, "plan", { ...base, state: "approved", backgroundChecked: true })).toBe("planned");
    for (const id of ["coteford", "scargill", "hunsbury-park", "transform-trust"] as const) {
      expect(nextState(policyTemplates[id], "plan", { ...base, state: "approved" })).toBe("planned");
    }
  });

  it("cannot start without a risk assessment where the template requires one (coteford 2.5)", () => {
    const e = refusal(() => nextState(policyTemplates.coteford, "start", { ...base, state: "planned", hasCurrentRiskAssessment: false }));
    expect(e.clause).toBe("coteford 2.5");
    expect(nextState(policyTemplates.scargill, "start", { ...base, state: "planned", hasCurrentRiskAssessment: false })).toBe("under_way");
  });

  it("refuses a team that fails the policy, and a cancellation without a reason", () => {
    const failures = [{ requirement: "team_size" as const, clause: "coteford 2.10", userId: null, message: "Two members of staff must make this visit." }];
    expect(refusal(() => nextState(policyTemplates.coteford, "plan", { ...base, state: "approved", teamFailures: failures })).clause).toBe("coteford 2.10");
    expect(refusal(() => nextState(policyTemplates.coteford, "cancel", { ...base, reason: " " })).field).toBe("reason");
    expect(nextState(policyTemplates.coteford, "cancel", { ...base, reason: "Dog not put away" })).toBe("cancelled");
  });

  it("does not leave a final state", () => {
    expect(refusal(() => nextState(policyTemplates.coteford, "start", { ...base, state: "cancelled" })).field).toBe("state");
  });
});
