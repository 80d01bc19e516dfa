/**
 * The attendance figures the DfE publishes, for a school over a range:
 * overall attendance, persistent absence (10% or more of possible sessions
 * missed) and severe absence (50% or more), by year group. Pure: the caller
 * reads the marks.
 */
import { summariseAttendance } from "../attendance/attendance-summary";
import type { IsoDate } from "../attendance/iso-date";

/** DfE: a pupil missing 10% or more of their possible sessions is persistently absent. */
export const PERSISTENT_ABSENCE_SHARE = 0.1;
/** DfE: 50% or more is severe absence. */
export const SEVERE_ABSENCE_SHARE = 0.5;

export interface PupilMarks {
  upn: string;
  yearGroup: string | null;
  codes: readonly string[];
}

export interface YearGroupAttendance {
  /** "Not recorded" for pupils without a year group. */
  yearGroup: string;
  pupils: number;
  possibleSessions: number;
  sessionsMissed: number;
  /** Attended over possible, one decimal; null without a possible session. */
  attendancePercent: number | null;
  persistentlyAbsent: number;
  severelyAbsent: number;
}

export interface DfeAttendance {
  from: IsoDate;
  to: IsoDate;
  byYearGroup: YearGroupAttendance[];
  whole: YearGroupAttendance;
}

export const NO_YEAR_GROUP = "Not recorded";

export type AbsenceBand = "none" | "persistent" | "severe";

/** The DfE band of one pupil's sessions; a pupil with no possible session is in none. */
export function absenceBand(possible: number, missed: number): AbsenceBand {
  if (possible === 0) return "none";
  if (missed >= possible * SEVERE_ABSENCE_SHARE) return "severe";
  if (missed >= possible * PERSISTENT_ABSENCE_SHARE) return "persistent";
  return "none";
}

function empty(yearGroup: string): YearGroupAttendance {
  return { yearGroup, pupils: 0, possibleSessions: 0, sessionsMissed: 0, attendancePercent: null, persistentlyAbsent: 0, severelyAbsent: 0 };
}

/** Severely absent pupils are counted among the persistently absent too, as the DfE counts them. */
export function dfeAttendance(pupils: readonly PupilMarks[], from: IsoDate, to: IsoDate): DfeAttendance {
  const groups = new Map<string, YearGroupAttendance>();
  const whole = empty("All pupils");
  for (const p of pupils) {
    const s = summariseAttendance(p.codes, from, to);
    if (s.possibleSessions === 0) continue;
    const key = p.yearGroup ?? NO_YEAR_GROUP;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = empty(key)));
    const band = absenceBand(s.possibleSessions, s.sessionsMissed);
    for (const t of [g, whole]) {
      t.pupils++;
      t.possibleSessions += s.possibleSessions;
      t.sessionsMissed += s.sessionsMissed;
      if (band !== "none") t.persistentlyAbsent++;
      if (band === "severe") t.severelyAbsent++;
    }
  }
  const finish = (g: YearGroupAttendance) => ({
    ...g,
    attendancePercent: g.possibleSessions ? Math.round((1000 * (g.possibleSessions - g.sessionsMissed)) / g.possibleSessions) / 10 : null,
  });
  const byYearGroup = [...groups.values()].map(finish).sort((a, b) => yearOrder(a.yearGroup) - yearOrder(b.yearGroup) || a.yearGroup.localeCompare(b.yearGroup));
  return { from, to, byYearGroup, whole: finish(whole) };
}

/** Reception, then Year 1 to 13, then anything else. */
function yearOrder(group: string): number {
  if (/^(r|rec|reception)$/i.test(group.trim())) return 0;
  const n = /(\d+)/.exec(group);
  return n ? Number(n[1]) : 100;
}

/**
 * Pupils persistently absent over the half-term so far who were not on the
 * day before it began (their sessions from the start of the school year to
 * then): the children newly persistently absent this half-term.
 */
export function newlyPersistentlyAbsent(
  before: ReadonlyMap<string, { possible: number; missed: number }>,
  now: ReadonlyMap<string, { possible: number; missed: number }>,
): string[] {
  const out: string[] = [];
  for (const [upn, s] of now) {
    if (absenceBand(s.possible, s.missed) === "none") continue;
    const b = before.get(upn);
    if (!b || absenceBand(b.possible, b.missed) === "none") out.push(upn);
  }
  return out.sort();
}
