/**
 * Reads what the engine needs about a school for one day, and no more.
 *
 * Given the policy in force, each rule says how far back it looks: Coteford's
 * attendance over three months, Transform's ten teaching weeks, Burgh's last ten
 * school days for the local authority; an absence run or an unseen streak can
 * reach back any distance, so those rules read a short recent window and every
 * child whose run or streak is not closed inside it is read again in full. The
 * engine's answer is therefore the one it would give over the complete record,
 * while a school of 1,000 pupils reads a few tens of thousands of marks rather
 * than a year's 380,000. Hunsbury Park's policy starts no visit from absence,
 * so no marks are read for it at all.
 *
 * Marks come back one row per pupil (all their marks in one string), so the
 * drivers parse a thousand rows, not hundreds of thousands.
 */
import { and, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "../../db/client";
import { nonSchoolDays, pupils } from "../../db/schema";
import { withPlannerSettings } from "../../db/planner-settings";
import { SchoolCalendar, type Contact, type EvaluationInput, type Sighting, type Visit, type VisitOutcome } from "../../domain/attendance";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { MarkColumns, MarkColumnsBuilder } from "../../domain/attendance/mark-columns";
import { openRunsAndStreaks, windowFor } from "../../domain/attendance/rule-reads";
import type { PolicyTemplate } from "../../domain/policy";
import type { ReplayInput } from "../../domain/attendance/compliance";

/** The window read when no policy is given (covers Coteford's three months and Transform's ten weeks). */
export const WINDOW_DAYS = 100;

export interface PupilRow {
  id: string;
  upn: string;
  firstName: string;
  lastName: string;
  yearGroup: string | null;
  className: string | null;
  householdKey: string | null;
  addressLine1: string | null;
  town: string | null;
  postcode: string | null;
  vulnerabilities: string[];
  /** The day the name was added to the admission register, if the MIS said. */
  admittedOn: string | null;
}

export interface LoadedSchoolDay {
  input: EvaluationInput;
  pupils: PupilRow[];
  /** The first day read for every pupil (children read in full go further back). */
  windowStart: IsoDate;
  /** Pupils whose records were read in full because a run or streak reached the window's start. */
  readInFull?: string[];
}

export interface LoadOptions {
  /** Only these pupils. */
  pupilIds?: string[];
  /** Read from this day (default: WINDOW_DAYS before `day`, or what `policy` needs). */
  since?: IsoDate;
  /** The pupils on roll on any day from this one to `day` (default: on roll on `day`). */
  onRollFrom?: IsoDate;
  /**
   * The policy to be evaluated: read exactly what its rules need, so that
   * `evaluate(policy, input)` equals the evaluation over the complete record.
   */
  policy?: PolicyTemplate;
}

export async function loadSchoolDay(db: Executor, schoolId: string, day: IsoDate, opts: LoadOptions = {}): Promise<LoadedSchoolDay> {
  const ids = opts.pupilIds;
  const [pupilRows, closed] = await Promise.all([readPupils(db, schoolId, ids, opts.onRollFrom ?? day), readClosures(db, schoolId)]);
  const upnOf = new Map(pupilRows.map((p) => [p.id, p.upn]));
  const loaded = (windowStart: IsoDate, records: Records): LoadedSchoolDay => ({
    input: { today: day, nonSchoolDays: closed, pupils: pupilRows.map((p) => ({ upn: p.upn, vulnerable: p.vulnerabilities.length > 0 })), ...records, marks: records.marks.toMarks() },
    pupils: pupilRows,
    windowStart,
  });

  const policy = opts.since === undefined ? opts.policy : undefined;
  if (!policy) {
    const since = opts.since ?? addDays(day, -WINDOW_DAYS);
    return loaded(since, await readRecords(db, schoolId, since, day, upnOf, ids));
  }

  const calendar = new SchoolCalendar(closed);
  // Not a school day (no list is made), or a policy with no absence rule: nothing else to read.
  if (!calendar.isSchoolDay(day) || policy.absenceRules.length === 0) return loaded(day, NO_RECORDS);

  const since = windowFor(policy, calendar, day);
  const result = loaded(since, await readRecords(db, schoolId, since, day, upnOf, ids));
  const open = new Set(openRunsAndStreaks(policy, calendar, result.input, since));
  if (open.size === 0) return result;

  // Read those children's whole record and put it in place of their window.
  const openIds = pupilRows.filter((p) => open.has(p.upn)).map((p) => p.id);
  const full = await readRecords(db, schoolId, null, day, upnOf, openIds);
  const { input } = result;
  result.input = {
    ...input,
    marks: swap(open, input.marks, full.marks.toMarks()),
    contacts: swap(open, input.contacts, full.contacts),
    sightings: swap(open, input.sightings, full.sightings),
    visits: swap(open, input.visits, full.visits),
  };
  result.readInFull = openIds;
  return result;
}

export interface LoadedSchoolRange {
  /** The marks as columns: a term of a school's marks, without an object per mark. */
  input: ReplayInput<MarkColumns>;
  pupils: PupilRow[];
  windowStart: IsoDate;
  readInFull: string[];
}

/**
 * What the replay of every morning from `from` to `to` needs (compliance.md),
 * read as loadSchoolDay reads one day: the window the policies' rules need on
 * `from`, and in full the children whose run or streak is not closed inside it
 * by the school day before `from`. A run or streak on a later morning that
 * reaches before the window spans that whole window, so it was open then too.
 * `from` and `to` are school days, `from` on or before `to`.
 */
export async function loadSchoolRange(db: Executor, schoolId: string, from: IsoDate, to: IsoDate, policies: readonly PolicyTemplate[]): Promise<LoadedSchoolRange> {
  const [pupilRows, closed] = await Promise.all([readPupils(db, schoolId, undefined, from), readClosures(db, schoolId)]);
  const upnOf = new Map(pupilRows.map((p) => [p.id, p.upn]));
  const calendar = new SchoolCalendar(closed);
  const loaded = (windowStart: IsoDate, records: Records, readInFull: string[]): LoadedSchoolRange => ({
    input: { from, to, nonSchoolDays: closed, pupils: pupilRows.map((p) => ({ upn: p.upn, vulnerable: p.vulnerabilities.length > 0 })), ...records },
    pupils: pupilRows,
    windowStart,
    readInFull,
  });
  const active = policies.filter((p) => p.absenceRules.length > 0);
  if (active.length === 0) return loaded(from, NO_RECORDS, []);

  const before = calendar.previousSchoolDay(from);
  let since = before;
  for (const policy of active) {
    const start = windowFor(policy, calendar, from);
    if (start < since) since = start;
  }
  const records = await readRecords(db, schoolId, since, to, upnOf);
  const open = new Set<string>();
  for (const policy of active) {
    for (const upn of openRunsAndStreaks(policy, calendar, { ...records, today: before, nonSchoolDays: closed, pupils: loaded(since, NO_RECORDS, []).input.pupils }, since)) open.add(upn);
  }
  if (open.size === 0) return loaded(since, records, []);
  const openIds = pupilRows.filter((p) => open.has(p.upn)).map((p) => p.id);
  const full = await readRecords(db, schoolId, null, to, upnOf, openIds);
  return loaded(
    since,
    { marks: records.marks.without(open).concat(full.marks), contacts: swap(open, records.contacts, full.contacts), sightings: swap(open, records.sightings, full.sightings), visits: swap(open, records.visits, full.visits) },
    openIds,
  );
}

/** The records of the children in `open` replaced by their whole record. */
function swap<T extends { upn: string }>(open: ReadonlySet<string>, windowed: readonly T[], whole: readonly T[]): T[] {
  return [...windowed.filter((r) => !open.has(r.upn)), ...whole];
}

/** The pupils on the roll on `onRollOn` or later: a leaver (left_on, from the MIS) is not listed after the day they left. */
function readPupils(db: Executor, schoolId: string, ids: string[] | undefined, onRollOn: IsoDate): Promise<PupilRow[]> {
  return db
    .select({
      id: pupils.id,
      upn: pupils.upn,
      firstName: pupils.firstName,
      lastName: pupils.lastName,
      yearGroup: pupils.yearGroup,
      className: pupils.className,
      householdKey: pupils.householdKey,
      addressLine1: pupils.addressLine1,
      town: pupils.town,
      postcode: pupils.postcode,
      vulnerabilities: pupils.vulnerabilities,
      admittedOn: pupils.admittedOn,
    })
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), ids ? inArray(pupils.id, ids) : undefined, or(isNull(pupils.leftOn), gte(pupils.leftOn, onRollOn))));
}

async function readClosures(db: Executor, schoolId: string): Promise<IsoDate[]> {
  const rows = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  return rows.map((r) => r.day);
}

type Records = Pick<EvaluationInput, "contacts" | "sightings" | "visits"> & { marks: MarkColumns };
const NO_RECORDS: Records = { marks: MarkColumns.EMPTY, contacts: [], sightings: [], visits: [] };

/** Between a mark's session and code, and between marks, in the pupil rows below (control characters: never in a code). */
const FIELD = "\x1f";
const MARK = "\x1e";


/** Marks, contacts, sightings and visits from `since` (null: from the start) to `day`, for the school's pupils in `upnOf`. */
async function readRecords(db: Executor, schoolId: string, since: IsoDate | null, day: IsoDate, upnOf: ReadonlyMap<string, string>, ids?: string[]): Promise<Records> {
  if (ids && ids.length === 0) return NO_RECORDS;
  const range = (alias: string): SQL => {
    const col = sql.raw(`${alias}.day`);
    return since === null ? sql`${col} <= ${day}::date` : sql`${col} >= ${since}::date and ${col} <= ${day}::date`;
  };
  const only = (alias: string): SQL => (ids ? sql` and ${sql.raw(`${alias}.pupil_id`)} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``);
  const [markRows, contactRows, sightingRows, visitRows] = await Promise.all([
    // One row per pupil: each mark as days since 1970-01-01, session, FIELD, code, joined
    // by MARK; a thousand rows for a school instead of a hundred thousand.
    withPlannerSettings(
      db,
      sql`
        select m.pupil_id as "pupilId", string_agg((m.day - date '1970-01-01')::text || m.session || chr(31) || m.code, chr(30)) as marks
        from register_marks m
        where m.school_id = ${schoolId}::uuid and ${range("m")}${only("m")}
        group by m.pupil_id`,
    ),
    db.execute(sql`
      select c.pupil_id as "pupilId", to_char(c.day, 'YYYY-MM-DD') as day, c.reached
      from contact_attempts c
      where c.school_id = ${schoolId}::uuid and ${range("c")}${only("c")}`),
    db.execute(sql`
      select s.pupil_id as "pupilId", to_char(s.day, 'YYYY-MM-DD') as day
      from sightings s
      where s.school_id = ${schoolId}::uuid and ${range("s")}${only("s")}`),
    db.execute(sql`
      select vp.pupil_id as "pupilId", to_char(v.day, 'YYYY-MM-DD') as day, vp.outcome
      from visit_pupils vp join visits v on v.id = vp.visit_id
      where v.school_id = ${schoolId}::uuid and ${range("v")} and vp.outcome is not null${only("vp")}`),
  ]);

  // Straight into columns: no object per mark (a term of a school is ~140,000 marks).
  const marks = new MarkColumnsBuilder(1 << 16);
  const oneCharCodes: number[] = [];
  for (const r of rowsOf<{ pupilId: string; marks: string }>(markRows)) {
    const upn = upnOf.get(r.pupilId);
    if (upn === undefined) continue;
    const pupil = marks.pupilOf(upn);
    const s = r.marks;
    for (let pos = 0; pos < s.length; ) {
      let end = s.indexOf(MARK, pos);
      if (end < 0) end = s.length;
      // Days since 1970 (a minus sign before then), then the session up to FIELD, then the code.
      let i = pos;
      const negative = s.charCodeAt(i) === 45;
      if (negative) i++;
      let n = 0;
      for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) n = n * 10 + (c - 48);
      if (negative) n = -n;
      const field = s.indexOf(FIELD, i);
      // "AM" is session 0; anything else is read as PM, as the ledger reads a Mark's session.
      const pm = field === i + 2 && s.charCodeAt(i) === 65 && s.charCodeAt(i + 1) === 77 ? 0 : 1;
      let code: number;
      if (end === field + 2) {
        const c = s.charCodeAt(field + 1);
        code = oneCharCodes[c] ??= marks.codeOf(s.slice(field + 1, end));
      } else code = marks.codeOf(s.slice(field + 1, end));
      marks.push(pupil, n, pm, code);
      pos = end + 1;
    }
  }
  const contacts: Contact[] = [];
  for (const c of rowsOf<{ pupilId: string; day: string; reached: boolean }>(contactRows)) {
    const upn = upnOf.get(c.pupilId);
    if (upn !== undefined) contacts.push({ upn, date: c.day, reached: c.reached });
  }
  const sightings: Sighting[] = [];
  for (const s of rowsOf<{ pupilId: string; day: string }>(sightingRows)) {
    const upn = upnOf.get(s.pupilId);
    if (upn !== undefined) sightings.push({ upn, date: s.day });
  }
  const visits: Visit[] = [];
  for (const v of rowsOf<{ pupilId: string; day: string; outcome: string }>(visitRows)) {
    const upn = upnOf.get(v.pupilId);
    if (upn !== undefined) visits.push({ upn, date: v.day, outcome: v.outcome as VisitOutcome });
  }
  return { marks: marks.build(), contacts, sightings, visits };
}
