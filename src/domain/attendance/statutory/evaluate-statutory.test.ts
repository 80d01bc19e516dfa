import { describe, expect, it } from "vitest";
import type { AttendanceCode } from "../codes";
import type { Mark } from "../evaluation-input";
import type { IsoDate } from "../iso-date";
import { SchoolCalendar } from "../school-calendar";
import { absentDays, buildScenario, dayMarks, presentDays, schoolDays } from "../testing/scenario-builders";
import type { StatutoryDuty } from "./duties";
import { evaluateStatutory, type StatutoryInput } from "./evaluate-statutory";
import { LA_PACKS, laPack } from "./la-packs";
import type { StatutoryPupil } from "./rules";

const TODAY = "2026-11-18";
/** Autumn half term 2026: the week of 26 October. */
const HALF_TERM = ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"];

/** The `n` school days ending today, oldest first. */
function lastDays(n: number, today: IsoDate = TODAY, closed: readonly IsoDate[] = []): IsoDate[] {
  return new SchoolCalendar(closed).lastSchoolDays(today, n);
}

/** Present from 1 September, then `code` on the `n` school days ending today. */
function registerEndingIn(n: number, code: AttendanceCode, closed: readonly IsoDate[] = [], upn = "A1"): Mark[] {
  const tail = lastDays(n, TODAY, closed);
  const before = schoolDays("2026-09-01", TODAY, closed).filter((d) => d < tail[0]!);
  return [...presentDays(upn, before), ...absentDays(upn, tail, code)];
}

function input(marks: Mark[], extra: Partial<StatutoryInput> = {}, pupils: StatutoryPupil[] = [{ upn: "A1" }]): StatutoryInput {
  return { ...buildScenario({ marks }), pupils, ...extra };
}

function duties(i: StatutoryInput, pack = LA_PACKS.national!): StatutoryDuty[] {
  return evaluateStatutory(i, pack).actions.map((a) => a.duty);
}

function only(i: StatutoryInput, duty: StatutoryDuty, pack = LA_PACKS.national!) {
  return evaluateStatutory(i, pack).actions.filter((a) => a.duty === duty);
}

describe("10-day return (PRR 2024 reg 13)", () => {
  it.each([
    [9, 0],
    [10, 1],
    [11, 1],
  ])("%i consecutive unauthorised school days give %i return", (n, count) => {
    expect(only(input(registerEndingIn(n, "O")), "ten_day_return")).toHaveLength(count);
  });

  it("is owed once per episode: the same key on day 10 and day 11, none after a day back", () => {
    const marks = registerEndingIn(11, "G");
    const yesterday = lastDays(2)[0]!;
    const day10 = only({ ...input(marks), today: yesterday }, "ten_day_return")[0]!;
    const day11 = only(input(marks), "ten_day_return")[0]!;
    expect(day11.episodeKey).toBe(day10.episodeKey);
    expect(day10.dueOn).toBe(yesterday);
    expect(day11.dueOn).toBe(yesterday);
    const back = marks.map((m) => (m.date === lastDays(5)[0] ? { ...m, code: "/" as const } : m));
    expect(only(input(back), "ten_day_return")).toHaveLength(0);
    expect(day10.regulation).toMatch(/PRR 2024 reg 13/);
    expect(day10.source).toBe("law");
  });

  it("counts U (late after registers closed) and mixed G/N/O/U days, not an authorised day", () => {
    const days = lastDays(10);
    const mixed = days.flatMap((d, i) => dayMarks("A1", d, (["G", "N", "O", "U"] as const)[i % 4]!, "N"));
    expect(only(input(mixed), "ten_day_return")).toHaveLength(1);
    const broken = mixed.map((m) => (m.date === days[4] && m.session === "PM" ? { ...m, code: "C" as const } : m));
    expect(only(input(broken), "ten_day_return")).toHaveLength(0);
  });

  it("runs across a term boundary: half term neither counts nor breaks the run", () => {
    // 10 school days ending Tuesday 3 November, spanning the half-term week.
    const today = "2026-11-03";
    const days = lastDays(10, today, HALF_TERM);
    expect(days[0]! < HALF_TERM[0]! && days[9]! > HALF_TERM[4]!).toBe(true);
    const marks = absentDays("A1", days, "N");
    const i = { ...input(marks), today, nonSchoolDays: HALF_TERM };
    expect(only(i, "ten_day_return")).toHaveLength(1);
    const nine = { ...i, marks: absentDays("A1", days.slice(1), "N") };
    expect(only(nine, "ten_day_return")).toHaveLength(0);
  });

  it("Hertfordshire's pack owes a follow-up every 10 further school days; Stockport's one per episode", () => {
    const marks = registerEndingIn(20, "N");
    expect(only(input(marks), "ten_day_return", laPack("hertfordshire")).map((a) => a.episodeKey.split(":").length)).toEqual([2, 3]);
    expect(only(input(marks), "ten_day_return", laPack("stockport"))).toHaveLength(1);
  });
});

describe("15-day sickness return (PRR 2024 reg 13)", () => {
  it.each([
    [14, 0],
    [15, 1],
    [16, 1],
  ])("%i consecutive days of I give %i return", (n, count) => {
    expect(only(input(registerEndingIn(n, "I")), "sickness_return")).toHaveLength(count);
  });

  it("counts days of I in total over the school year, across half term", () => {
    const all = schoolDays("2026-09-01", TODAY, HALF_TERM);
    const sick = (n: number) => new Set(all.filter((_, i) => i % 3 === 0).slice(0, n));
    const marks = (n: number) => all.flatMap((d) => dayMarks("A1", d, sick(n).has(d) ? "I" : "/", sick(n).has(d) ? "I" : "/"));
    const at = (n: number) => only({ ...input(marks(n)), nonSchoolDays: HALF_TERM }, "sickness_return");
    expect(at(14)).toHaveLength(0);
    expect(at(15)).toHaveLength(1);
    expect(at(16)).toHaveLength(1);
    expect(at(15)[0]!.dueOn).toBe([...sick(15)].at(-1));
    expect(at(15)[0]!.episodeKey).toBe("sickness:2026-09-01");
  });

  it("does not count sickness of the previous school year", () => {
    const summer = absentDays("A1", schoolDays("2026-06-01", "2026-07-17"), "I");
    expect(only(input([...summer, ...registerEndingIn(3, "I")]), "sickness_return")).toHaveLength(0);
  });
});

describe("new pupil return (PRR 2024 reg 13)", () => {
  it("is due by the end of the fifth school day after joining, across half term", () => {
    const i = { ...input([], {}, [{ upn: "A1", joinedOn: "2026-10-22" }]), today: "2026-11-02", nonSchoolDays: HALF_TERM };
    // 23 Oct, then 2, 3, 4, 5 November.
    expect(only(i, "new_pupil_return")[0]!.dueOn).toBe("2026-11-05");
  });

  it("is not owed before joining, nor for a joiner of an earlier year", () => {
    expect(only(input([], {}, [{ upn: "A1", joinedOn: "2026-11-19" }]), "new_pupil_return")).toHaveLength(0);
    expect(only(input([], {}, [{ upn: "A1", joinedOn: "2025-09-03" }]), "new_pupil_return")).toHaveLength(0);
    expect(only(input([], {}, [{ upn: "A1" }]), "new_pupil_return")).toHaveLength(0);
  });
});

describe("N not replaced within 5 school days", () => {
  /** One N on the school day `back` school days before today. */
  const nBack = (back: number, closed: readonly IsoDate[] = [], today = TODAY) => {
    const d = new SchoolCalendar(closed).lastSchoolDays(today, back + 1)[0]!;
    return { ...input(dayMarks("A1", d, "N", "/")), today, nonSchoolDays: closed };
  };

  it.each([
    [4, 0],
    [5, 0],
    [6, 1],
  ])("an N %i school days back is listed %i times", (back, count) => {
    expect(only(nBack(back), "n_code_overdue")).toHaveLength(count);
  });

  it("counts school days across half term", () => {
    expect(only(nBack(5, HALF_TERM, "2026-11-03"), "n_code_overdue")).toHaveLength(0);
    const a = only(nBack(6, HALF_TERM, "2026-11-03"), "n_code_overdue")[0]!;
    expect(a.facts.overdueN).toEqual(["2026-10-19 AM"]);
  });
});

describe("tell the social worker", () => {
  it("for a child known to social care with an N today, not for other children or other codes", () => {
    const marks = dayMarks("A1", TODAY, "N");
    expect(duties(input(marks, {}, [{ upn: "A1", knownToSocialCare: true }]))).toContain("tell_social_worker");
    expect(duties(input(marks, {}, [{ upn: "A1", vulnerable: true }]))).toContain("tell_social_worker");
    expect(duties(input(marks, {}, [{ upn: "A1", vulnerable: true, knownToSocialCare: false }]))).not.toContain("tell_social_worker");
    expect(duties(input(marks))).not.toContain("tell_social_worker");
    expect(duties(input(dayMarks("A1", TODAY, "I"), {}, [{ upn: "A1", knownToSocialCare: true }]))).not.toContain("tell_social_worker");
  });
});

describe("penalty notice consideration (national framework)", () => {
  /** `n` unauthorised sessions, one every other school day, ending today. */
  const sessions = (n: number, closed: readonly IsoDate[] = [], today = TODAY) => {
    const days = new SchoolCalendar(closed).lastSchoolDays(today, 2 * n);
    return { ...input(days.filter((_, i) => i % 2 === 1).flatMap((d) => dayMarks("A1", d, "O", "/"))), today, nonSchoolDays: closed };
  };

  it.each([
    [9, 0],
    [10, 1],
    [11, 1],
  ])("%i sessions in 10 school weeks give %i consideration", (n, count) => {
    expect(only(sessions(n), "penalty_notice_consideration")).toHaveLength(count);
  });

  it("spans terms: half term is passed over, and the notice-to-improve window follows the LA's weeks", () => {
    const i = sessions(10, HALF_TERM, "2026-11-03");
    const [a] = only(i, "penalty_notice_consideration");
    expect(a!.facts.windowStart! < HALF_TERM[0]!).toBe(true);
    expect(a!.facts.noticeToImprove).toEqual({ start: "2026-11-03", end: "2026-12-01", weeks: 4 });
    expect(only(i, "penalty_notice_consideration", laPack("hertfordshire"))[0]!.facts.noticeToImprove!.end).toBe("2026-12-15");
  });

  it("does not count sessions older than 10 school weeks", () => {
    const old = absentDays("A1", schoolDays("2026-09-01", "2026-09-04"), "O");
    expect(only(input(old), "penalty_notice_consideration")).toHaveLength(0);
  });
});

describe("evaluateStatutory", () => {
  it("refuses a today that is not a school day", () => {
    expect(() => evaluateStatutory({ ...input([]), today: "2026-11-21" })).toThrow(/today/);
  });

  it("refuses an unknown pack, naming the field", () => {
    expect(() => laPack("atlantis")).toThrow(/laPack/);
  });

  it("gives every action a regulation, a reason with a date, a due date and a key", () => {
    const marks = [...registerEndingIn(12, "N")];
    for (const a of evaluateStatutory(input(marks, {}, [{ upn: "A1", knownToSocialCare: true }])).actions) {
      expect(a.regulation).toMatch(/PRR 2024|WTISA 2024/);
      expect(a.reason).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(a.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.episodeKey.length).toBeGreaterThan(0);
    }
  });
});
