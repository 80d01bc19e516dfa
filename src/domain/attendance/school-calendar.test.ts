import { describe, expect, it } from "vitest";
import { toIsoDate } from "./iso-date";
import { SchoolCalendar } from "./school-calendar";

describe("SchoolCalendar", () => {
  const halfTerm = ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"];
  const calendar = new SchoolCalendar(["2026-11-20", ...halfTerm]);

  it("never counts weekends, nor the school's non-school days", () => {
    expect(calendar.isSchoolDay("2026-11-18")).toBe(true);
    expect(calendar.isSchoolDay("2026-11-21")).toBe(false);
    expect(calendar.isSchoolDay("2026-11-22")).toBe(false);
    expect(calendar.isSchoolDay("2026-11-20")).toBe(false);
  });

  it("steps over weekends and closures", () => {
    expect(calendar.previousSchoolDay("2026-11-23")).toBe("2026-11-19");
    expect(calendar.nextSchoolDay("2026-11-19")).toBe("2026-11-23");
    expect(calendar.previousSchoolDay("2026-11-02")).toBe("2026-10-23");
  });

  it("lists school days in a range and the last n", () => {
    expect(calendar.schoolDaysBetween("2026-11-16", "2026-11-23")).toEqual([
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-23",
    ]);
    expect(calendar.lastSchoolDays("2026-11-03", 3)).toEqual(["2026-10-23", "2026-11-02", "2026-11-03"]);
    expect(calendar.lastSchoolDays("2026-11-22", 1)).toEqual(["2026-11-19"]);
  });

  it("passes over calendar weeks with no school day", () => {
    const weeks = calendar.recentTeachingWeeks("2026-11-04", 3).map(toIsoDate);
    expect(weeks).toEqual(["2026-11-02", "2026-10-19", "2026-10-12"]);
  });
});
