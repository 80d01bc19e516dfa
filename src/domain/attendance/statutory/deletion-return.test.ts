import { describe, expect, it } from "vitest";
import type { Mark } from "../evaluation-input";
import type { IsoDate } from "../iso-date";
import { SchoolCalendar } from "../school-calendar";
import { absentDays, buildScenario, presentDays, schoolDays } from "../testing/scenario-builders";
import { deletionReturnProblem } from "./deletion-grounds";
import { evaluateStatutory, type StatutoryInput } from "./evaluate-statutory";
import { LA_PACKS } from "./la-packs";
import type { StatutoryPupil } from "./rules";

const TODAY = "2026-12-04";
/** Autumn half term 2026: the week of 26 October. */
const HALF_TERM = ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"];

/** Present from 1 September, then unauthorised (O) on the `n` school days ending `today`. */
function absentFor(n: number, today: IsoDate = TODAY, closed: readonly IsoDate[] = []): Mark[] {
  const tail = new SchoolCalendar(closed).lastSchoolDays(today, n);
  const before = schoolDays("2026-09-01", today, closed).filter((d) => d < tail[0]!);
  return [...presentDays("A1", before), ...absentDays("A1", tail, "O")];
}

function input(marks: Mark[], pupils: StatutoryPupil[] = [{ upn: "A1" }], today: IsoDate = TODAY, closed: readonly IsoDate[] = []): StatutoryInput {
  return { ...buildScenario({ marks }), today, nonSchoolDays: [...closed], pupils };
}

const deletions = (i: StatutoryInput, pack = LA_PACKS.national!) => evaluateStatutory(i, pack).actions.filter((a) => a.duty === "deletion_return");

describe("deletion return: 20 school days' continuous unauthorised absence, whereabouts unknown (PRR 2024 reg 9, reg 13)", () => {
  it.each([
    [19, 0],
    [20, 1],
    [21, 1],
  ])("%i continuous unauthorised school days give %i deletion return", (n, count) => {
    const found = deletions(input(absentFor(n)));
    expect(found).toHaveLength(count);
    if (count === 0) return;
    const [a] = found;
    expect(a!.facts.deletionGround).toBe("whereabouts_unknown");
    expect(a!.facts.needsJointEnquiries).toBe(true);
    expect(a!.regulation).toMatch(/PRR 2024 reg 13/);
    expect(a!.reason).toMatch(/jointly with the local authority/);
  });

  it("is one episode: day 20 and day 21 give the same key and due date (the 20th day)", () => {
    const marks = absentFor(21);
    const yesterday = new SchoolCalendar([]).previousSchoolDay(TODAY);
    const day20 = deletions(input(marks, undefined, yesterday))[0]!;
    const day21 = deletions(input(marks))[0]!;
    expect(day21.episodeKey).toBe(day20.episodeKey);
    expect(day20.dueOn).toBe(yesterday);
    expect(day21.dueOn).toBe(yesterday);
  });

  it("runs across a term boundary: half term neither counts nor breaks the 20 days", () => {
    const today = "2026-11-13";
    const days = new SchoolCalendar(HALF_TERM).lastSchoolDays(today, 20);
    expect(days[0]! < HALF_TERM[0]! && days[19]! > HALF_TERM[4]!).toBe(true);
    expect(deletions(input(absentDays("A1", days, "G"), undefined, today, HALF_TERM))).toHaveLength(1);
    expect(deletions(input(absentDays("A1", days.slice(1), "G"), undefined, today, HALF_TERM))).toHaveLength(0);
    // Without the half term in the calendar those five days have no mark and break the run.
    expect(deletions(input(absentDays("A1", days, "G"), undefined, today))).toHaveLength(0);
  });

  it("is not owed when one session in the run was authorised", () => {
    const marks = absentFor(20).map((m, i, all) => (i === all.length - 3 ? { ...m, code: "I" as const } : m));
    expect(deletions(input(marks))).toHaveLength(0);
  });
});

describe("deletion return: a ground the school recorded", () => {
  it("is owed from the day a recorded ground is met (left for another school), not before", () => {
    const pupil: StatutoryPupil = { upn: "A1", deletionGrounds: [{ ground: "registered_elsewhere", metOn: "2026-12-03", detail: "Fen Primary" }] };
    const [a] = deletions(input(presentDays("A1", schoolDays("2026-09-01", TODAY, [])), [pupil]));
    expect(a!.episodeKey).toBe("deletion:registered_elsewhere:2026-12-03");
    expect(a!.dueOn).toBe("2026-12-03");
    expect(a!.facts.needsJointEnquiries).toBe(false);
    expect(a!.reason).toMatch(/Fen Primary/);
    expect(deletions(input([], [pupil], "2026-12-02"))).toHaveLength(0);
  });

  it("a child missing education needs joint enquiries; a ground met on a Saturday is due the Monday", () => {
    const pupil: StatutoryPupil = { upn: "A1", deletionGrounds: [{ ground: "missing_education", metOn: "2026-11-28" }] };
    const [a] = deletions(input([], [pupil]));
    expect(a!.dueOn).toBe("2026-11-30");
    expect(a!.facts.needsJointEnquiries).toBe(true);
  });
});

describe("a deletion return is complete only with the joint enquiries recorded", () => {
  const enquiry = { laOfficer: "Sam Patel, CME officer", madeOn: "2026-11-20" as IsoDate, what: "Home visit together; neighbours say the family moved" };
  it("names what is missing until an enquiry with who, when and what is recorded", () => {
    expect(deletionReturnProblem("whereabouts_unknown", "2026-11-05", TODAY, [])).toMatch(/jointly with the local authority/);
    expect(deletionReturnProblem("whereabouts_unknown", "2026-11-05", TODAY, [{ ...enquiry, what: " " }])).not.toBeNull();
    expect(deletionReturnProblem("whereabouts_unknown", "2026-11-05", TODAY, [{ ...enquiry, madeOn: "2026-11-04" }])).not.toBeNull();
    expect(deletionReturnProblem("whereabouts_unknown", "2026-11-05", TODAY, [{ ...enquiry, madeOn: "2026-12-05" }])).not.toBeNull();
    expect(deletionReturnProblem("whereabouts_unknown", "2026-11-05", TODAY, [enquiry])).toBeNull();
  });
  it("asks nothing of a ground that rests on no enquiry", () => {
    expect(deletionReturnProblem("registered_elsewhere", "2026-11-05", TODAY, [])).toBeNull();
  });
});
