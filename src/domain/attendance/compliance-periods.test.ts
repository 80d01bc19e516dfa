import { describe, expect, it } from "vitest";
import { periodRange, schoolDaysOf } from "./compliance-periods";
import { SchoolCalendar } from "./school-calendar";

// Spring half-term 16-20 February 2026; Good Friday 3 April a single closure.
const calendar = new SchoolCalendar(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-03"]);

describe("compliance periods", () => {
  it("ends on the latest school day: a Sunday reads to the Friday before", () => {
    expect(periodRange(calendar, "2026-03-08", "this_week")).toEqual({ from: "2026-03-02", to: "2026-03-06" });
  });

  it("starts this half-term after the last holiday of several weekdays, not after a single closed day", () => {
    expect(periodRange(calendar, "2026-03-11", "half_term")).toEqual({ from: "2026-02-23", to: "2026-03-11" });
    expect(periodRange(calendar, "2026-04-08", "half_term").from).toBe("2026-02-23");
  });

  it("covers six calendar weeks to the latest school day", () => {
    expect(periodRange(calendar, "2026-03-13", "six_weeks")).toEqual({ from: "2026-02-02", to: "2026-03-13" });
  });

  it("moves a custom range's ends onto school days, and refuses one with none", () => {
    expect(() => schoolDaysOf(calendar, "2026-02-14", "2026-02-22")).toThrow(/from: there is no school day/);
    expect(schoolDaysOf(calendar, "2026-02-15", "2026-03-01")).toEqual({ from: "2026-02-23", to: "2026-02-27" });
    expect(() => schoolDaysOf(calendar, "2026-03-06", "2026-03-02")).toThrow(/to: .* is before from/);
  });
});
