import { describe, expect, it } from "vitest";
import type { Mark } from "../evaluation-input";
import {
  absentDays,
  actionOf,
  actionsFor,
  buildScenario,
  contact,
  dayMarks,
  presentDays,
  run,
  schoolDays,
  sighting,
  visit,
} from "../testing/scenario-builders";

const TODAY = "2026-11-18";
function absentFor(n: number, code: "N" | "I" = "N"): Mark[] {
  const days = schoolDays("2026-11-02", TODAY);
  return [...presentDays("A1", days.slice(0, -n)), ...absentDays("A1", days.slice(-n), code)];
}
const scargill = (marks: Mark[], extra: Parameters<typeof buildScenario>[0] = {}) =>
  run(buildScenario({ policy: "scargill", today: TODAY, marks, ...extra }));

describe("scargill safe_and_well_visit (safe and well check)", () => {
  it("is due on the first day of unexplained absence with nobody reached", () => {
    const r = scargill(absentFor(1));
    expect(actionsFor(r, "A1")).toEqual(["safe_and_well_visit"]);
    expect(actionOf(r, "A1", "safe_and_well_visit")).toMatchObject({ rule: "scargill safe and well check", facts: { dayNumber: 1 } });
  });

  it("needs both: not due once a parent is reached, nor when the absence is explained", () => {
    expect(actionsFor(scargill(absentFor(1), { contacts: [contact("A1", TODAY, true)] }), "A1")).toEqual([]);
    expect(actionsFor(scargill(absentFor(1, "I")), "A1")).toEqual([]);
  });

  it("needs N among today's marks, not earlier in the run", () => {
    const marks = [...absentFor(2).filter((m) => m.date !== TODAY), ...dayMarks("A1", TODAY, "I", "I")];
    expect(actionsFor(scargill(marks), "A1")).toEqual([]);
  });

  it("is answered by a visit made during the run, not by a cancelled one", () => {
    expect(actionsFor(scargill(absentFor(2), { visits: [visit("A1", "2026-11-17", "no_contact")] }), "A1")).toEqual([]);
    expect(actionsFor(scargill(absentFor(2), { visits: [visit("A1", "2026-11-17", "cancelled")] }), "A1")).toEqual(["safe_and_well_visit"]);
  });

  it("counts a parent reached only within the run", () => {
    expect(actionsFor(scargill(absentFor(2), { contacts: [contact("A1", "2026-11-16", true)] }), "A1")).toEqual(["safe_and_well_visit"]);
  });
});

describe("scargill unannounced_visit (three day absence check)", () => {
  it("is due on the third day of absence unseen, and takes the place of the safe and well check", () => {
    const r = scargill(absentFor(3));
    expect(actionsFor(r, "A1")).toEqual(["unannounced_visit"]);
    expect(actionOf(r, "A1", "unannounced_visit")).toMatchObject({
      rule: "scargill three day absence check",
      facts: { runStart: "2026-11-16", dayNumber: 3, unseenSince: "2026-11-16", unseenDays: 3 },
    });
  });

  it("is due for explained absence too, even with a parent reached", () => {
    expect(actionsFor(scargill(absentFor(3, "I"), { contacts: [contact("A1", "2026-11-16", true)] }), "A1")).toEqual(["unannounced_visit"]);
  });

  it("is not due on Day 2", () => {
    expect(actionsFor(scargill(absentFor(2, "I")), "A1")).toEqual([]);
  });

  it("is not due when the child was seen during the run", () => {
    const r = scargill(absentFor(3), { sightings: [sighting("A1", "2026-11-17")] });
    expect(actionsFor(r, "A1")).toEqual(["safe_and_well_visit"]);
  });

  it("is not due when the unseen streak is cut short by the pupil's first mark", () => {
    // Three days of absence is the whole record: still 3 unseen days.
    expect(actionsFor(scargill(absentDays("A1", ["2026-11-16", "2026-11-17", TODAY], "I")), "A1")).toEqual(["unannounced_visit"]);
    expect(actionsFor(scargill(absentDays("A1", ["2026-11-17", TODAY], "I")), "A1")).toEqual([]);
  });
});
