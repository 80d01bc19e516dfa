import { describe, expect, it } from "vitest";
import { parsePolicyTemplate, policyTemplates } from "../policy";
import { decideGoingIn, goingInQuestions, idCardRefusal, type DoorAnswers } from "./going-in";
import { alarmHeadline, dangerReportsOutstanding } from "./danger-procedure";

const { burgh, coteford, scargill, "hunsbury-park": hunsbury, "transform-trust": transform } = policyTemplates;
const withAppointment = { appointmentRecorded: true };
const noAppointment = { appointmentRecorded: false };

/** Every question answered so that it allows entry. */
function allowing(p: typeof coteford): Record<string, "yes" | "no"> {
  return Object.fromEntries(goingInQuestions(p.conduct).map((q) => [q.id, q.forbidsEntry === "yes" ? "no" : "yes"]));
}
const but = (p: typeof coteford, change: DoorAnswers) => ({ ...allowing(p), ...change });

describe("going in under coteford", () => {
  it("asks for the appointment, a parent present, both staff, animals away and feeling safe", () => {
    expect(goingInQuestions(coteford.conduct).map((q) => [q.id, q.clause])).toEqual([
      ["appointment_kept", "coteford 2.6"],
      ["parent_present", "coteford 2.6, 3.5"],
      ["both_staff_going_in", "coteford 2.10"],
      ["animals_secured", "coteford 3.9"],
      ["feel_safe", "coteford 3.8"],
    ]);
  });
  it("allows entry when every answer allows it", () => {
    expect(decideGoingIn(coteford.conduct, allowing(coteford), withAppointment)).toEqual({ verdict: "allowed" });
  });
  it("refuses a visit with no appointment recorded, whatever the answers (2.6: never, so no reason can allow it)", () => {
    expect(decideGoingIn(coteford.conduct, allowing(coteford), noAppointment)).toMatchObject({ verdict: "refused", field: "appointment", clause: "coteford 2.6" });
  });
  it("refuses without a parent present, naming the answer and clause", () => {
    expect(decideGoingIn(coteford.conduct, but(coteford, { parent_present: "no" }), withAppointment)).toMatchObject({ verdict: "refused", field: "answers.parent_present", clause: "coteford 2.6, 3.5" });
  });
  it("refuses one member of staff going in alone, and animals not put away", () => {
    expect(decideGoingIn(coteford.conduct, but(coteford, { both_staff_going_in: "no" }), withAppointment)).toMatchObject({ verdict: "refused", clause: "coteford 2.10" });
    expect(decideGoingIn(coteford.conduct, but(coteford, { animals_secured: "no" }), withAppointment)).toMatchObject({ verdict: "refused", clause: "coteford 3.9" });
  });
  it("says which question is unanswered", () => {
    const { feel_safe: _, ...rest } = allowing(coteford);
    expect(decideGoingIn(coteford.conduct, rest, withAppointment)).toMatchObject({ verdict: "unanswered", field: "answers.feel_safe", clause: "coteford 3.8" });
  });
});

describe("going in under scargill", () => {
  it("refuses with no appointment, without a parent, or without a second member of staff inside", () => {
    expect(decideGoingIn(scargill.conduct, allowing(scargill), noAppointment)).toMatchObject({ verdict: "refused", clause: "scargill personal safety" });
    expect(decideGoingIn(scargill.conduct, but(scargill, { parent_present: "no" }), withAppointment)).toMatchObject({ verdict: "refused", clause: "scargill personal safety" });
    expect(decideGoingIn(scargill.conduct, but(scargill, { second_staff_inside: "no" }), withAppointment)).toMatchObject({ verdict: "refused", clause: "scargill after the visit" });
  });
  it("lets staff in with animals not put away only with a reason (the policy says request, not cancel)", () => {
    expect(decideGoingIn(scargill.conduct, but(scargill, { animals_secured: "no" }), withAppointment)).toMatchObject({ verdict: "reason_required", field: "reason", clause: "scargill in both circumstances" });
  });
  it("refuses when staff feel unsafe", () => {
    expect(decideGoingIn(scargill.conduct, but(scargill, { feel_safe: "no" }), withAppointment)).toMatchObject({ verdict: "refused", field: "answers.feel_safe" });
  });
});

describe("going in under hunsbury-park", () => {
  it("refuses without an appointment, a parent, or a parent staying with the pupil", () => {
    expect(decideGoingIn(hunsbury.conduct, allowing(hunsbury), noAppointment)).toMatchObject({ verdict: "refused", clause: "hunsbury-park 2" });
    expect(decideGoingIn(hunsbury.conduct, but(hunsbury, { parent_present: "no" }), withAppointment)).toMatchObject({ verdict: "refused", clause: "hunsbury-park 2, 4" });
    expect(decideGoingIn(hunsbury.conduct, but(hunsbury, { parent_stays_with_pupil: "no" }), withAppointment)).toMatchObject({ verdict: "refused", clause: "hunsbury-park 5" });
    expect(decideGoingIn(hunsbury.conduct, allowing(hunsbury), withAppointment)).toEqual({ verdict: "allowed" });
  });
});

describe("going in under burgh", () => {
  it("needs no appointment, but an invitation by a responsible adult", () => {
    expect(decideGoingIn(burgh.conduct, allowing(burgh), noAppointment)).toEqual({ verdict: "allowed" });
    expect(decideGoingIn(burgh.conduct, but(burgh, { invited_by_responsible_adult: "no" }), noAppointment)).toMatchObject({ verdict: "refused", clause: "burgh 8" });
  });
  it("never goes in when only a child is at home, or upstairs", () => {
    expect(decideGoingIn(burgh.conduct, but(burgh, { only_child_present: "yes" }), noAppointment)).toMatchObject({ verdict: "refused", field: "answers.only_child_present" });
    expect(decideGoingIn(burgh.conduct, but(burgh, { ground_floor_only: "no" }), noAppointment)).toMatchObject({ verdict: "refused", field: "answers.ground_floor_only" });
  });
  it("an adult not listed with parental responsibility may have delegated authority: allowed with a reason, as are animals not put away", () => {
    const d = decideGoingIn(burgh.conduct, but(burgh, { adult_has_parental_responsibility: "no", animals_secured: "no" }), noAppointment);
    expect(d).toMatchObject({ verdict: "reason_required", field: "reason", clause: "burgh 8" });
    expect(d.verdict === "reason_required" && d.exceptions.map((e) => e.questionId)).toEqual(["adult_has_parental_responsibility", "animals_secured"]);
  });
  it("a refusal wins over an answer that only needs a reason", () => {
    expect(decideGoingIn(burgh.conduct, but(burgh, { adult_has_parental_responsibility: "no", only_child_present: "yes" }), noAppointment)).toMatchObject({ verdict: "refused" });
  });
  it("keeps the ground floor, bedroom and parental-responsibility reminders with their clause", () => {
    expect(burgh.conduct.goingIn!.value.reminders.map((r) => r.clause)).toEqual(["burgh 8", "burgh 8", "burgh 8"]);
  });
});

describe("going in under transform-trust", () => {
  it("sets no appointment rule: only animals and feeling safe", () => {
    expect(goingInQuestions(transform.conduct).map((q) => q.id)).toEqual(["animals_secured", "feel_safe"]);
    expect(decideGoingIn(transform.conduct, allowing(transform), noAppointment)).toEqual({ verdict: "allowed" });
    expect(decideGoingIn(transform.conduct, but(transform, { animals_secured: "no" }), noAppointment)).toMatchObject({ verdict: "refused", clause: "transform-trust 4.6" });
  });
});

describe("ID cards before departure", () => {
  it.each([
    ["burgh", "burgh 8"],
    ["scargill", "scargill in both circumstances"],
    ["coteford", "coteford 3.7"],
    ["transform-trust", "transform-trust 4.4"],
    ["hunsbury-park", "hunsbury-park 4"],
  ] as const)("%s: refused until confirmed worn (%s)", (id, clause) => {
    const c = policyTemplates[id].conduct;
    expect(idCardRefusal(c, undefined)).toMatchObject({ field: "idCardWorn", clause });
    expect(idCardRefusal(c, false)).toMatchObject({ field: "idCardWorn", clause });
    expect(idCardRefusal(c, true)).toBeNull();
  });
});

describe("the danger procedure", () => {
  it("names who calls the police, per policy", () => {
    const who = Object.fromEntries(Object.values(policyTemplates).map((t) => [t.id, [t.conduct.immediateDanger.value.policeCalledBy, t.conduct.immediateDanger.clause]]));
    expect(who).toEqual({
      burgh: ["staff", "burgh 8"],
      scargill: ["office", "scargill personal safety"],
      coteford: ["staff", "coteford 2.8"],
      "transform-trust": ["not_stated", "transform-trust 2.5"],
      "hunsbury-park": ["office", "hunsbury-park 2"],
    });
    expect(coteford.conduct.immediateDanger.value.phone).toMatch(/^Call the police now.*then tell the office/);
    expect(hunsbury.conduct.immediateDanger.value.office).toMatch(/^Call the police now/);
    expect(alarmHeadline(coteford.conduct.immediateDanger.value)).toBe("IMMEDIATE DANGER on a home visit: staff call the police");
    expect(alarmHeadline(scargill.conduct.immediateDanger.value)).toBe("IMMEDIATE DANGER on a home visit: call the police now");
  });
  it("transform-trust 2.5: an alarm stays outstanding until a report is filed after it", () => {
    const a1 = new Date("2026-11-24T10:00:00Z");
    const a2 = new Date("2026-11-24T12:00:00Z");
    expect(dangerReportsOutstanding(transform.conduct, [a1], [])).toEqual([a1]);
    expect(dangerReportsOutstanding(transform.conduct, [a1, a2], [new Date("2026-11-24T11:00:00Z")])).toEqual([a2]);
    expect(dangerReportsOutstanding(transform.conduct, [a1], [new Date("2026-11-24T09:00:00Z")])).toEqual([a1]);
    expect(dangerReportsOutstanding(coteford.conduct, [a1], [])).toEqual([]);
  });
});

describe("a version saved before the door rules existed", () => {
  it("gets its seed's going-in, ID and danger rules; a template of no seed keeps the old 999 flow", () => {
    const { goingIn: _g, idCard: _i, immediateDanger: _d, ...oldConduct } = JSON.parse(JSON.stringify(coteford.conduct));
    const old = parsePolicyTemplate({ ...JSON.parse(JSON.stringify(coteford)), conduct: oldConduct });
    expect(old.conduct.goingIn).toEqual(coteford.conduct.goingIn);
    expect(old.conduct.immediateDanger.clause).toBe("coteford 2.8");
    const custom = parsePolicyTemplate({ ...JSON.parse(JSON.stringify(coteford)), id: "fen-primary", conduct: oldConduct });
    expect(custom.conduct.goingIn).toBeNull();
    expect(custom.conduct.immediateDanger.value.policeCalledBy).toBe("office");
  });
});
