import { describe, expect, it } from "vitest";
import { addDays, epochDayOf, isIsoDate, isSchoolDate, mondayOf, monthsBefore, parseIsoDate, toIsoDate, weekdayOf } from "./iso-date";

describe("ISO calendar dates", () => {
  it("round-trips day numbers", () => {
    for (const d of ["1970-01-01", "2000-02-29", "2026-03-29", "2026-10-25", "2026-12-31", "2100-03-01"]) {
      expect(toIsoDate(epochDayOf(d))).toBe(d);
      expect(parseIsoDate(d)).toBe(epochDayOf(d));
    }
    expect(epochDayOf("1970-01-01")).toBe(0);
  });

  it("has no daylight-saving gaps: the clocks changing is just another day", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
  });

  it("rejects malformed and impossible dates", () => {
    for (const d of ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-1", "2026-01-01T00:00", "", "2026/01/01"]) {
      expect(isIsoDate(d), d).toBe(false);
    }
    expect(isIsoDate("2024-02-29")).toBe(true);
  });

  it("knows weekdays and the Monday of a week", () => {
    expect(weekdayOf(epochDayOf("2026-11-16"))).toBe(1);
    expect(weekdayOf(epochDayOf("2026-11-22"))).toBe(7);
    expect(toIsoDate(mondayOf(epochDayOf("2026-11-22")))).toBe("2026-11-16");
    expect(toIsoDate(mondayOf(epochDayOf("2026-11-16")))).toBe("2026-11-16");
  });

  it("goes back whole months, clamping to the end of a shorter month", () => {
    expect(monthsBefore("2026-05-31", 3)).toBe("2026-02-28");
    expect(monthsBefore("2024-05-31", 3)).toBe("2024-02-29");
    expect(monthsBefore("2026-03-31", 3)).toBe("2025-12-31");
    expect(monthsBefore("2026-01-15", 3)).toBe("2025-10-15");
    expect(monthsBefore("2026-07-31", 3)).toBe("2026-04-30");
    expect(monthsBefore("2026-11-18", 3)).toBe("2026-08-18");
  });
});

describe("isSchoolDate", () => {
  it("holds dates to 2000–2099, so no range through the door is unbounded", () => {
    expect(isSchoolDate("2000-01-01")).toBe(true);
    expect(isSchoolDate("2099-12-31")).toBe(true);
    expect(isSchoolDate("9999-12-31")).toBe(false);
    expect(isSchoolDate("1999-12-31")).toBe(false);
    expect(isSchoolDate("2026-02-29")).toBe(false);
  });
});
