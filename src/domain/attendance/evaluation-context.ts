import { InvalidInput } from "../errors";
import { AttendanceLedger, type LedgerInput } from "./attendance-ledger";
import type { EvaluationInput } from "./evaluation-input";
import { mondayOf, parseIsoDate, toIsoDate, weekdayName, type EpochDay } from "./iso-date";
import { PupilSituation, schoolDaysBack, type EvaluationContext } from "./pupil-situation";
import { SchoolCalendar } from "./school-calendar";

export interface PreparedEvaluation {
  ctx: EvaluationContext;
  /** Position of each upn in `input.pupils` (the last, if a upn is repeated). */
  pupilIndex: ReadonlyMap<string, number>;
}

/** The list is made for a school day; every rule counts back from it. */
export function schoolDayToday(input: Pick<EvaluationInput, "today" | "nonSchoolDays">): { today: EpochDay; calendar: SchoolCalendar } {
  const today = parseIsoDate(input.today);
  if (today === null) throw new InvalidInput("today", `malformed date ${JSON.stringify(input.today)}`);
  const calendar = new SchoolCalendar(input.nonSchoolDays);
  if (!calendar.isSchoolEpochDay(today)) {
    throw new InvalidInput("today", `${input.today} (a ${weekdayName(input.today)}) is not a school day`);
  }
  return { today, calendar };
}

/** Reads the register once into the structure every rule walks. */
export function prepareEvaluation(input: LedgerInput): PreparedEvaluation {
  const { today, calendar } = schoolDayToday(input);
  const pupilIndex = new Map<string, number>();
  input.pupils.forEach((p, i) => pupilIndex.set(p.upn, i));
  // The weekly windows read to the Sunday of today's week.
  const ledger = AttendanceLedger.build(input, pupilIndex, mondayOf(today) + 6);
  let earliest = today;
  for (let p = 0; p < input.pupils.length; p++) {
    const d = ledger.earliestMarkDay(p);
    if (d !== null && d < earliest) earliest = d;
  }
  return { ctx: { today, calendar, ledger, schoolDaysBack: schoolDaysBack(calendar, today, earliest) }, pupilIndex };
}

export interface PreparedReplay {
  pupilIndex: ReadonlyMap<string, number>;
  calendar: SchoolCalendar;
  /** The context of the morning of school day `day` (from..to): the register read once, seen as it stood then. */
  contextOn(day: EpochDay): EvaluationContext;
}

/**
 * Reads the register once for a replay of the morning lists from `from` to
 * `to` (compliance.md). `input.today` is ignored; each morning's context is a
 * view of the one ledger, and each morning's school days back a slice of one
 * array, so a term costs one build and a walk per day rather than a rebuild.
 */
export function prepareReplay(input: Omit<LedgerInput, "today">, from: EpochDay, to: EpochDay): PreparedReplay {
  const calendar = new SchoolCalendar(input.nonSchoolDays);
  const pupilIndex = new Map<string, number>();
  input.pupils.forEach((p, i) => pupilIndex.set(p.upn, i));
  const ledger = AttendanceLedger.build({ ...input, today: toIsoDate(to) }, pupilIndex, mondayOf(to) + 6);
  let earliest = from;
  for (let p = 0; p < input.pupils.length; p++) {
    const d = ledger.earliestMarkDay(p);
    if (d !== null && d < earliest) earliest = d;
  }
  const back = schoolDaysBack(calendar, to, earliest);
  return {
    pupilIndex,
    calendar,
    contextOn(day) {
      const at = back.indexOf(day);
      if (at < 0) throw new InvalidInput("day", `${toIsoDate(day)} is not a school day of the replay`);
      return { today: day, calendar, ledger: ledger.asOf(day), schoolDaysBack: back.subarray(at) };
    },
  };
}

/** One pupil's absence run, unseen streak and the rest, e.g. to explain a list entry. */
export function situationOf(input: EvaluationInput, upn: string): PupilSituation {
  const { ctx, pupilIndex } = prepareEvaluation(input);
  const i = pupilIndex.get(upn);
  if (i === undefined) throw new InvalidInput("upn", `pupil ${JSON.stringify(upn)} is not listed`);
  return new PupilSituation(ctx, i, upn, input.pupils[i]!.vulnerable ?? false);
}
