import { describe, expect, it } from "vitest";
import { ATTENDANCE_CODES, classifyCode, isAttendanceCode, type CodeClass } from "./codes";

describe("DfE attendance codes", () => {
  const table: Record<CodeClass, string[]> = {
    present: ["/", "\\", "L"],
    attending_elsewhere: ["K", "V", "P", "W", "B"],
    late_unauthorised: ["U"],
    authorised_absence: ["C", "C1", "C2", "E", "I", "M", "J1", "S", "T", "R"],
    unauthorised_absence: ["G", "N", "O"],
    not_possible: ["D", "X", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#"],
  };

  it.each(Object.entries(table).flatMap(([cls, codes]) => codes.map((c) => [c, cls])))(
    "classifies %s as %s",
    (code, cls) => {
      expect(isAttendanceCode(code)).toBe(true);
      expect(classifyCode(code as never)).toBe(cls);
    },
  );

  it("knows exactly the codes in the spec's table", () => {
    expect([...ATTENDANCE_CODES].sort()).toEqual(Object.values(table).flat().sort());
  });

  it.each(["ZZ", "", "n", "Y8", "J", "/ ", "A", "H", 7, null])("rejects %j", (code) => {
    expect(isAttendanceCode(code)).toBe(false);
  });
});
