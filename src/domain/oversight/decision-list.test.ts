import { describe, expect, it } from "vitest";
import { attendancePercent, decisionListPupils, meetsCriterion } from "./decision-list";

describe("the half-term decision list", () => {
  it("lists below 90% strictly: exactly 90% is not below", () => {
    expect(meetsCriterion("below_90_percent", { pupilId: "a", possible: 100, missed: 10 })).toBe(false);
    expect(meetsCriterion("below_90_percent", { pupilId: "a", possible: 100, missed: 11 })).toBe(true);
  });

  it("lists the persistently absent as the DfE counts them: 10% or more missed", () => {
    expect(meetsCriterion("persistently_absent", { pupilId: "a", possible: 100, missed: 10 })).toBe(true);
    expect(meetsCriterion("persistently_absent", { pupilId: "a", possible: 100, missed: 9 })).toBe(false);
  });

  it("leaves out a pupil with no possible session, and puts the lowest attendance first", () => {
    const out = decisionListPupils("below_90_percent", [
      { pupilId: "b", possible: 50, missed: 10 },
      { pupilId: "a", possible: 0, missed: 0 },
      { pupilId: "c", possible: 50, missed: 25 },
      { pupilId: "d", possible: 50, missed: 1 },
    ]);
    expect(out.map((p) => p.pupilId)).toEqual(["c", "b"]);
    expect(attendancePercent(out[1]!)).toBe(80);
    expect(attendancePercent({ possible: 0, missed: 0 })).toBeNull();
  });
});
