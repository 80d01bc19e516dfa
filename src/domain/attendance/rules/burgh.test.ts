import { describe, expect, it } from "vitest";
import type { Mark } from "../evaluation-input";
import {
  absentDays,
  actionOf,
  actionsFor,
  buildScenario,
  contact,
  dayMarks,
  editedTemplate,
  presentDays,
  pupil,
  run,
  schoolDays,
  sighting,
  visit,
} from "../testing/scenario-builders";

// Today is Wednesday 2026-11-18.
const TODAY = "2026-11-18";
const before = schoolDays("2026-11-02", "2026-11-13");
/** N on the last `n` school days (today included), present before. */
function absentFor(n: number, code: "N" | "I" | "G" | "O" = "N", upn = "A1"): Mark[] {
  const days = schoolDays("2026-10-05", TODAY);
  return [...presentDays(upn, days.slice(0, -n)), ...absentDays(upn, days.slice(-n), code)];
}
const burgh = (marks: Mark[], extra: Parameters<typeof buildScenario>[0] = {}) =>
  run(buildScenario({ policy: "burgh", today: TODAY, marks, ...extra }));

describe("burgh contact_parents (6.1)", () => {
  it("is due on Day 1 with N and nobody reached", () => {
    const r = burgh(absentFor(1));
    expect(actionsFor(r, "A1")).toEqual(["contact_parents"]);
    expect(actionOf(r, "A1", "contact_parents")).toMatchObject({ rule: "burgh 6.1", facts: { runStart: TODAY, dayNumber: 1 } });
  });

  it("is not due once a parent is reached during the run", () => {
    expect(actionsFor(burgh(absentFor(1), { contacts: [contact("A1", TODAY, true)] }), "A1")).toEqual([]);
  });

  it("still is due when the parent was reached before this run began", () => {
    expect(actionsFor(burgh(absentFor(1), { contacts: [contact("A1", "2026-11-17", true)] }), "A1")).toContain("contact_parents");
  });

  it("is not due when today's absence is explained, or the child is in", () => {
    expect(actionsFor(burgh(absentFor(1, "I")), "A1")).toEqual([]);
    expect(actionsFor(burgh([...presentDays("A1", before), ...dayMarks("A1", TODAY, "/")]), "A1")).toEqual([]);
  });

  it("only needs N among today's marks", () => {
    const marks = [...presentDays("A1", schoolDays("2026-11-02", "2026-11-17")), ...dayMarks("A1", TODAY, "I", "N")];
    expect(actionsFor(burgh(marks), "A1")).toEqual(["contact_parents"]);
  });
});

describe("burgh safe_and_well_visit (6.2)", () => {
  it("is not due on Day 2 and is due on Day 3", () => {
    expect(actionsFor(burgh(absentFor(2)), "A1")).not.toContain("safe_and_well_visit");
    const r = burgh(absentFor(3));
    expect(actionsFor(r, "A1")).toEqual(["contact_parents", "safe_and_well_visit"]);
    expect(actionOf(r, "A1", "safe_and_well_visit")).toMatchObject({ rule: "burgh 6.2", facts: { dayNumber: 3 } });
    expect(actionOf(r, "A1", "safe_and_well_visit")!.reason).toContain("2026-11-16");
  });

  it("is due from Day 2 for a vulnerable child, not on Day 1", () => {
    const pupils = [pupil("A1", true)];
    expect(actionsFor(burgh(absentFor(2), { pupils }), "A1")).toContain("safe_and_well_visit");
    expect(actionsFor(burgh(absentFor(1), { pupils }), "A1")).not.toContain("safe_and_well_visit");
  });

  it("is due when a parent was reached but the reason is still unclear (N)", () => {
    const r = burgh(absentFor(3), { contacts: [contact("A1", "2026-11-16", true)] });
    expect(actionsFor(r, "A1")).toEqual(["safe_and_well_visit"]);
  });

  it("is due when nobody is reached even though the absence is coded", () => {
    expect(actionsFor(burgh(absentFor(4, "I")), "A1")).toEqual(["safe_and_well_visit"]);
  });

  it("is not due when a parent was reached and the absence is explained", () => {
    expect(actionsFor(burgh(absentFor(4, "I"), { contacts: [contact("A1", "2026-11-17", false), contact("A1", "2026-11-16", true)] }), "A1")).toEqual([]);
  });

  it("is answered by a visit made during the run, but not by a cancelled one or one before the run", () => {
    const madeVisit = burgh(absentFor(3), { visits: [visit("A1", "2026-11-17", "no_contact")] });
    expect(actionsFor(madeVisit, "A1")).not.toContain("safe_and_well_visit");
    const parentOnly = burgh(absentFor(3), { visits: [visit("A1", "2026-11-17", "parent_seen_child_not_seen")] });
    expect(actionsFor(parentOnly, "A1")).not.toContain("safe_and_well_visit");
    const cancelled = burgh(absentFor(3), { visits: [visit("A1", "2026-11-17", "cancelled")] });
    expect(actionsFor(cancelled, "A1")).toContain("safe_and_well_visit");
    const earlier = burgh(absentFor(3), { visits: [visit("A1", "2026-11-13", "no_contact")] });
    expect(actionsFor(earlier, "A1")).toContain("safe_and_well_visit");
  });

  it("counts Day 3 in school days across a holiday inside the run", () => {
    const marks = [...presentDays("A1", schoolDays("2026-11-02", "2026-11-12")), ...absentDays("A1", ["2026-11-13", "2026-11-17", TODAY])];
    expect(actionsFor(burgh(marks, { nonSchoolDays: ["2026-11-16"] }), "A1")).toContain("safe_and_well_visit");
  });
});

describe("burgh eyes_on_visit (6.3)", () => {
  it("is due on the 6th unseen school day, not the 5th", () => {
    expect(actionsFor(burgh(absentFor(5, "I"), { contacts: [contact("A1", TODAY, true)] }), "A1")).toEqual([]);
    const r = burgh(absentFor(6, "I"), { contacts: [contact("A1", TODAY, true)] });
    expect(actionsFor(r, "A1")).toEqual(["eyes_on_visit"]);
    expect(actionOf(r, "A1", "eyes_on_visit")).toMatchObject({
      rule: "burgh 6.3",
      priority: 1,
      facts: { unseenSince: "2026-11-11", unseenDays: 6 },
    });
  });

  it("takes the place of the safe-and-well visit", () => {
    expect(actionsFor(burgh(absentFor(6)), "A1")).toEqual(["contact_parents", "eyes_on_visit"]);
  });

  it("does not count days the child is known to be on holiday (all G)", () => {
    const days = schoolDays("2026-11-02", TODAY);
    const marks = [...presentDays("A1", days.slice(0, 3)), ...absentDays("A1", days.slice(3, 10), "G"), ...absentDays("A1", days.slice(10), "I")];
    expect(actionsFor(burgh(marks, { contacts: [contact("A1", TODAY, true)] }), "A1")).toEqual([]);
  });

  it("is cleared by a sighting today", () => {
    expect(actionsFor(burgh(absentFor(8, "I"), { sightings: [sighting("A1", TODAY)], contacts: [contact("A1", TODAY, true)] }), "A1")).toEqual([]);
  });

  it("follows the school's own limit when the template is edited (5 → 4)", () => {
    const edited = editedTemplate("burgh", "eyes_on_visit", { maxSchoolDaysUnseen: 4 });
    const scenario = buildScenario({ today: TODAY, marks: absentFor(5, "I"), contacts: [contact("A1", TODAY, true)] });
    expect(actionsFor(run(scenario, edited), "A1")).toEqual(["eyes_on_visit"]);
    expect(actionsFor(run(scenario), "A1")).toEqual([]);
  });
});

describe("burgh notify_local_authority (PNAR)", () => {
  const reached = { contacts: [contact("A1", "2026-11-03", true)] };

  it("is due after 10 school days of unauthorised absence, not 9", () => {
    expect(actionsFor(burgh(absentFor(9, "O"), reached), "A1")).not.toContain("notify_local_authority");
    const r = burgh(absentFor(10, "O"), reached);
    expect(actionsFor(r, "A1")).toContain("notify_local_authority");
    expect(actionOf(r, "A1", "notify_local_authority")).toMatchObject({
      rule: "burgh local reporting duties (PNAR)",
      facts: { windowStart: "2026-11-05", windowEnd: TODAY },
    });
  });

  it("counts G, N and O but not authorised absence or U", () => {
    const days = schoolDays("2026-10-05", TODAY);
    const mixed = [...presentDays("A1", days.slice(0, -10)), ...absentDays("A1", days.slice(-10, -6), "G"), ...absentDays("A1", days.slice(-6, -3), "N"), ...absentDays("A1", days.slice(-3), "O")];
    expect(actionsFor(burgh(mixed), "A1")).toContain("notify_local_authority");
    const withIllness = mixed.map((m) => (m.date === days.at(-5) ? { ...m, code: "I" as const } : m));
    expect(actionsFor(burgh(withIllness), "A1")).not.toContain("notify_local_authority");
    const withLate = mixed.map((m) => (m.date === days.at(-5) && m.session === "AM" ? { ...m, code: "U" as const } : m));
    expect(actionsFor(burgh(withLate), "A1")).not.toContain("notify_local_authority");
  });

  it("counts school days, across a half-term with no marks", () => {
    const halfTerm = schoolDays("2026-10-26", "2026-10-30");
    const days = schoolDays("2026-10-05", TODAY, halfTerm);
    const marks = [...presentDays("A1", days.slice(0, -10)), ...absentDays("A1", days.slice(-10), "N")];
    expect(days.slice(-10)[0]).toBe("2026-11-05");
    const earlier = [...presentDays("A1", schoolDays("2026-10-05", "2026-10-21")), ...absentDays("A1", ["2026-10-22", "2026-10-23", ...schoolDays("2026-11-02", TODAY)])];
    expect(actionsFor(burgh(marks, { nonSchoolDays: halfTerm }), "A1")).toContain("notify_local_authority");
    expect(actionsFor(burgh(earlier, { nonSchoolDays: halfTerm }), "A1")).toContain("notify_local_authority");
  });

  it("is not due for a pupil whose marks began fewer than 10 school days ago", () => {
    expect(actionsFor(burgh(absentDays("A1", schoolDays("2026-11-06", TODAY))), "A1")).not.toContain("notify_local_authority");
  });
});

describe("burgh consider_cme_referral (9)", () => {
  const marks = absentFor(4, "N");

  it("is due after a no-contact visit during the unseen streak with nobody reached since", () => {
    const r = burgh(marks, { visits: [visit("A1", "2026-11-17", "no_contact")] });
    expect(actionsFor(r, "A1")).toContain("consider_cme_referral");
    expect(actionOf(r, "A1", "consider_cme_referral")).toMatchObject({ rule: "burgh 9", facts: { noContactVisit: "2026-11-17" } });
  });

  it("is not due once a parent is reached on or after the visit's date", () => {
    expect(actionsFor(burgh(marks, { visits: [visit("A1", "2026-11-17", "no_contact")], contacts: [contact("A1", "2026-11-17", true)] }), "A1")).not.toContain("consider_cme_referral");
  });

  it("is still due when the only parent reached was before the visit", () => {
    expect(actionsFor(burgh(marks, { visits: [visit("A1", "2026-11-17", "no_contact")], contacts: [contact("A1", "2026-11-16", true)] }), "A1")).toContain("consider_cme_referral");
  });

  it("ignores visits before the streak and visits with another outcome", () => {
    expect(actionsFor(burgh(marks, { visits: [visit("A1", "2026-11-12", "no_contact")] }), "A1")).not.toContain("consider_cme_referral");
    expect(actionsFor(burgh(marks, { visits: [visit("A1", "2026-11-17", "cancelled")] }), "A1")).not.toContain("consider_cme_referral");
  });

  it("is not due when the child was seen today", () => {
    const seen = [...marks.filter((m) => m.date !== TODAY), ...dayMarks("A1", TODAY, "/")];
    expect(actionsFor(burgh(seen, { visits: [visit("A1", "2026-11-17", "no_contact")] }), "A1")).toEqual([]);
  });
});
