import { describe, expect, it } from "vitest";
import type { Mark } from "./evaluation-input";
import { situationOf } from "./evaluation-context";
import {
  absentDays,
  buildScenario,
  contact,
  dayMarks,
  presentDays,
  sighting,
  visit,
} from "./testing/scenario-builders";

// November 2026: Mondays are the 2nd, 9th, 16th and 23rd; today is Wednesday the 18th.
const TODAY = "2026-11-18";
const lastWeek = ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"];
const thisWeek = ["2026-11-16", "2026-11-17", "2026-11-18"];

function situation(marks: Mark[], extra: Parameters<typeof buildScenario>[0] = {}) {
  return situationOf(buildScenario({ today: TODAY, marks, ...extra }), "A1");
}

describe("absence run", () => {
  it("counts consecutive school days of absence ending today; Day k is the k-th", () => {
    const s = situation([...presentDays("A1", lastWeek), ...absentDays("A1", thisWeek)]);
    expect(s.run).toMatchObject({ start: "2026-11-16", days: 3 });
  });

  it("is absent when today is not an absence day", () => {
    expect(situation([...absentDays("A1", thisWeek.slice(0, 2)), ...dayMarks("A1", TODAY, "/")]).run).toBeNull();
  });

  it("runs over the weekend: only school days count", () => {
    const s = situation([...presentDays("A1", lastWeek.slice(0, 3)), ...absentDays("A1", [...lastWeek.slice(3), ...thisWeek])]);
    expect(s.run).toMatchObject({ start: "2026-11-12", days: 5 });
  });

  it("passes over a non-school day inside the run without counting it", () => {
    const marks = [...presentDays("A1", lastWeek.slice(0, 3)), ...absentDays("A1", ["2026-11-12", "2026-11-13", "2026-11-17", "2026-11-18"])];
    const s = situation(marks, { nonSchoolDays: ["2026-11-16"] });
    expect(s.run).toMatchObject({ start: "2026-11-12", days: 4 });
  });

  it("ignores marks on a non-school day", () => {
    const marks = [...presentDays("A1", ["2026-11-16"]), ...absentDays("A1", [...lastWeek, "2026-11-17", "2026-11-18"])];
    expect(situation(marks, { nonSchoolDays: ["2026-11-16"] }).run).toMatchObject({ start: "2026-11-09", days: 7 });
  });

  it("counts authorised and unauthorised absence alike", () => {
    const marks = [...presentDays("A1", lastWeek), ...absentDays("A1", ["2026-11-16"], "I"), ...absentDays("A1", ["2026-11-17"], "M"), ...absentDays("A1", [TODAY], "O")];
    expect(situation(marks).run?.days).toBe(3);
  });

  it("does not treat U as absence: the child was in school", () => {
    expect(situation(absentDays("A1", thisWeek, "U")).run).toBeNull();
    const marks = [...absentDays("A1", ["2026-11-16"]), ...absentDays("A1", ["2026-11-17"], "U"), ...absentDays("A1", [TODAY])];
    expect(situation(marks).run?.days).toBe(1);
  });

  it("needs every counted mark of the day to be absence", () => {
    const marks = [...absentDays("A1", ["2026-11-16", "2026-11-17"]), ...dayMarks("A1", TODAY, "N", "/")];
    expect(situation(marks).run).toBeNull();
    const withHalfDay = [...dayMarks("A1", "2026-11-16", "/", "N"), ...absentDays("A1", ["2026-11-17", TODAY])];
    expect(situation(withHalfDay).run).toMatchObject({ start: "2026-11-17", days: 2 });
  });

  it("ignores not-possible marks beside absence, but a day with only those is no absence day", () => {
    const marks = [...absentDays("A1", ["2026-11-16"], "X"), ...dayMarks("A1", "2026-11-17", "#", "N"), ...absentDays("A1", [TODAY])];
    expect(situation(marks).run).toMatchObject({ start: "2026-11-17", days: 2 });
  });

  it("counts today with only the morning register taken", () => {
    expect(situation([...absentDays("A1", ["2026-11-17"]), ...dayMarks("A1", TODAY, "N")]).run?.days).toBe(2);
  });

  it("breaks at a school day with no mark at all, and does not reach before the earliest mark", () => {
    expect(situation([...absentDays("A1", ["2026-11-16"]), ...absentDays("A1", [TODAY])]).run?.days).toBe(1);
    expect(situation(absentDays("A1", [TODAY])).run).toMatchObject({ start: TODAY, days: 1 });
  });
});

describe("unseen streak", () => {
  it("counts school days ending today without a seen day", () => {
    const s = situation([...presentDays("A1", lastWeek), ...absentDays("A1", thisWeek, "I")]);
    expect(s.streak).toMatchObject({ since: "2026-11-16", days: 3 });
  });

  it("is null when the child was seen today", () => {
    expect(situation(presentDays("A1", [...lastWeek, ...thisWeek])).streak).toBeNull();
  });

  it("passes over days whose marks are all G: they neither count nor break it", () => {
    const marks = [
      ...presentDays("A1", lastWeek.slice(0, 1)),
      ...absentDays("A1", lastWeek.slice(1, 2)),
      ...absentDays("A1", lastWeek.slice(2), "G"),
      ...absentDays("A1", thisWeek),
    ];
    expect(situation(marks).streak).toMatchObject({ since: "2026-11-10", days: 4 });
  });

  it("has nothing to count when every unseen day was a known holiday", () => {
    expect(situation([...presentDays("A1", lastWeek), ...absentDays("A1", thisWeek, "G")]).streak).toBeNull();
  });

  it("reads 'all G' literally: a day with G and a not-possible mark is counted", () => {
    const marks = [...presentDays("A1", lastWeek), ...dayMarks("A1", "2026-11-16", "G", "X"), ...absentDays("A1", ["2026-11-17", TODAY], "G")];
    expect(situation(marks).streak).toMatchObject({ since: "2026-11-16", days: 1 });
  });

  it("is broken by a sighting, a U mark, or a visit that saw the child", () => {
    const absent = [...presentDays("A1", lastWeek), ...absentDays("A1", thisWeek)];
    expect(situation(absent, { sightings: [sighting("A1", "2026-11-16")] }).streak?.days).toBe(2);
    expect(situation(absent, { visits: [visit("A1", "2026-11-17", "child_seen")] }).streak?.days).toBe(1);
    expect(situation([...absent.slice(0, -2), ...dayMarks("A1", "2026-11-17", "U", "U"), ...dayMarks("A1", TODAY, "N")]).streak?.days).toBe(1);
  });

  it("is not broken by a visit that saw only a parent, or one that was cancelled", () => {
    const absent = [...presentDays("A1", lastWeek), ...absentDays("A1", thisWeek)];
    const visits = [visit("A1", "2026-11-17", "parent_seen_child_not_seen"), visit("A1", "2026-11-16", "cancelled")];
    expect(situation(absent, { visits }).streak?.days).toBe(3);
  });

  it("is not broken by a sighting on a day that is not a school day", () => {
    const marks = [...presentDays("A1", lastWeek.slice(0, 4)), ...absentDays("A1", ["2026-11-13", ...thisWeek])];
    expect(situation(marks, { sightings: [sighting("A1", "2026-11-14")] }).streak).toMatchObject({ since: "2026-11-13", days: 4 });
  });

  it("does not count school days before the pupil's earliest mark", () => {
    expect(situation(absentDays("A1", ["2026-11-17", TODAY])).streak).toMatchObject({ since: "2026-11-17", days: 2 });
    expect(situation([]).streak).toBeNull();
  });

  it("counts a school day with no marks once the pupil has marks", () => {
    expect(situation(presentDays("A1", lastWeek)).streak).toMatchObject({ since: "2026-11-16", days: 3 });
  });

  it("does not count non-school days", () => {
    const marks = [...presentDays("A1", lastWeek), ...absentDays("A1", ["2026-11-17", TODAY])];
    expect(situation(marks, { nonSchoolDays: ["2026-11-16"] }).streak).toMatchObject({ since: "2026-11-17", days: 2 });
  });
});

describe("reached", () => {
  const marks = [...presentDays("A1", lastWeek), ...absentDays("A1", thisWeek)];

  it("counts a reached contact dated within the run", () => {
    const s = situation(marks, { contacts: [contact("A1", "2026-11-17", true)] });
    expect(s.parentReachedDuring(s.run!)).toBeDefined();
  });

  it("does not count a contact before the run, or one that reached nobody", () => {
    const s = situation(marks, { contacts: [contact("A1", "2026-11-13", true), contact("A1", TODAY, false)] });
    expect(s.parentReachedDuring(s.run!)).toBeUndefined();
  });

  it("counts a contact on a weekend inside the run's span", () => {
    const weekendRun = [...presentDays("A1", lastWeek.slice(0, 4)), ...absentDays("A1", ["2026-11-13", ...thisWeek])];
    const s = situation(weekendRun, { contacts: [contact("A1", "2026-11-14", true)] });
    expect(s.parentReachedDuring(s.run!)).toBeDefined();
  });
});

describe("non-school days and the run", () => {
  it("joins two runs when the school day that separated them is declared a non-school day", () => {
    // Why property (b) is stated for days of absence: the run counts consecutive *school* days,
    // so closing the day that broke it (here a day in school) lets it reach further back.
    const marks = [...absentDays("A1", ["2026-11-16"]), ...presentDays("A1", ["2026-11-17"]), ...absentDays("A1", [TODAY])];
    expect(situation(marks).run?.days).toBe(1);
    expect(situation(marks, { nonSchoolDays: ["2026-11-17"] }).run?.days).toBe(2);
  });
});
