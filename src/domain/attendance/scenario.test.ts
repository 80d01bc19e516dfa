import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors";
import { parseScenario } from "./scenario";

const valid = {
  policy: "burgh",
  today: "2026-03-11",
  nonSchoolDays: ["2026-02-16", "2026-02-17"],
  pupils: [{ upn: "A100", vulnerable: false }, { upn: "A101" }],
  marks: [
    { upn: "A100", date: "2026-03-09", session: "AM", code: "N" },
    { upn: "A100", date: "2026-03-09", session: "PM", code: "N" },
  ],
  contacts: [{ upn: "A100", date: "2026-03-09", reached: false }],
  sightings: [{ upn: "A100", date: "2026-03-10" }],
  visits: [{ upn: "A100", date: "2026-03-10", outcome: "no_contact" }],
};

function fieldOf(json: unknown): string {
  try {
    parseScenario(json);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput);
    return `${(e as InvalidInput).field} | ${(e as InvalidInput).message}`;
  }
  throw new Error("expected InvalidInput");
}

const withField = (patch: Record<string, unknown>) => ({ ...valid, ...patch });

describe("parseScenario", () => {
  it("accepts the spec's example and fills defaults", () => {
    const s = parseScenario(valid);
    expect(s.policy).toBe("burgh");
    expect(s.pupils[1]).toEqual({ upn: "A101", vulnerable: false });
    expect(s.marks).toHaveLength(2);
  });

  it("needs only policy, today and pupils", () => {
    const s = parseScenario({ policy: "coteford", today: "2026-03-11", pupils: [] });
    expect(s).toMatchObject({ nonSchoolDays: [], marks: [], contacts: [], sightings: [], visits: [] });
  });

  it("names an unknown attendance code and where it is", () => {
    const marks = [...valid.marks, { upn: "A100", date: "2026-03-10", session: "AM", code: "ZZ" }];
    expect(fieldOf(withField({ marks }))).toBe('marks[2].code | marks[2].code: unknown attendance code "ZZ"');
  });

  it("names an unknown template", () => {
    expect(fieldOf(withField({ policy: "nowhere" }))).toMatch(/^policy \| policy: unknown template "nowhere"/);
  });

  it.each([
    ["today", { today: "2026-3-11" }],
    ["today", { today: "2026-02-30" }],
    ["nonSchoolDays[1]", { nonSchoolDays: ["2026-02-16", "16/02/2026"] }],
    ["marks[0].date", { marks: [{ upn: "A100", date: "2026-13-01", session: "AM", code: "N" }] }],
    ["contacts[0].date", { contacts: [{ upn: "A100", date: "yesterday", reached: true }] }],
  ])("names a malformed date in %s", (field, patch) => {
    expect(fieldOf(withField(patch))).toMatch(new RegExp(`^${field.replace(/[[\]]/g, "\\$&")} \\| .*malformed date`));
  });

  it.each([
    ["marks[0].upn", { marks: [{ upn: "ZZ9", date: "2026-03-09", session: "AM", code: "N" }] }],
    ["contacts[0].upn", { contacts: [{ upn: "ZZ9", date: "2026-03-09", reached: true }] }],
    ["sightings[0].upn", { sightings: [{ upn: "ZZ9", date: "2026-03-09" }] }],
    ["visits[0].upn", { visits: [{ upn: "ZZ9", date: "2026-03-09", outcome: "child_seen" }] }],
  ])("refuses a record for a pupil not listed (%s)", (field, patch) => {
    expect(fieldOf(withField(patch))).toMatch(new RegExp(`^${field.replace(/[[\]]/g, "\\$&")} \\| .*"ZZ9" is not listed`));
  });

  it("refuses two marks for the same pupil, date and session", () => {
    const marks = [...valid.marks, { upn: "A100", date: "2026-03-09", session: "AM", code: "/" }];
    expect(fieldOf(withField({ marks }))).toMatch(/^marks\[2\] \| .*second mark .*"A100" on 2026-03-09 AM .*marks\[0\]/);
  });

  it("names a mark that is not an object, and marks that are not a list", () => {
    expect(fieldOf(withField({ marks: [valid.marks[0], 42] }))).toMatch(/^marks\[1\] \| /);
    expect(fieldOf(withField({ marks: [{ upn: "A100", date: "2026-03-09", session: "AM" }] }))).toBe("marks[0].code | marks[0].code: required");
    expect(fieldOf(withField({ marks: {} }))).toBe("marks | marks: expected an array, received object");
  });

  it("finds duplicates however far apart the register's dates are", () => {
    // 600 pupils × 3.65M days: past the bitmap's limit, and past 2^31 slots.
    const pupils = Array.from({ length: 600 }, (_, i) => ({ upn: `P${i}` }));
    const marks = [
      { upn: "P599", date: "0001-01-01", session: "PM", code: "/" },
      { upn: "P599", date: "9999-12-31", session: "PM", code: "/" },
      { upn: "P599", date: "0001-01-01", session: "AM", code: "/" },
      { upn: "P0", date: "0001-01-01", session: "PM", code: "/" },
    ];
    const only = { contacts: [], sightings: [], visits: [] };
    expect(parseScenario(withField({ pupils, marks, ...only })).marks).toHaveLength(4);
    expect(fieldOf(withField({ pupils, marks: [...marks, marks[1]], ...only }))).toMatch(/^marks\[4\] \| .*the first is marks\[1\]/);
  });

  it("refuses a duplicate pupil", () => {
    expect(fieldOf(withField({ pupils: [{ upn: "A100" }, { upn: "A100" }] }))).toMatch(/^pupils\[1\]\.upn \| .*duplicate/);
  });

  it("refuses a today that is not a school day: weekend or listed closure", () => {
    expect(fieldOf(withField({ today: "2026-03-14" }))).toMatch(/^today \| today: 2026-03-14 is not a school day \(it is a Saturday\)/);
    expect(fieldOf(withField({ today: "2026-02-16" }))).toMatch(/^today \| .*listed in nonSchoolDays/);
  });

  it.each([
    ["marks[0].session", { marks: [{ upn: "A100", date: "2026-03-09", session: "EVE", code: "N" }] }],
    ["visits[0].outcome", { visits: [{ upn: "A100", date: "2026-03-09", outcome: "maybe" }] }],
    ["contacts[0].reached", { contacts: [{ upn: "A100", date: "2026-03-09" }] }],
    ["pupils[0].vulnerable", { pupils: [{ upn: "A100", vulnerable: "yes" }] }],
    ["pupils[0].upn", { pupils: [{ upn: "" }] }],
    ["pupils", { pupils: undefined }],
    ["marks", { marks: "none" }],
  ])("names the field at fault: %s", (field, patch) => {
    expect(fieldOf(withField(patch)).split(" | ")[0]).toBe(field);
  });

  it("says a required field is required", () => {
    const { today: _t, ...rest } = valid;
    expect(fieldOf(rest)).toBe("today | today: required");
  });

  it("refuses a scenario that is not an object", () => {
    expect(fieldOf([1, 2])).toMatch(/^scenario \| /);
    expect(fieldOf(null)).toMatch(/^scenario \| /);
  });
});
