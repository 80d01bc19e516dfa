import { ATTENDANCE_CODES, classifyCode, isAbsence, isAttending, isCounted, isSeen, type AttendanceCode } from "./codes";
import type { Contact, EvaluationInput, Visit } from "./evaluation-input";
import { epochDayOf, mondayOf, toIsoDate, type EpochDay } from "./iso-date";
import { MarkColumns, type MarkSource } from "./mark-columns";

/** What the ledger reads: an evaluation's input, its marks as objects or as columns. */
export type LedgerInput = Omit<EvaluationInput, "marks"> & { marks: MarkSource };

/**
 * Everything the register says about each pupil, folded into one small record
 * per pupil per calendar day, so the rules can walk back from today without
 * looking at a mark twice. Built in two passes over the marks (the first finds
 * each pupil's earliest mark, the second fills the days), with no per-mark
 * allocation: a year for 50,000 pupils is ~19M marks.
 *
 * Each pupil's days run from their earliest mark to the end of today's
 * calendar week (the weekly windows read the whole current week). Days before
 * a pupil's earliest mark are never counted (spec: "School days before the
 * pupil's earliest mark are not counted"), so they need no storage.
 */

/** Bits of a day's flags. */
export const DAY = {
  /** At least one mark of any code. */
  MARKED: 1,
  /** At least one counted mark (any code but "not a possible session"). */
  COUNTED: 2,
  /** A counted mark that is not absence: present, attending elsewhere or `U`. */
  NOT_ABSENCE: 4,
  /** A counted mark other than `G`, `N`, `O`. */
  NOT_UNAUTHORISED: 8,
  /** A mark other than `G`: the day is not a known holiday. */
  NOT_ALL_G: 16,
  /** A mark `N` (no reason yet). */
  HAS_N: 32,
  /** Present, attending-elsewhere or `U` mark, a sighting, or a visit that saw the child. */
  SEEN: 64,
} as const;

/**
 * Stored beside the register's bits: a sighting or a visit that saw the child
 * that day. Kept apart from the register's SEEN so a replay (compliance.md)
 * can leave out a day's own sightings and visits, which answer that day's list
 * rather than shape it; `flagsOn` folds it into SEEN.
 */
const SEEN_BY_RECORD = 128;

// What one mark of each code adds to its day: the flag bits in the low byte,
// then the kind of session it is. Sessions are kept as bits per session
// (AM in bits 0-2, PM in bits 3-5) rather than counts, so one byte holds a day
// and a repeated mark cannot count twice.
const ATTENDED = 1;
const POSSIBLE = 2;
const UNAUTHORISED_OR_LATE = 4;
const PM_SHIFT = 3;

function effectOfCode(code: AttendanceCode): number {
  const cls = classifyCode(code);
  let flags: number = DAY.MARKED;
  let session = 0;
  if (code !== "G") flags |= DAY.NOT_ALL_G;
  if (code === "N") flags |= DAY.HAS_N;
  if (isSeen(cls)) flags |= DAY.SEEN;
  if (isCounted(cls)) {
    flags |= DAY.COUNTED;
    session |= POSSIBLE;
    if (!isAbsence(cls)) flags |= DAY.NOT_ABSENCE;
    if (cls !== "unauthorised_absence") flags |= DAY.NOT_UNAUTHORISED;
    if (isAttending(cls)) session |= ATTENDED;
    if (cls === "unauthorised_absence" || cls === "late_unauthorised") session |= UNAUTHORISED_OR_LATE;
  }
  return flags | (session << 8);
}

// Most codes are one character: a table by character code is the fast path.
const EFFECT_OF_CHAR = new Int32Array(128);
const EFFECT_OF_LONGER_CODE = new Map<string, number>();
for (const code of ATTENDANCE_CODES) {
  if (code.length === 1) EFFECT_OF_CHAR[code.charCodeAt(0)] = effectOfCode(code);
  else EFFECT_OF_LONGER_CODE.set(code, effectOfCode(code));
}

/** 0 for a string that is not an attendance code. */
function effectOf(code: string): number {
  if (code.length !== 1) return EFFECT_OF_LONGER_CODE.get(code) ?? 0;
  const c = code.charCodeAt(0);
  return c < 128 ? EFFECT_OF_CHAR[c]! : 0;
}

/** Sessions of each kind in one day's session bits. */
const COUNT_OF = Array.from({ length: 64 }, (_, bits) => {
  const am = bits & 7;
  const pm = bits >> PM_SHIFT;
  const n = (kind: number) => ((am & kind) !== 0 ? 1 : 0) + ((pm & kind) !== 0 ? 1 : 0);
  return { attended: n(ATTENDED), possible: n(POSSIBLE), unauthorisedOrLate: n(UNAUTHORISED_OR_LATE) };
});

/** No mark at all. */
const NONE = 2 ** 31 - 1;

export interface SessionTotals {
  /** Present or attending approved education elsewhere. */
  attended: number;
  /** Any code but "not a possible session". */
  possible: number;
  /** Coded `G`, `N`, `O` or `U`. */
  unauthorisedOrLate: number;
}

export class AttendanceLedger {
  private recordsBeforeIso: string | undefined;

  private constructor(
    /** Last day stored: the Sunday of today's week. */
    readonly lastDay: EpochDay,
    private readonly earliestMark: Int32Array,
    private readonly start: Int32Array,
    private readonly base: Int32Array,
    private readonly flags: Uint8Array,
    private readonly sessions: Uint8Array,
    private readonly contacts: (Contact[] | undefined)[],
    private readonly visits: (Visit[] | undefined)[],
    /** Marks dated after this day are not read (a replayed morning sees that day's register, no later). */
    private readonly marksThrough: EpochDay = lastDay,
    /** Contacts, sightings and visits dated on or after this day are not read (Infinity: all). */
    private readonly recordsBefore: EpochDay = Infinity,
  ) {}

  /**
   * The ledger as it stood on the morning of `day` (compliance.md): marks
   * dated up to `day`, contacts, sightings and visits dated before it. Shares
   * the buffers, so a replay over a term builds the register once.
   */
  asOf(day: EpochDay): AttendanceLedger {
    return new AttendanceLedger(
      Math.min(this.lastDay, mondayOf(day) + 6),
      this.earliestMark,
      this.start,
      this.base,
      this.flags,
      this.sessions,
      this.contacts,
      this.visits,
      Math.min(day, this.marksThrough),
      Math.min(day, this.recordsBefore),
    );
  }

  /**
   * `pupilIndex` maps a upn to its position in `input.pupils`. Records for a
   * upn not listed are ignored: the scenario door rejects them, and a caller
   * holding database rows cannot produce them.
   */
  static build(input: LedgerInput, pupilIndex: ReadonlyMap<string, number>, lastDay: EpochDay): AttendanceLedger {
    const pupilCount = input.pupils.length;
    const { earliestMark, start, base, flags, sessions } = foldColumns(input.marks instanceof MarkColumns ? input.marks : MarkColumns.fromMarks(input.marks), pupilIndex, pupilCount, lastDay);
    const ledger = new AttendanceLedger(
      lastDay,
      earliestMark,
      start,
      base,
      flags,
      sessions,
      groupByPupil(input.contacts, pupilIndex, pupilCount),
      groupByPupil(input.visits, pupilIndex, pupilCount),
    );
    for (const s of input.sightings) ledger.markSeen(pupilIndex.get(s.upn), epochDayOf(s.date));
    for (const v of input.visits) {
      if (v.outcome === "child_seen") ledger.markSeen(pupilIndex.get(v.upn), epochDayOf(v.date));
    }
    return ledger;
  }

  private markSeen(pupil: number | undefined, day: EpochDay): void {
    if (pupil === undefined) return;
    const at = this.indexOf(pupil, day);
    if (at >= 0) this.flags[at]! |= SEEN_BY_RECORD;
  }

  private indexOf(pupil: number, day: EpochDay): number {
    const start = this.start[pupil]!;
    return day < start || day > this.lastDay ? -1 : this.base[pupil]! + day - start;
  }

  /** The pupil's earliest mark, or null if they have none (as far as this ledger reads). */
  earliestMarkDay(pupil: number): EpochDay | null {
    const d = this.earliestMark[pupil]!;
    return d === NONE || d > this.marksThrough ? null : d;
  }

  /** The DAY bits for one pupil and day (0 for a day with nothing recorded). */
  flagsOn(pupil: number, day: EpochDay): number {
    if (day > this.marksThrough) return 0;
    const at = this.indexOf(pupil, day);
    if (at < 0) return 0;
    const f = this.flags[at]!;
    if ((f & SEEN_BY_RECORD) === 0) return f;
    return day < this.recordsBefore ? (f & ~SEEN_BY_RECORD) | DAY.SEEN : f & ~SEEN_BY_RECORD;
  }

  /** Sessions by kind over `from`..`to`, both inclusive, whether or not they are school days. */
  sessionTotals(pupil: number, from: EpochDay, to: EpochDay): SessionTotals {
    const totals: SessionTotals = { attended: 0, possible: 0, unauthorisedOrLate: 0 };
    const start = this.start[pupil]!;
    const lo = Math.max(from, start);
    const hi = Math.min(to, this.marksThrough);
    for (let at = this.base[pupil]! + lo - start, end = at + hi - lo; at <= end; at++) {
      const day = COUNT_OF[this.sessions[at]!]!;
      totals.attended += day.attended;
      totals.possible += day.possible;
      totals.unauthorisedOrLate += day.unauthorisedOrLate;
    }
    return totals;
  }

  contactsOf(pupil: number): readonly Contact[] {
    return this.before(this.contacts[pupil]);
  }

  visitsOf(pupil: number): readonly Visit[] {
    return this.before(this.visits[pupil]);
  }

  /** A pupil's few records, less those dated on or after `recordsBefore`, in their order. */
  private before<T extends { date: string }>(records: T[] | undefined): readonly T[] {
    if (records === undefined) return [];
    if (this.recordsBefore === Infinity) return records;
    const cutoff = (this.recordsBeforeIso ??= toIsoDate(this.recordsBefore));
    return records.every((r) => r.date < cutoff) ? records : records.filter((r) => r.date < cutoff);
  }
}

/** A school day on which every counted mark (at least one) is authorised or unauthorised absence. */
export function isAbsenceDay(flags: number): boolean {
  return (flags & (DAY.COUNTED | DAY.NOT_ABSENCE)) === DAY.COUNTED;
}

/** An absence day whose counted marks are all `G`, `N` or `O`. */
export function isUnauthorisedAbsenceDay(flags: number): boolean {
  return (flags & (DAY.COUNTED | DAY.NOT_ABSENCE | DAY.NOT_UNAUTHORISED)) === DAY.COUNTED;
}

/** Every mark that day is `G`: a known (if unauthorised) holiday, passed over by the unseen streak. */
export function isAllHolidayDay(flags: number): boolean {
  return (flags & (DAY.MARKED | DAY.NOT_ALL_G)) === DAY.MARKED;
}

export function isSeenDay(flags: number): boolean {
  return (flags & DAY.SEEN) !== 0;
}

function groupByPupil<T extends { upn: string }>(
  records: readonly T[],
  pupilIndex: ReadonlyMap<string, number>,
  pupilCount: number,
): (T[] | undefined)[] {
  const byPupil: (T[] | undefined)[] = new Array(pupilCount);
  for (const r of records) {
    const p = pupilIndex.get(r.upn);
    if (p !== undefined) (byPupil[p] ??= []).push(r);
  }
  return byPupil;
}

interface Folded {
  earliestMark: Int32Array;
  start: Int32Array;
  base: Int32Array;
  flags: Uint8Array;
  sessions: Uint8Array;
}

/** Each pupil's slice of the day arrays: earliest mark .. lastDay, two bytes a day in one allocation. */
function slices(earliestMark: Int32Array, lastDay: EpochDay): Folded {
  const pupilCount = earliestMark.length;
  const start = new Int32Array(pupilCount);
  const base = new Int32Array(pupilCount + 1);
  for (let p = 0; p < pupilCount; p++) {
    start[p] = Math.min(earliestMark[p]!, lastDay + 1);
    base[p + 1] = base[p]! + (lastDay + 1 - start[p]!);
  }
  // One allocation of two bytes a day: each large buffer can cost a full
  // garbage collection over a caller's millions of mark objects.
  const size = base[pupilCount]!;
  const days = new Uint8Array(size * 2);
  return { earliestMark, start, base, flags: days.subarray(0, size), sessions: days.subarray(size) };
}

/** The marks as columns: the pupil and code of each column looked up once, not once a mark. */
function foldColumns(marks: MarkColumns, pupilIndex: ReadonlyMap<string, number>, pupilCount: number, lastDay: EpochDay): Folded {
  const pupilOf = Int32Array.from(marks.upns, (u) => pupilIndex.get(u) ?? -1);
  const effectOfCode = Int32Array.from(marks.codes, effectOf);
  const earliestMark = new Int32Array(pupilCount).fill(NONE);
  const { pupil, day, pm, code, length } = marks;
  for (let i = 0; i < length; i++) {
    const p = pupilOf[pupil[i]!]!;
    if (p >= 0 && day[i]! < earliestMark[p]!) earliestMark[p] = day[i]!;
  }
  const folded = slices(earliestMark, lastDay);
  const { start, base, flags, sessions } = folded;
  for (let i = 0; i < length; i++) {
    const p = pupilOf[pupil[i]!]!;
    const d = day[i]!;
    if (p < 0 || d > lastDay) continue;
    const effect = effectOfCode[code[i]!]!;
    const at = base[p]! + d - start[p]!;
    flags[at]! |= effect & 0xff;
    sessions[at]! |= pm[i] === 0 ? effect >> 8 : (effect >> 8) << PM_SHIFT;
  }
  return folded;
}
