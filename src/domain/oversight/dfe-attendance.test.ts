import { describe, expect, it } from "vitest";
import { absenceBand, dfeAttendance, newlyPersistentlyAbsent } from "./dfe-attendance";

const sessions = (present: number, absent: number, code = "O") => [...Array<string>(present).fill("/"), ...Array<string>(absent).fill(code)];

describe("DfE attendance figures", () => {
  it("puts a pupil in persistent absence at exactly 10% missed and severe at exactly 50%", () => {
    expect(absenceBand(20, 1)).toBe("none");
    expect(absenceBand(20, 2)).toBe("persistent");
    expect(absenceBand(20, 9)).toBe("persistent");
    expect(absenceBand(20, 10)).toBe("severe");
    expect(absenceBand(0, 0)).toBe("none");
  });

  it("gives attendance, persistent and severe absence by year group and for the school", () => {
    const f = dfeAttendance(
      [
        { upn: "A", yearGroup: "Year 2", codes: sessions(20, 0) },
        { upn: "B", yearGroup: "Year 2", codes: sessions(18, 2, "I") },
        { upn: "C", yearGroup: "Year 10", codes: sessions(10, 10) },
        { upn: "D", yearGroup: "Reception", codes: ["#", "#"] },
        { upn: "E", yearGroup: null, codes: sessions(19, 1) },
      ],
      "2026-03-02",
      "2026-03-13",
    );
    expect(f.byYearGroup.map((g) => g.yearGroup)).toEqual(["Year 2", "Year 10", "Not recorded"]);
    expect(f.byYearGroup[0]).toEqual({ yearGroup: "Year 2", pupils: 2, possibleSessions: 40, sessionsMissed: 2, attendancePercent: 95, persistentlyAbsent: 1, severelyAbsent: 0 });
    expect(f.byYearGroup[1]).toMatchObject({ persistentlyAbsent: 1, severelyAbsent: 1, attendancePercent: 50 });
    expect(f.whole).toMatchObject({ pupils: 4, possibleSessions: 80, sessionsMissed: 13, attendancePercent: 83.8, persistentlyAbsent: 2, severelyAbsent: 1 });
  });

  it("names as newly persistently absent only those who were not before the half-term began", () => {
    const before = new Map([
      ["A", { possible: 100, missed: 5 }],
      ["B", { possible: 100, missed: 15 }],
    ]);
    const now = new Map([
      ["A", { possible: 120, missed: 13 }],
      ["B", { possible: 120, missed: 16 }],
      ["C", { possible: 20, missed: 2 }],
      ["D", { possible: 20, missed: 1 }],
    ]);
    expect(newlyPersistentlyAbsent(before, now)).toEqual(["A", "C"]);
  });
});
