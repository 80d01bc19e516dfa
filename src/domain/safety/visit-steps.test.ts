import { describe, expect, it } from "vitest";
import { parsePolicyTemplate, policyTemplates } from "../policy";
import { acceptedAfterCancellation, nextDeadline, nextEscalation, teamIsOut } from "./field-steps";

const at = new Date("2026-11-24T10:00:00Z");
const times = { startsAt: new Date("2026-11-24T10:20:00Z"), expectedBackAt: new Date("2026-11-24T11:30:00Z") };

describe("check-in deadlines", () => {
  it("coteford: on arrival, then every 20 minutes (coteford 2.4)", () => {
    const p = policyTemplates.coteford;
    expect(nextDeadline(p, "departed", at, times)).toMatchObject({ kind: "arrival", dueAt: new Date("2026-11-24T10:35:00Z") });
    expect(nextDeadline(p, "arrived", at, times)).toMatchObject({ kind: "check_in", dueAt: new Date("2026-11-24T10:20:00Z"), clause: "coteford 2.4, 3.10" });
    expect(nextDeadline(p, "returned", at, times)).toBeNull();
  });

  it("hunsbury-park: every two hours", () => {
    expect(nextDeadline(policyTemplates["hunsbury-park"], "check_in", at, times)!.dueAt).toEqual(new Date("2026-11-24T12:00:00Z"));
  });

  it("a drill's rhythm below a minute runs to the second, and the policy refuses less than ten seconds or part-seconds", () => {
    const coteford = policyTemplates.coteford;
    const drill = (everyMinutes: number) => ({ ...coteford, conduct: { ...coteford.conduct, checkIns: { ...coteford.conduct.checkIns!, value: { ...coteford.conduct.checkIns!.value, everyMinutes } } } });
    expect(nextDeadline(parsePolicyTemplate(drill(0.3333)), "check_in", at, times)!.dueAt).toEqual(new Date("2026-11-24T10:00:20Z"));
    expect(nextDeadline(parsePolicyTemplate(drill(20 / 60)), "check_in", at, times)!.dueAt).toEqual(new Date("2026-11-24T10:00:20Z"));
    expect(() => parsePolicyTemplate(drill(0.1))).toThrow(/at least 10 seconds/);
    expect(() => parsePolicyTemplate(drill(0.3))).not.toThrow();
    expect(() => parsePolicyTemplate(drill(0.305))).toThrow(/whole number of seconds/);
  });

  it("burgh: before and after only, so the next deadline is the time back", () => {
    const d = nextDeadline(policyTemplates.burgh, "arrived", at, times)!;
    expect(d).toMatchObject({ kind: "return", dueAt: times.expectedBackAt });
    // Overrunning the plan: half an hour from the last word.
    expect(nextDeadline(policyTemplates.burgh, "left", new Date("2026-11-24T11:45:00Z"), times)!.dueAt).toEqual(new Date("2026-11-24T12:15:00Z"));
  });

  it("escalates amber → senior leader → police prompt on the template's timings", () => {
    const p = policyTemplates.coteford;
    expect(nextEscalation(p, "amber", at)).toEqual({ level: "red", at: new Date("2026-11-24T10:10:00Z") });
    expect(nextEscalation(p, "red", at)).toEqual({ level: "police", at: new Date("2026-11-24T10:20:00Z") });
    expect(nextEscalation(p, "police", at)).toBeNull();
    expect(p.conduct.escalation.clause).toMatch(/^Doorstep default/);
  });
});

describe("a team out on a visit", () => {
  it("is out from departure until it reports returned or home safe", () => {
    expect(teamIsOut([])).toBe(false);
    expect(teamIsOut(["departed", "arrived", "left"])).toBe(true);
    expect(teamIsOut(["departed", "arrived", "returned"])).toBe(false);
    expect(teamIsOut(["departed", "home_safe"])).toBe(false);
  });

  it("after a cancellation, may report anything but setting out again", () => {
    expect(acceptedAfterCancellation("departed")).toBe(false);
    for (const step of ["check_in", "left", "returned", "home_safe", "at_door"] as const) expect(acceptedAfterCancellation(step)).toBe(true);
  });
});
