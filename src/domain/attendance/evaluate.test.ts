import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors";
import { policyTemplates } from "../policy/templates";
import { evaluate } from "./evaluate";
import { absentDays, buildScenario, contact, presentDays, pupil, run, schoolDays, visit } from "./testing/scenario-builders";

const TODAY = "2026-11-18";
const longAbsence = [...presentDays("A1", schoolDays("2026-09-01", "2026-10-02")), ...absentDays("A1", schoolDays("2026-10-05", TODAY), "N")];

describe("evaluate", () => {
  it("returns nothing for hunsbury-park, whatever the register says", () => {
    const s = buildScenario({ policy: "hunsbury-park", marks: longAbsence, visits: [visit("A1", "2026-11-17", "no_contact")] });
    expect(run(s)).toEqual({ date: TODAY, actions: [] });
  });

  it("lists the most urgent first, then by pupil", () => {
    const s = buildScenario({
      pupils: [pupil("C3"), pupil("A1"), pupil("B2")],
      marks: [...longAbsence, ...absentDays("B2", schoolDays("2026-11-16", TODAY)), ...absentDays("C3", schoolDays("2026-11-09", TODAY))],
      visits: [visit("A1", "2026-11-16", "no_contact")],
    });
    const list = run(s).actions.map((a) => `${a.priority} ${a.upn} ${a.action}`);
    expect(list).toEqual([
      "1 A1 eyes_on_visit",
      "1 A1 consider_cme_referral",
      "1 C3 eyes_on_visit",
      "2 B2 safe_and_well_visit",
      "3 A1 contact_parents",
      "3 B2 contact_parents",
      "3 C3 contact_parents",
      "4 A1 notify_local_authority",
    ]);
  });

  it("gives every action a clause, a reason with dates, and its facts", () => {
    const s = buildScenario({ marks: longAbsence, visits: [visit("A1", "2026-11-16", "no_contact")] });
    for (const a of run(s).actions) {
      expect(a.rule).toMatch(/^burgh /);
      expect(a.reason).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(Object.keys(a.facts).length).toBeGreaterThan(0);
    }
  });

  it("refuses a today that is not a school day or not a date", () => {
    expect(() => run(buildScenario({ today: "2026-11-21" }))).toThrow(InvalidInput);
    expect(() => run(buildScenario({ today: "2026-11-18", nonSchoolDays: ["2026-11-18"] }))).toThrow(/today/);
    expect(() => run(buildScenario({ policy: "hunsbury-park", today: "18/11/2026" }))).toThrow(/today/);
  });

  it("evaluates a repeated upn once and ignores records for pupils not listed", () => {
    const s = buildScenario({
      pupils: [pupil("A1"), pupil("A1")],
      marks: [...absentDays("A1", [TODAY]), ...absentDays("Z9", [TODAY])],
      contacts: [contact("Z9", TODAY, true)],
    });
    expect(run(s).actions.map((a) => `${a.upn} ${a.action}`)).toEqual(["A1 contact_parents"]);
  });

  it("ignores marks after the current week", () => {
    const s = buildScenario({ marks: [...absentDays("A1", [TODAY]), ...presentDays("A1", ["2026-12-01"])] });
    expect(run(s).actions.map((a) => a.action)).toEqual(["contact_parents"]);
  });

  it("does not change the template it is given", () => {
    const before = JSON.stringify(policyTemplates.burgh);
    evaluate(policyTemplates.burgh, buildScenario({ marks: longAbsence }));
    expect(JSON.stringify(policyTemplates.burgh)).toBe(before);
  });
});
