import { describe, expect, it } from "vitest";
import type { AttendanceCode } from "../codes";
import type { Mark } from "../evaluation-input";
import { absentDays, actionOf, actionsFor, buildScenario, dayMarks, presentDays, run, schoolDays } from "../testing/scenario-builders";

// Wednesday 2026-11-18: the current week is Mon 2026-11-16 to Sun 2026-11-22; the previous nine
// reach back to Mon 2026-09-14 when every week has school days.
const TODAY = "2026-11-18";
const transform = (marks: Mark[], nonSchoolDays: string[] = []) =>
  run(buildScenario({ policy: "transform-trust", today: TODAY, marks, nonSchoolDays }));

/** One session of `code` on each date, the other session present. */
function halfDays(dates: string[], code: AttendanceCode = "N"): Mark[] {
  return dates.flatMap((d) => dayMarks("A1", d, code, "/"));
}

describe("transform-trust penalty_notice_review (5.3)", () => {
  it("is due at 10 sessions of G, N, O or U in the current and previous 9 weeks", () => {
    const r = transform([...absentDays("A1", ["2026-09-14", "2026-09-15"], "G"), ...halfDays(["2026-10-01", "2026-10-02"], "O"), ...absentDays("A1", ["2026-11-02"], "N"), ...halfDays(["2026-11-16", "2026-11-17"], "U"), ...dayMarks("A1", TODAY, "N")]);
    expect(actionsFor(r, "A1")).toEqual(["penalty_notice_review"]);
    expect(actionOf(r, "A1", "penalty_notice_review")).toMatchObject({
      rule: "transform-trust 5.3",
      facts: { windowStart: "2026-09-14", windowEnd: "2026-11-22", sessions: 11 },
    });
  });

  it("is not due at 9 sessions", () => {
    expect(actionsFor(transform([...absentDays("A1", schoolDays("2026-11-09", "2026-11-12"), "N"), ...dayMarks("A1", TODAY, "N")]), "A1")).toEqual([]);
  });

  it("does not count authorised absence", () => {
    expect(actionsFor(transform(absentDays("A1", schoolDays("2026-11-02", TODAY), "I")), "A1")).toEqual([]);
  });

  it("counts U: late after registers closed is unauthorised in the figures", () => {
    expect(actionsFor(transform(absentDays("A1", schoolDays("2026-11-09", "2026-11-13"), "U")), "A1")).toEqual(["penalty_notice_review"]);
  });

  it("does not count sessions in the eleventh week back", () => {
    const eleventh = absentDays("A1", schoolDays("2026-09-07", "2026-09-11"), "N");
    expect(actionsFor(transform([...eleventh, ...dayMarks("A1", TODAY, "N")]), "A1")).toEqual([]);
  });

  it("passes over a week with no school day, reaching one week further back", () => {
    const halfTerm = schoolDays("2026-10-26", "2026-10-30");
    const r = transform([...absentDays("A1", schoolDays("2026-09-07", "2026-09-11"), "N")], halfTerm);
    expect(actionsFor(r, "A1")).toEqual(["penalty_notice_review"]);
    expect(actionOf(r, "A1", "penalty_notice_review")?.facts.windowStart).toBe("2026-09-07");
  });

  it("keeps a week with only one school day", () => {
    const mostOfWeek = schoolDays("2026-10-26", "2026-10-29");
    const r = transform(absentDays("A1", schoolDays("2026-09-07", "2026-09-11"), "N"), mostOfWeek);
    expect(actionsFor(r, "A1")).toEqual([]);
  });

  it("reads the whole current week, as the rule's calendar weeks do", () => {
    const later = absentDays("A1", ["2026-11-19", "2026-11-20"], "N");
    expect(actionsFor(transform([...later, ...halfDays(schoolDays("2026-11-09", "2026-11-13")), ...dayMarks("A1", TODAY, "N")]), "A1")).toEqual(["penalty_notice_review"]);
  });

  it("counts only G, N, O and U: nine such sessions among present and not-possible ones is not enough", () => {
    const days = schoolDays("2026-09-14", TODAY);
    const marks = (unauthorised: number) => [
      ...halfDays(days.slice(0, unauthorised), "N"),
      ...presentDays("A1", days.slice(unauthorised, 20)),
      ...absentDays("A1", days.slice(20, 30), "X"),
      ...absentDays("A1", days.slice(30), "Y1"),
    ];
    expect(actionsFor(transform(marks(9)), "A1")).toEqual([]);
    expect(actionsFor(transform(marks(10)), "A1")).toEqual(["penalty_notice_review"]);
  });
});
