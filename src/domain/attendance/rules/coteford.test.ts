import { describe, expect, it } from "vitest";
import type { AttendanceCode } from "../codes";
import type { Mark } from "../evaluation-input";
import {
  absentDays,
  actionOf,
  actionsFor,
  buildScenario,
  dayMarks,
  editedTemplate,
  presentDays,
  run,
  schoolDays,
} from "../testing/scenario-builders";

// Friday 2026-07-31: three months back is 2026-04-31, which does not exist, so the window opens 2026-04-30.
const TODAY = "2026-07-31";
const coteford = (marks: Mark[], today = TODAY) =>
  run(buildScenario({ policy: "coteford", today, marks }));

/** Ten whole days (20 sessions) from 2026-04-30: `absent` of them N, the rest present. */
function tenDays(absent: number, code: AttendanceCode = "N"): Mark[] {
  const days = schoolDays("2026-04-30", "2026-05-13");
  expect(days).toHaveLength(10);
  return [...absentDays("A1", days.slice(0, absent), code), ...presentDays("A1", days.slice(absent))];
}

describe("coteford legal_threshold_review (4.4)", () => {
  it("is due below 90%", () => {
    const r = coteford(tenDays(2));
    expect(actionsFor(r, "A1")).toEqual(["legal_threshold_review"]);
    expect(actionOf(r, "A1", "legal_threshold_review")).toMatchObject({
      rule: "coteford 4.4",
      facts: { windowStart: "2026-04-30", windowEnd: TODAY, attendancePercent: 80, sessions: 20 },
    });
    expect(actionOf(r, "A1", "legal_threshold_review")!.reason).toMatch(/80% \(16 of 20 sessions\) from 2026-04-30 to 2026-07-31/);
  });

  it("is not due at exactly 90%", () => {
    expect(actionsFor(coteford(tenDays(1)), "A1")).toEqual([]);
    expect(actionsFor(coteford([...tenDays(1), ...dayMarks("A1", "2026-05-14", "/", "N")]), "A1")).toEqual(["legal_threshold_review"]);
  });

  it("clamps the window to the month's last day: 2026-04-29 is outside, 2026-04-30 inside", () => {
    const outside = [...absentDays("A1", ["2026-04-29", "2026-04-28"]), ...tenDays(1)];
    expect(actionsFor(coteford(outside), "A1")).toEqual([]);
  });

  it("runs from the same day of the month three months back, both ends inclusive", () => {
    // Wednesday 2026-11-18 → from Tuesday 2026-08-18.
    const marks = [...absentDays("A1", ["2026-08-17"]), ...dayMarks("A1", "2026-08-18", "N", "/"), ...presentDays("A1", schoolDays("2026-08-19", "2026-08-21")), ...dayMarks("A1", "2026-11-18", "/")];
    const r = coteford(marks, "2026-11-18");
    // 8 present of 9 possible = 88.9%
    expect(actionOf(r, "A1", "legal_threshold_review")?.facts).toMatchObject({ windowStart: "2026-08-18", sessions: 9 });
  });

  it("counts attending elsewhere and late-before-close as attending, U as a missed session", () => {
    expect(actionsFor(coteford(tenDays(10, "K")), "A1")).toEqual([]);
    expect(actionsFor(coteford(tenDays(10, "L")), "A1")).toEqual([]);
    expect(actionsFor(coteford(tenDays(2, "U")), "A1")).toEqual(["legal_threshold_review"]);
  });

  it("ignores not-possible sessions in both counts", () => {
    expect(actionsFor(coteford([...tenDays(1), ...absentDays("A1", schoolDays("2026-05-14", "2026-05-29"), "Y1")]), "A1")).toEqual([]);
  });

  it("has nothing to say about a pupil with no possible session in the window", () => {
    expect(actionsFor(coteford(absentDays("A1", ["2026-04-29"], "N")), "A1")).toEqual([]);
    expect(actionsFor(coteford(absentDays("A1", ["2026-05-04"], "X")), "A1")).toEqual([]);
  });

  it("follows an edited threshold", () => {
    const lenient = editedTemplate("coteford", "legal_threshold_review", { thresholdPercent: 80 });
    expect(actionsFor(run(buildScenario({ policy: "coteford", today: TODAY, marks: tenDays(2) }), lenient), "A1")).toEqual([]);
  });
});
