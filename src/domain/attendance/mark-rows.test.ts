import { describe, expect, it } from "vitest";
import { checkMarkRow, mapMarkColumns, MarkRowError, parseMarkDate, wondeRecordToRaw } from "./mark-rows";

const cols = { upn: "upn", date: "date", session: "session", code: "code" };

describe("register mark rows", () => {
  it("maps the canonical header and MIS export headers by name, in any order", () => {
    expect(mapMarkColumns(["upn", "date", "session", "code"]).code.index).toBe(3);
    const sims = mapMarkColumns(["Attendance Date", "AM/PM", "Mark", "Pupil UPN", "Surname"]);
    expect(sims.upn.index).toBe(3);
    expect(sims.session.header).toBe("AM/PM");
  });

  it("names the missing column", () => {
    expect(() => mapMarkColumns(["upn", "date", "code"])).toThrow(/no column for session/);
  });

  it("reads ISO, UK and date-time dates, and refuses impossible ones", () => {
    expect(parseMarkDate("2026-03-09")).toBe("2026-03-09");
    expect(parseMarkDate("9/3/2026")).toBe("2026-03-09");
    expect(parseMarkDate("2026-03-09 00:00:00.000000")).toBe("2026-03-09");
    expect(parseMarkDate("2026-02-30")).toBeNull();
    expect(parseMarkDate("31/02/2026")).toBeNull();
  });

  it("refuses a bad cell with its line, column and reason", () => {
    try {
      checkMarkRow({ upn: "A1", date: "2026-03-09", session: "AM", code: "ZZ" }, 7, cols);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MarkRowError);
      expect((e as MarkRowError).message).toBe('line 7, column code: "ZZ" is not a DfE attendance code');
    }
    expect(() => checkMarkRow({ upn: "A1", date: "2026-03-09", session: "Evening", code: "/" }, 3, cols)).toThrow(/line 3, column session/);
  });

  it("reads a Wonde attendance record", () => {
    const raw = wondeRecordToRaw({
      id: "A1",
      session: "PM",
      date: { date: "2026-03-09 00:00:00.000000", timezone: "Europe/London" },
      student: { data: { upn: "A123456789012" } },
      attendance_code: { data: { code: "N" } },
    });
    expect(checkMarkRow(raw, 2, cols)).toEqual({ upn: "A123456789012", date: "2026-03-09", session: "PM", code: "N" });
  });
});
