import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy/templates";
import { parsePolicyTemplate } from "../policy";
import { absentToday, visitsToConsider, type PupilToConsider } from "./visits-to-consider";

const burgh = parsePolicyTemplate(policyTemplates.burgh).considerations;
const pupil = (over: Partial<PupilToConsider>): PupilToConsider => ({ upn: "A1", todaysCodes: ["N", "N"], possibleSessions: 100, attendedSessions: 95, vulnerabilities: [], ...over });

describe("visits to consider (burgh 6.4, 6.5)", () => {
  it("names a child absent today with 10% or more of sessions missed, and says when it is severe", () => {
    expect(visitsToConsider(burgh, [pupil({ attendedSessions: 90 })], new Set())).toEqual([expect.objectContaining({ kind: "persistent_absence", clause: "burgh 6.4" })]);
    expect(visitsToConsider(burgh, [pupil({ attendedSessions: 50 })], new Set())[0]).toMatchObject({ kind: "severe_absence", reason: expect.stringContaining("50%") });
    expect(visitsToConsider(burgh, [pupil({ attendedSessions: 91 })], new Set())).toEqual([]);
  });

  it("names a child absent today whose record shows safeguarding indicators", () => {
    expect(visitsToConsider(burgh, [pupil({ vulnerabilities: ["known_to_social_care"] })], new Set())).toEqual([
      { upn: "A1", kind: "safeguarding_indicators", clause: "burgh 6.5", reason: "Absent today, and the record shows known to social care" },
    ]);
  });

  it("leaves out a child in school today, one the action list already names, and schools whose policy says nothing", () => {
    const vulnerablePa = pupil({ attendedSessions: 50, vulnerabilities: ["child_in_need"] });
    expect(visitsToConsider(burgh, [{ ...vulnerablePa, todaysCodes: ["/", "N"] }], new Set())).toEqual([]);
    expect(visitsToConsider(burgh, [vulnerablePa], new Set(["A1"]))).toEqual([]);
    expect(visitsToConsider(parsePolicyTemplate(policyTemplates.coteford).considerations, [vulnerablePa], new Set())).toEqual([]);
  });

  it("counts a day absent only when every counted mark is an absence", () => {
    expect(absentToday(["N", "N"])).toBe(true);
    expect(absentToday(["C", "X"])).toBe(true);
    expect(absentToday(["U", "N"])).toBe(false);
    expect(absentToday(["X", "X"])).toBe(false);
    expect(absentToday([])).toBe(false);
  });
});
