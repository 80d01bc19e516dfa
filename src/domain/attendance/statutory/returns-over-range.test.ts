import { describe, expect, it } from "vitest";
import { SchoolCalendar } from "../school-calendar";
import { absentDays, buildScenario, presentDays, schoolDays } from "../testing/scenario-builders";
import { returnsDueBetween, returnsFigures } from "./returns-over-range";
import { evaluateStatutory } from "./evaluate-statutory";
import { isReturnDuty } from "./duties";

/** A: 10 unauthorised days from 2 November, back on 16 November. B: joined 9 November. */
const calendar = new SchoolCalendar([]);
const absent = calendar.schoolDaysBetween("2026-11-02", "2026-11-13");
const marks = [
  ...presentDays("A1", schoolDays("2026-09-01", "2026-10-30", []).filter((d) => d < "2026-11-02")),
  ...absentDays("A1", absent, "O"),
  ...presentDays("A1", calendar.schoolDaysBetween("2026-11-16", "2026-11-30")),
];
const input = { ...buildScenario({ marks }), pupils: [{ upn: "A1" }, { upn: "B1", joinedOn: "2026-11-09" }] };

describe("returns due over a range", () => {
  it("finds a 10-day return due in the range though no longer owed at its end (the child came back)", () => {
    const due = returnsDueBetween(input, "2026-11-01", "2026-11-30");
    expect(due.map((a) => `${a.upn} ${a.duty} ${a.dueOn}`)).toEqual(["A1 ten_day_return 2026-11-13", "B1 new_pupil_return 2026-11-16"]);
  });

  it("leaves out returns due outside the range", () => {
    expect(returnsDueBetween(input, "2026-11-14", "2026-11-30").map((a) => a.duty)).toEqual(["new_pupil_return"]);
    expect(returnsDueBetween(input, "2026-11-01", "2026-11-12")).toEqual([]);
  });

  it("counts a return overdue when submitted after its due date or not at all, and one due today as neither", () => {
    const due = returnsDueBetween(input, "2026-11-01", "2026-11-30");
    const [ten] = due;
    const none = returnsFigures(due, new Map(), "2026-11-30");
    expect(none.find((f) => f.duty === "ten_day_return")).toEqual({ duty: "ten_day_return", due: 1, submittedOnTime: 0, submittedLate: 0, notSubmitted: 1, overdue: 1 });
    const late = returnsFigures(due, new Map([[`A1 ten_day_return ${ten!.episodeKey}`, "2026-11-16"]]), "2026-11-30");
    expect(late.find((f) => f.duty === "ten_day_return")).toMatchObject({ submittedLate: 1, notSubmitted: 0, overdue: 1 });
    const onTime = returnsFigures(due, new Map([[`A1 ten_day_return ${ten!.episodeKey}`, "2026-11-13"]]), "2026-11-30");
    expect(onTime.find((f) => f.duty === "ten_day_return")).toMatchObject({ submittedOnTime: 1, overdue: 0 });
    const dueToday = returnsFigures(due, new Map(), "2026-11-16");
    expect(dueToday.find((f) => f.duty === "new_pupil_return")).toMatchObject({ due: 1, notSubmitted: 0, overdue: 0 });
    expect(returnsFigures(due, new Map(), "2026-11-15").find((f) => f.duty === "new_pupil_return")).toMatchObject({ due: 0 });
  });
});

it("finds what evaluating every school day of the range finds (the pupils it skips could owe nothing)", () => {
  const sick = absentDays("C1", calendar.schoolDaysBetween("2026-10-19", "2026-11-09"), "I");
  const long = absentDays("D1", calendar.schoolDaysBetween("2026-10-19", "2026-11-27"), "N");
  const wide = { ...input, marks: [...marks, ...sick, ...long], pupils: [...input.pupils, { upn: "C1" }, { upn: "D1" }, { upn: "E1", deletionGrounds: [{ ground: "home_educated" as const, metOn: "2026-11-20" }] }] };
  const naive = new Map<string, string>();
  for (const today of calendar.schoolDaysBetween("2026-11-01", "2026-11-30")) {
    for (const a of evaluateStatutory({ ...wide, today }).actions) {
      if (isReturnDuty(a.duty) && a.dueOn >= "2026-11-01" && a.dueOn <= "2026-11-30") naive.set(`${a.upn} ${a.duty} ${a.episodeKey}`, a.dueOn);
    }
  }
  const found = returnsDueBetween(wide, "2026-11-01", "2026-11-30");
  expect(new Map(found.map((a) => [`${a.upn} ${a.duty} ${a.episodeKey}`, a.dueOn]))).toEqual(naive);
  expect(new Set(found.map((a) => a.duty))).toEqual(new Set(["ten_day_return", "new_pupil_return", "sickness_return", "deletion_return"]));
});
