import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors";
import { parsePolicyTemplate } from "./parse-template";
import { reviewStatus } from "./review";
import { POLICY_IDS, policyTemplateSchema } from "./template";
import { policyTemplates } from "./templates";

describe("shipped policy templates", () => {
  it.each(POLICY_IDS)("%s validates, and survives a JSON round trip as a school's stored copy", (id) => {
    const t = policyTemplates[id];
    expect(t.id).toBe(id);
    expect(policyTemplateSchema.safeParse(t).success).toBe(true);
    expect(parsePolicyTemplate(JSON.parse(JSON.stringify(t)))).toEqual(t);
  });

  it.each(POLICY_IDS)("%s cites its own document in every rule and parameter", (id) => {
    const t = policyTemplates[id];
    const clauses: string[] = [t.review.clause, ...t.absenceRules.map((r) => r.clause)];
    for (const p of Object.values(t.conduct)) if (p) clauses.push(p.clause);
    if (t.calledCard) clauses.push(t.calledCard.clause);
    for (const d of t.referralDeciders) clauses.push(d.clause);
    for (const r of Object.values(t.records)) clauses.push(r.clause);
    // A parameter the document does not set says so: "Doorstep default: …".
    for (const c of clauses) expect(c.startsWith(`${id} `) || c.startsWith("Doorstep default:"), c).toBe(true);
  });

  it("switches on the rules the spec lists for each template", () => {
    const kinds = Object.fromEntries(POLICY_IDS.map((id) => [id, policyTemplates[id].absenceRules.map((r) => r.kind)]));
    expect(kinds).toEqual({
      burgh: ["contact_parents", "safe_and_well_visit", "eyes_on_visit", "notify_local_authority", "consider_cme_referral"],
      scargill: ["safe_and_well_visit", "unannounced_visit"],
      coteford: ["legal_threshold_review"],
      "transform-trust": ["penalty_notice_review"],
      "hunsbury-park": [],
    });
  });

  it("carries Burgh's thresholds: Day 3 (Day 2 vulnerable), 5 days without eyes on, 10 days for PNAR", () => {
    const rules = policyTemplates.burgh.absenceRules;
    expect(rules.find((r) => r.kind === "safe_and_well_visit")).toMatchObject({ clause: "burgh 6.2", fromDay: 3, vulnerableFromDay: 2 });
    expect(rules.find((r) => r.kind === "eyes_on_visit")).toMatchObject({ clause: "burgh 6.3", maxSchoolDaysUnseen: 5, supersedes: ["safe_and_well_visit"] });
    expect(rules.find((r) => r.kind === "notify_local_authority")).toMatchObject({ consecutiveUnauthorisedSchoolDays: 10 });
  });

  it("carries the attendance thresholds of Coteford (90%, 3 months) and Transform (10 sessions, 10 weeks)", () => {
    expect(policyTemplates.coteford.absenceRules[0]).toMatchObject({ clause: "coteford 4.4", thresholdPercent: 90, months: 3 });
    expect(policyTemplates["transform-trust"].absenceRules[0]).toMatchObject({ clause: "transform-trust 5.3", sessions: 10, weeks: 10 });
  });

  it("carries the conduct of visits with clauses", () => {
    const { coteford, scargill, burgh, "hunsbury-park": hunsbury, "transform-trust": transform } = policyTemplates;
    expect(coteford.conduct.pairing).toMatchObject({ value: "always_two", clause: "coteford 2.10" });
    expect(coteford.conduct.checkIns?.value).toEqual({ beforeVisit: true, onArrival: true, everyMinutes: 20, afterVisit: true });
    expect(coteford.conduct.waitingLimitMinutes).toMatchObject({ value: 20, clause: "coteford 3.4" });
    expect(coteford.conduct.lateArrivalLimitMinutes).toMatchObject({ value: 30, clause: "coteford 3.5" });
    expect(coteford.conduct.riskAssessment).toMatchObject({ value: { required: true, by: "business_manager" }, clause: "coteford 2.5" });
    expect(coteford.conduct.appointmentRequiredToEnter).toMatchObject({ value: true, clause: "coteford 2.6" });
    expect(coteford.conduct.approval?.value.mode).toBe("signed_list_before_visits");
    expect(coteford.conduct.backgroundChecks?.value).toEqual({ enhancedDbs: true, barredList: true });
    expect(hunsbury.conduct.checkIns?.value.everyMinutes).toBe(120);
    expect(hunsbury.conduct.waitingLimitMinutes).toMatchObject({ value: 20, clause: "hunsbury-park 4" });
    expect(scargill.conduct.appointmentSignatures?.value).toEqual({ parent: true, officer: true });
    expect(scargill.conduct.recordingSystem.value.system).toBe("MyConcern");
    expect(scargill.conduct.pairing.value).toBe("always_two");
    expect(burgh.conduct.recordingSystem.value.system).toBe("CPOMS");
    expect(burgh.conduct.pairing.value).toBe("per_risk_assessment");
    expect(burgh.conduct.approval?.value).toMatchObject({ approvers: ["headteacher"], withDslWhereSafeguarding: true });
    expect(transform.conduct.approval).toMatchObject({ value: { mode: "planned_list_and_daily_reactive_list" }, clause: "transform-trust 4.2" });
    expect(transform.conduct.pairing.value).toBe("lone_working_allowed");
    expect(burgh.schoolContact).toMatchObject({ phone: null, email: null, clause: "burgh Appendix B" });
    expect(burgh.calledCard?.title).toBe("SORRY WE MISSED YOU!");
    expect(coteford.calledCard?.text).toContain("Please contact the school on: {{school.phone}}");
  });

  it("carry no school's phone number or email address: any school may adopt them", () => {
    for (const [id, template] of Object.entries(policyTemplates)) {
      const text = JSON.stringify(template);
      expect(text, id).not.toMatch(/\b0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}\b/);
      expect(text, id).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      for (const contact of [template.schoolContact?.phone, template.schoolContact?.email]) expect(contact ?? null, id).toBeNull();
    }
  });

  it("cannot be changed through the shared object", () => {
    expect(() => {
      (policyTemplates as Record<string, unknown>).burgh = null;
    }).toThrow();
    expect(() => {
      (policyTemplates.burgh.absenceRules[0] as { clause: string }).clause = "x";
    }).toThrow();
  });
});

describe("parsePolicyTemplate: a school's edited copy", () => {
  const copy = () => JSON.parse(JSON.stringify(policyTemplates.burgh));

  it("accepts an edited parameter", () => {
    const edited = copy();
    edited.absenceRules[2].maxSchoolDaysUnseen = 4;
    expect(parsePolicyTemplate(edited).absenceRules[2]).toMatchObject({ kind: "eyes_on_visit", maxSchoolDaysUnseen: 4 });
  });

  it("gives a copy saved before the agreement, cancellation and background-check provisions its seed's, and any other Doorstep's", () => {
    const saved = JSON.parse(JSON.stringify(policyTemplates.coteford));
    delete saved.agreements;
    delete saved.conduct.cancellationNotice;
    delete saved.conduct.dslBackgroundCheck;
    const read = parsePolicyTemplate(saved);
    expect(read.agreements).toMatchObject({ reminderLetter: "coteford 4.2, 4.3", attendanceNote: "coteford 4.3", followUpVisit: { value: { afterBreaches: 2 }, clause: "coteford 4.3" } });
    expect(read.conduct.cancellationNotice).toEqual({ value: { to: ["headteacher"] }, clause: "coteford 3.8, 3.9" });
    const burgh = copy();
    delete burgh.conduct.dslBackgroundCheck;
    expect(parsePolicyTemplate(burgh).conduct.dslBackgroundCheck).toMatchObject({ clause: "burgh 7" });
    const own = { ...JSON.parse(JSON.stringify(policyTemplates.scargill)), id: "our-own-policy" };
    delete own.agreements;
    delete own.conduct.cancellationNotice;
    const ours = parsePolicyTemplate(own);
    expect(ours.agreements.followUpVisit.clause).toMatch(/^Doorstep default/);
    expect(ours.conduct.cancellationNotice).toBeNull();
  });

  function fieldOf(json: unknown): string {
    try {
      parsePolicyTemplate(json);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInput);
      return (e as InvalidInput).field!;
    }
    throw new Error("expected InvalidInput");
  }

  it("names the field at fault", () => {
    const zero = copy();
    zero.absenceRules[2].maxSchoolDaysUnseen = 0;
    expect(fieldOf(zero)).toBe("absenceRules[2].maxSchoolDaysUnseen");
    const noClause = copy();
    noClause.absenceRules[1].clause = " ";
    expect(fieldOf(noClause)).toBe("absenceRules[1].clause");
    const unknownKind = copy();
    unknownKind.absenceRules[0].kind = "send_a_drone";
    expect(fieldOf(unknownKind)).toBe("absenceRules[0].kind");
    const badReview = copy();
    badReview.review.nextReviewDue = "March 2027";
    expect(fieldOf(badReview)).toBe("review.nextReviewDue");
    const badPairing = copy();
    badPairing.conduct.pairing.value = "sometimes";
    expect(fieldOf(badPairing)).toBe("conduct.pairing.value");
  });

  it("refuses two rules of one kind", () => {
    const twice = copy();
    twice.absenceRules.push(twice.absenceRules[0]);
    expect(fieldOf(twice)).toBe("absenceRules[5].kind");
  });
});

describe("reviewStatus", () => {
  it("flags policies past their review date", () => {
    expect(reviewStatus(policyTemplates["transform-trust"], "2026-11-18")).toMatchObject({ due: "2019-09", overdue: true });
    expect(reviewStatus(policyTemplates["hunsbury-park"], "2026-11-18").overdue).toBe(true);
    expect(reviewStatus(policyTemplates.burgh, "2026-11-18")).toMatchObject({ due: "2027-03", overdue: false });
    expect(reviewStatus(policyTemplates.coteford, "2026-11-18")).toMatchObject({ due: "2027-12", overdue: false });
  });

  it("counts the review month itself as not yet overdue", () => {
    expect(reviewStatus(policyTemplates.scargill, "2026-11-30").overdue).toBe(false);
    expect(reviewStatus(policyTemplates.scargill, "2026-12-01").overdue).toBe(true);
  });
});
