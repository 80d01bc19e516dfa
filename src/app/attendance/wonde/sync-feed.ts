/**
 * One sync of a school's Wonde feed. Everything is read and checked first (every
 * page, every record against its schema, every code mapped, every mark's pupil
 * known): a failure there writes nothing but the feed's status. Then pupils,
 * contacts and leavers are saved in one audited transaction and the marks go
 * through the register import (src/app/attendance/import-marks.ts), which is
 * all-or-nothing, idempotent and audits each correction. The watermark moves on
 * only when both have committed, so a sync that fails half-way is repeated whole
 * next time, and repeating it changes nothing twice.
 *
 * One sync per school at a time: a sync claims the feed row (syncing_since), as
 * the daily job claims a day; a claim older than CLAIM_STALE_MS (a killed
 * instance) may be taken over.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "../../../db/client";
import { pupils, registerMarks, wondeFeeds } from "../../../db/schema";
import { lockSchoolForImport } from "../../../db/school-import-lock";
import { dfeCodeOf } from "../../../domain/attendance/wonde-codes";
import { upnProblem } from "../../../domain/people/upn";
import { MarkColumnsBuilder, type MarkColumns } from "../../../domain/attendance/mark-columns";
import { epochDayOf, isSchoolDate, toIsoDate } from "../../../domain/attendance/iso-date";
import type { AttendanceCode } from "../../../domain/attendance/codes";
import { auditManyInto, rawWriteAudited, writeAudited, type Actor, type Audit, type AuditEntry } from "../../audit/write-audited";
import { londonDate } from "../../clock";
import { savePupilRecords, type ContactIn, type PupilIn } from "../../people/import-pupils";
import { importMarkRows, ImportRejected, mergeMarkRows, type ImportOutcome, type MarkRowSource, type RowBatch } from "../import-marks";
import { MarkRowError, type MarkRow } from "../../../domain/attendance/mark-rows";
import type { Executor } from "../../../db/client";
import { updateDailyListFor } from "../../../jobs/daily-lists";
import { WondeClient, WondeError, type WondeClientOptions } from "./client";
import { dayOf, type WondeAttendanceCode, type WondeSessionMark, type WondeStudent } from "./shapes";
import type { TokenBox } from "./token-box";

/** Records changed just before the last sync began may carry an updated_at earlier than its start: ask again for a little before it. */
export const WATERMARK_OVERLAP_MS = 5 * 60_000;
export const CLAIM_STALE_MS = 15 * 60_000;
export const WONDE_ACTOR: Actor = { userId: null, name: "Wonde feed" };
/** How a sync's import batch is named (with the time it began): the Today stream tells a sync from an upload by it and the actor. */
export const WONDE_SYNC_FILE = "Wonde sync ";

export type SyncOutcome =
  | { status: "synced"; rows: number; marksChanged: number; pupilsChanged: number; leavers: number; listRefreshed: boolean }
  | { status: "busy" }
  | { status: "not_connected" }
  | { status: "failed"; state: "access_revoked" | "error"; error: string; field?: string };

export interface SyncDeps {
  box: TokenBox;
  now: () => Date;
  client?: Partial<WondeClientOptions>;
}

export async function syncWondeFeed(h: DatabaseHandle, schoolId: string, deps: SyncDeps): Promise<SyncOutcome> {
  const startedAt = deps.now();
  const [feed] = await h.db
    .update(wondeFeeds)
    .set({ syncingSince: startedAt, progress: "asking Wonde for the school" })
    .where(and(eq(wondeFeeds.schoolId, schoolId), or(isNull(wondeFeeds.syncingSince), lt(wondeFeeds.syncingSince, new Date(startedAt.getTime() - CLAIM_STALE_MS)))))
    .returning();
  if (!feed) {
    const [exists] = await h.db.select({ id: wondeFeeds.schoolId }).from(wondeFeeds).where(eq(wondeFeeds.schoolId, schoolId));
    return exists ? { status: "busy" } : { status: "not_connected" };
  }
  const progress = (text: string) => h.db.update(wondeFeeds).set({ progress: text }).where(eq(wondeFeeds.schoolId, schoolId));
  try {
    const client = new WondeClient({ ...deps.client, baseUrl: feed.baseUrl, token: deps.box.open(feed.tokenCiphertext, schoolId) });
    const wid = feed.wondeSchoolId;
    const since = { updatedAfter: feed.watermark ? new Date(feed.watermark.getTime() - WATERMARK_OVERLAP_MS) : null };
    await client.school(wid);
    await progress("reading pupils and contacts");
    const students = await client.students(wid, since);
    await progress(`read ${students.length} pupils; reading leavers`);
    const leavers = await client.leavers(wid, since);
    const deletions = (await client.deletions(wid, since)).filter((d) => d.type === "student" && !d.restored);
    await progress("reading attendance codes and marks");
    const codes = new Map((await client.attendanceCodes(wid)).map((c) => [c.id, c]));

    const today = londonDate(startedAt);
    const upnOfStudent = new Map<string, string>([...students, ...leavers].map((s) => [s.id, s.education_details.data.upn.toUpperCase()]));
    const known = await h.db.select({ upn: pupils.upn, wondeId: pupils.wondeId }).from(pupils).where(eq(pupils.schoolId, schoolId));
    for (const p of known) if (p.wondeId && !upnOfStudent.has(p.wondeId)) upnOfStudent.set(p.wondeId, p.upn);

    const left = [
      ...leavers.map((s) => ({ wondeId: s.id, upn: s.education_details.data.upn.toUpperCase(), on: s.education_details.data.leaving_date ? dayOf(s.education_details.data.leaving_date) : today })),
      ...deletions.map((d) => ({ wondeId: d.id, upn: null, on: d.deleted_at ? dayOf(d.deleted_at) : today })),
    ];
    const fileName = `${WONDE_SYNC_FILE}${startedAt.toISOString()}`;
    let found: { people: PeopleSaved; count: number; marksChanged: number; changedPupils: string[] };
    if (h.kind === "postgresql" && !(await holdsMarks(h, schoolId))) {
      // A school's first year (hundreds of thousands of marks): read into the register as the pages
      // arrive, in one transaction with the roll, so PostgreSQL writes while Wonde is still read.
      found = await firstYear(h, schoolId, { client, wid, since, students, left, upnOfStudent, codes, today, fileName, progress });
    } else {
      found = await heldThenSaved(h, schoolId, { client, wid, since, students, left, upnOfStudent, codes, today, fileName, progress });
    }
    const { people, count, marksChanged } = found;

    // The list kept for today (if the morning job has made it) is updated for the pupils this sync
    // touched (their marks, their record or contacts, their leaving), so Today shows the change.
    let listRefreshed = false;
    if (marksChanged > 0 || people.changed > 0 || people.leavers > 0) {
      await progress("updating today's list");
      const update = await updateDailyListFor(h.db, schoolId, today, [...new Set([...people.touched, ...found.changedPupils])], deps.now());
      listRefreshed = update.kind !== "no_list";
    }
    const rows = students.length + leavers.length + deletions.length + count;
    await h.db
      .update(wondeFeeds)
      .set({ state: "connected", watermark: startedAt, syncingSince: null, progress: null, lastSyncAt: deps.now(), lastRows: rows, lastMarksChanged: marksChanged, lastError: null, lastErrorAt: null })
      .where(eq(wondeFeeds.schoolId, schoolId));
    return { status: "synced", rows, marksChanged, pupilsChanged: people.changed, leavers: people.leavers, listRefreshed };
  } catch (e) {
    const revoked = e instanceof WondeError && e.failure === "access_revoked";
    const error = e instanceof ImportRejected ? `the marks were refused: ${e.message}` : (e as Error).message;
    await h.db
      .update(wondeFeeds)
      .set({ state: revoked ? "access_revoked" : "error", syncingSince: null, progress: null, lastError: error, lastErrorAt: deps.now() })
      .where(eq(wondeFeeds.schoolId, schoolId));
    if (!(e instanceof WondeError) && !(e instanceof ImportRejected) && !(e instanceof Error && /Wonde token/.test(e.message))) throw e;
    return { status: "failed", state: revoked ? "access_revoked" : "error", error, ...(e instanceof WondeError && e.field ? { field: e.field } : {}) };
  }
}

interface Read {
  client: WondeClient;
  wid: string;
  since: { updatedAfter: Date | null };
  students: WondeStudent[];
  left: Leaving[];
  upnOfStudent: Map<string, string>;
  codes: Map<string, WondeAttendanceCode>;
  today: string;
  fileName: string;
  progress: (text: string) => Promise<unknown>;
}

/** A progress line every 50,000 marks. */
async function marksRead(r: Read, before: number, after: number): Promise<void> {
  if (Math.floor(after / 50_000) > Math.floor(before / 50_000)) await r.progress(`reading marks: ${after.toLocaleString("en-GB")} read and checked`);
}

/**
 * Every mark read and checked first, then the roll and the marks saved (two transactions:
 * the watermark moves on only once both have committed, so a sync that fails between them is
 * repeated whole). The way on PGlite, whose one connection a transaction left open during the
 * reading would hold, and for a school that holds marks already (a morning's sync).
 */
async function heldThenSaved(h: DatabaseHandle, schoolId: string, r: Read) {
  // Each mark is checked as its page arrives and kept as four small numbers (a school's year is
  // hundreds of thousands). A record not of Wonde's shape stops the reading at once; a mark whose
  // pupil or code is unknown is remembered (the first one) and named once the pupils are checked too,
  // so which fault is named is as when everything was read first.
  const { client, wid, since, students, left, upnOfStudent, codes, today, progress } = r;
  const held = new HeldMarks(upnOfStudent, codes);
  const count = await client.eachSessionMarkPage(wid, since, async (page, offset) => {
    held.addPage(page, offset);
    await marksRead(r, offset, offset + page.length);
  });
  await progress(`read ${count} marks; checking`);

  const roll = toPupilRecords(students, today);
  if (held.fault) throw held.fault;

  await progress("saving pupils and leavers");
  const people = roll.size || left.length ? await savePeople(h, schoolId, roll, students, left) : NO_ONE;

  let marksChanged = 0;
  let changedPupils: string[] = [];
  if (held.size) {
    await progress(`saving ${held.size} marks`);
    // Handed to the register import's core as checked rows (a UPN, a date, AM/PM, a DfE code): no file is written and read again.
    const report = await importMarkRows(h, WONDE_ACTOR, { schoolIds: [schoolId] }, held.source(), { fileName: r.fileName, changedPupils: true });
    marksChanged = report.inserted + report.changed;
    changedPupils = (report.changedPupils ?? []).map((p) => p.pupilId);
  }
  return { people, count, marksChanged, changedPupils };
}

/**
 * A school's first year, on PostgreSQL: one transaction saves the roll, then takes each page
 * of marks as it arrives, checks it and copies it into the register while the next page is
 * read, and commits once the last is in. A fault anywhere rolls back everything, the roll
 * with it. The school's import lock (and the kept-replay version the roll's save bumps) are
 * held for the reading: a write to the school's records meanwhile waits for it, which is only
 * ever a school with no register yet.
 */
async function firstYear(h: DatabaseHandle, schoolId: string, r: Read) {
  const { client, wid, since, students, left, upnOfStudent, codes, today, progress } = r;
  const roll = toPupilRecords(students, today);
  await progress("saving pupils and leavers, then reading marks into the register");
  let count = 0;
  try {
    return await rawWriteAudited(h, WONDE_ACTOR, async (run, audit) => {
      await run.query(`set transaction isolation level read committed`);
      const people = roll.size || left.length ? await savePeopleIn(run.orm!(), audit, schoolId, roll, students, left) : NO_ONE;
      const live = new LiveMarks(upnOfStudent, codes);
      const pages = pageChannel<RowBatch>();
      const reading = client
        .eachSessionMarkPage(wid, since, async (page, offset) => {
          await pages.put(live.batchOf(page, offset));
          await marksRead(r, offset, offset + page.length);
        })
        .then(
          (n) => {
            count = n;
            pages.close();
          },
          (e: unknown) => pages.close(e),
        );
      let report: ImportOutcome | null = null;
      try {
        report = await mergeMarkRows(run, audit, WONDE_ACTOR, { schoolIds: [schoolId] }, live.source(pages), { fileName: r.fileName, changedPupils: true, direct: true });
      } catch (e) {
        // No marks at all is not a fault here: a school's roll may come before its registers.
        if (!(e instanceof MarkRowError && e.column === "file" && count === 0)) throw e;
      } finally {
        pages.cancel();
        await reading;
      }
      const marksChanged = report ? report.inserted + report.changed : 0;
      if (people.changed + people.leavers + people.linked + marksChanged === 0) throw new NothingNew();
      return { people, count, marksChanged, changedPupils: (report?.changedPupils ?? []).map((p) => p.pupilId) };
    });
  } catch (e) {
    if (e instanceof NothingNew) return { people: NO_ONE, count, marksChanged: 0, changedPupils: [] };
    if (e instanceof MarkRowError) throw new ImportRejected(e.line, e.column, e.reason);
    throw e;
  }
}

/** Whether any pupil of the school holds a mark. */
async function holdsMarks(h: DatabaseHandle, schoolId: string): Promise<boolean> {
  const [m] = await h.db.select({ one: sql<number>`1` }).from(registerMarks).where(eq(registerMarks.schoolId, schoolId)).limit(1);
  return m !== undefined;
}

/**
 * Pages handed from the Wonde client (which calls back for each) to the import (which pulls
 * them as an async iterable), one waiting at most: the client reads ahead one page while the
 * import copies the last. `cancel` stops the reading: the client's next hand-over fails.
 */
function pageChannel<T>() {
  const items: T[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let cancelled = false;
  let wake: (() => void) | null = null;
  let space: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  return {
    async put(item: T): Promise<void> {
      if (cancelled) throw new Error("the import stopped reading");
      items.push(item);
      poke();
      if (items.length > 1) await new Promise<void>((r) => (space = r));
      if (cancelled) throw new Error("the import stopped reading");
    },
    close(error?: unknown) {
      ended = true;
      if (error !== undefined) failure = { error };
      poke();
    },
    cancel() {
      cancelled = true;
      space?.();
      space = null;
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      for (;;) {
        const item = items.shift();
        if (item !== undefined) {
          space?.();
          space = null;
          yield item;
          continue;
        }
        if (ended) {
          if (failure) throw failure.error;
          return;
        }
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
}

/** Wonde's students as the pupils import takes them; a bad UPN is refused naming the record. */
function toPupilRecords(students: WondeStudent[], _today: string): Map<string, { pupil: PupilIn; contacts: ContactIn[] }> {
  const out = new Map<string, { pupil: PupilIn; contacts: ContactIn[] }>();
  students.forEach((s, i) => {
    const upn = s.education_details.data.upn.toUpperCase();
    const bad = upnProblem(upn);
    if (bad) throw new WondeError("malformed", `students[${i}].education_details.data.upn "${upn}" ${bad}; nothing was saved`, `students[${i}].education_details.data.upn`);
    const x = s.extended_details?.data ?? {};
    const flags = [x.child_protection_plan && "child_protection_plan", x.child_in_need && "child_in_need", x.looked_after && "looked_after", x.sen_status === "E" && "send_ehcp"].filter((f): f is string => typeof f === "string").sort();
    const year = s.education_details.data.current_nc_year;
    const contacts = [...(s.contacts?.data ?? [])]
      // Doorstep's call order follows the MIS's priority (1 first); contacts without one come after, in Wonde's order.
      .map((c, order) => ({ c, order, priority: c.relationship?.priority ?? 1000 + order }))
      .sort((a, b) => a.priority - b.priority || a.order - b.order)
      .map(({ c }, n): ContactIn => {
        const d = c.contact_details?.data;
        return {
          name: [c.forename, c.surname].filter(Boolean).join(" ") || "Contact",
          relationship: c.relationship?.relationship ?? "Parent/carer",
          parentalResponsibility: c.relationship?.parental_responsibility === true,
          phone: d?.phones?.mobile ?? d?.phones?.primary ?? d?.phones?.phone ?? d?.phones?.home ?? null,
          email: (d?.emails?.primary ?? d?.emails?.email)?.toLowerCase() ?? null,
          address: null,
          priority: n + 1,
        };
      });
    out.set(upn, {
      pupil: {
        upn,
        firstName: s.forename,
        lastName: s.surname,
        dateOfBirth: s.date_of_birth ? dayOf(s.date_of_birth) : null,
        yearGroup: year == null || year === "" ? null : String(year),
        className: s.classes?.data[0]?.name ?? null,
        addressLine1: null,
        addressLine2: null,
        town: null,
        postcode: null,
        householdKey: null,
        vulnerabilities: flags,
        // A feed that does not carry the admission date keeps the one the pupils CSV gave.
        ...(s.education_details.data.admission_date ? { admittedOn: dayOf(s.education_details.data.admission_date) } : {}),
      },
      contacts,
    });
  });
  return out;
}

type Roll = Map<string, { pupil: PupilIn; contacts: ContactIn[] }>;
/** A pupil who left (named by Wonde's leavers) or was deleted from the MIS (named by Wonde's deletions, without a UPN). */
type Leaving = { wondeId: string; upn: string | null; on: string };
/** What saving the roll changed, and the pupils it touched. */
interface PeopleSaved {
  changed: number;
  leavers: number;
  linked: number;
  touched: string[];
}
const NO_ONE: PeopleSaved = { changed: 0, leavers: 0, linked: 0, touched: [] };

/** The roll in a transaction of its own, rolled back when it changes nothing. */
async function savePeople(h: DatabaseHandle, schoolId: string, roll: Roll, students: WondeStudent[], left: Leaving[]): Promise<PeopleSaved> {
  try {
    return await writeAudited(h.db, WONDE_ACTOR, async (tx, audited) => {
      const saved = await savePeopleIn(tx, audited, schoolId, roll, students, left);
      if (saved.changed + saved.leavers + saved.linked === 0) throw new NothingNew();
      return saved;
    });
  } catch (e) {
    if (e instanceof NothingNew) return NO_ONE;
    throw e;
  }
}

/** Pupils, contacts, Wonde ids and leavers saved in a transaction the caller holds, each change audited. */
async function savePeopleIn(tx: Executor, audited: Audit, schoolId: string, roll: Roll, students: WondeStudent[], left: Leaving[]): Promise<PeopleSaved> {
  // The pupils whose record, contacts or leaving this sync changed: each such write is audited against the pupil.
  // Their audit rows are written together before the commit (a first sync adds a whole roll), the last through `audited`.
  const touched = new Set<string>();
  const entries: AuditEntry[] = [];
  const audit: typeof audited = async (e) => {
    if (e.entity === "pupil" && e.entityId) touched.add(e.entityId);
    entries.push(e);
  };
  await lockSchoolForImport(tx, schoolId);
  // Keep what the pupils CSV gave that Wonde does not send (addresses, households).
  const have = roll.size ? await tx.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), inArray(pupils.upn, [...roll.keys()]))) : [];
  for (const p of have) {
    const r = roll.get(p.upn)!;
    Object.assign(r.pupil, { addressLine1: p.addressLine1, addressLine2: p.addressLine2, town: p.town, postcode: p.postcode, householdKey: p.householdKey });
  }
  const saved = roll.size ? await savePupilRecords(tx, audit, schoolId, roll) : { added: 0, changed: 0 };
  // Each pupil remembers its Wonde id, so a later sync's marks (which name only the id) find it.
  const link = students.map((s) => [s.education_details.data.upn.toUpperCase(), s.id] as const);
  let linked = 0;
  for (let i = 0; i < link.length; i += 5000) {
    const chunk = link.slice(i, i + 5000);
    const r = await tx.execute(sql`
      update pupils p set wonde_id = v.wonde_id
      from unnest(${sql.raw("array[")}${sql.join(chunk.map(([upn]) => sql`${upn}`), sql`, `)}${sql.raw("]::text[]")}, ${sql.raw("array[")}${sql.join(chunk.map(([, id]) => sql`${id}`), sql`, `)}${sql.raw("]::text[]")}) as v(upn, wonde_id)
      where p.school_id = ${schoolId}::uuid and p.upn = v.upn and p.wonde_id is distinct from v.wonde_id
      returning p.id`);
    linked += rowsOf(r).length;
  }
  if (linked) await audit({ action: "pupils_linked_to_wonde", entity: "school", entityId: schoolId, schoolId, after: { pupils: linked } });
  let leavers = 0;
  for (const l of left) {
    const who = l.upn ? or(eq(pupils.upn, l.upn), eq(pupils.wondeId, l.wondeId)) : eq(pupils.wondeId, l.wondeId);
    const marked = await tx.update(pupils).set({ leftOn: l.on }).where(and(eq(pupils.schoolId, schoolId), who, sql`${pupils.leftOn} is distinct from ${l.on}`)).returning({ id: pupils.id, upn: pupils.upn });
    for (const p of marked) await audit({ action: "pupil_left", entity: "pupil", entityId: p.id, schoolId, after: { upn: p.upn, leftOn: l.on, source: "Wonde" } });
    leavers += marked.length;
  }
  const changed = saved.added + saved.changed;
  for (let i = 0; i < entries.length - 1; i += 1000) await auditManyInto(tx, WONDE_ACTOR, entries.slice(i, Math.min(i + 1000, entries.length - 1)));
  if (entries.length) await audited(entries.at(-1)!);
  return { changed, leavers, linked, touched: [...touched] };
}

class NothingNew extends Error {}

/** Rows handed to the import at a time. */
const ROWS_A_BATCH = 5000;

/**
 * A sync's marks as read, as columns (src/domain/attendance/mark-columns.ts: a pupil, a day,
 * AM or PM and a DfE code for each, in typed arrays), each mark checked as it is added.
 */
class HeldMarks {
  /** The first mark whose pupil or code Wonde did not list, whose code is not a DfE one, or whose day no register holds. */
  fault: WondeError | null = null;
  private readonly marks = new MarkColumnsBuilder(4096);
  private columns: MarkColumns | null = null;
  /** A Wonde student id → the pupil's position in the columns, or -1: not listed. */
  private readonly pupilOf = new Map<string, number>();
  /** Wonde's date text → its epoch day, or -1: not a day a register holds. */
  private readonly dayOf = new Map<string, number>();
  /** A code's id → its position in the columns, or -1 not listed, -2 not a DfE code. */
  private readonly byCodeId = new Map<string, number>();
  private readonly byCode = new Map<string, number>();

  constructor(
    private readonly upnOfStudent: Map<string, string>,
    private readonly codes: Map<string, WondeAttendanceCode>,
  ) {}

  addPage(page: WondeSessionMark[], offset: number): void {
    for (let j = 0; j < page.length; j++) {
      const m = page[j]!;
      const studentId = typeof m.student === "string" ? m.student : m.student.data.id;
      const p = this.pupilIndex(studentId);
      const c = typeof m.attendance_code === "string" ? this.codeById(m.attendance_code) : this.codeByText(m.attendance_code.data.code);
      const d = this.dayIndex(m.date.date);
      if (p < 0 || c < 0 || d < 0) {
        this.fault ??= markFault(m, offset + j, studentId, p, c, this.codes);
        continue;
      }
      this.marks.push(p, d, m.session === "PM" ? 1 : 0, c);
    }
  }

  get size(): number {
    return this.held().length;
  }

  /** The marks as the import's rows, numbered as the lines of the CSV they were once handed on as (the header is line 1). */
  source(): MarkRowSource {
    const { upns, codes, pupil, day, pm, code, length } = this.held();
    const dayText = new Map<number, string>();
    const textOf = (d: number) => {
      let t = dayText.get(d);
      if (t === undefined) dayText.set(d, (t = toIsoDate(d)));
      return t;
    };
    async function* batches(): AsyncGenerator<RowBatch> {
      for (let start = 0; start < length; start += ROWS_A_BATCH) {
        yield {
          size: Math.min(ROWS_A_BATCH, length - start),
          line: (i) => start + i + 2,
          decode: (i) => ({ upn: upns[pupil[start + i]!]!, date: textOf(day[start + i]!), session: pm[start + i] ? "PM" : "AM", code: codes[code[start + i]!] as AttendanceCode }),
        };
      }
    }
    return {
      batches: batches(),
      columns: { upn: "upn", date: "date", session: "session", code: "code" },
      format: "wonde-feed",
      sha256: () => {
        const hash = createHash("sha256").update(JSON.stringify([upns, codes]));
        for (const a of [pupil, day, pm, code]) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        return hash.digest("hex");
      },
    };
  }

  private held(): MarkColumns {
    return (this.columns ??= this.marks.build());
  }

  private pupilIndex(studentId: string): number {
    let p = this.pupilOf.get(studentId);
    if (p === undefined) {
      const upn = this.upnOfStudent.get(studentId);
      this.pupilOf.set(studentId, (p = upn === undefined ? -1 : this.marks.pupilOf(upn)));
    }
    return p;
  }

  private dayIndex(date: string): number {
    let d = this.dayOf.get(date);
    if (d === undefined) {
      const text = date.slice(0, 10);
      this.dayOf.set(date, (d = isSchoolDate(text) ? epochDayOf(text) : -1));
    }
    return d;
  }

  private codeById(id: string): number {
    let c = this.byCodeId.get(id);
    if (c === undefined) {
      const raw = this.codes.get(id)?.code;
      this.byCodeId.set(id, (c = raw === undefined ? -1 : this.codeByText(raw)));
    }
    return c;
  }

  private codeByText(raw: string): number {
    let c = this.byCode.get(raw);
    if (c === undefined) {
      const code = dfeCodeOf(raw);
      this.byCode.set(raw, (c = code ? this.marks.codeOf(code) : -2));
    }
    return c;
  }
}

/** A mark Doorstep cannot take, named by its place in the list: its pupil (p < 0) or code (c: -1 not listed, -2 not DfE) or else its day. */
function markFault(m: WondeSessionMark, i: number, studentId: string, p: number, c: number, codes: Map<string, WondeAttendanceCode>): WondeError {
  if (p < 0) return new WondeError("malformed", `Wonde sent a mark for a pupil it did not list: attendance[${i}].student ${studentId}; nothing was saved`, `attendance[${i}].student`);
  if (c === -1) return new WondeError("malformed", `Wonde sent a mark with an attendance code it did not list: attendance[${i}].attendance_code; nothing was saved`, `attendance[${i}].attendance_code`);
  if (c === -2) {
    const raw = typeof m.attendance_code === "string" ? codes.get(m.attendance_code)!.code : m.attendance_code.data.code;
    return new WondeError("malformed", `attendance[${i}].attendance_code "${raw}" is not a DfE attendance code (2024) Doorstep knows; nothing was saved`, `attendance[${i}].attendance_code`);
  }
  // Wonde's date shape is checked with the record; a day outside 2000–2099 (or a 30 February) is refused here, before anything is saved.
  return new WondeError("malformed", `attendance[${i}].date.date "${m.date.date}" is not a day a register can hold (2000 to 2099); nothing was saved`, `attendance[${i}].date.date`);
}

/**
 * A first year's marks as each page arrives (firstYear): every record checked against the
 * students, codes and days Wonde listed (a fault throws at once: nothing is saved), then
 * handed on as the import's rows.
 */
class LiveMarks {
  /** A Wonde student id → the pupil's UPN, or null: not listed. */
  private readonly upnOf = new Map<string, string | null>();
  /** Wonde's date text → the ISO day, or null: not a day a register holds. */
  private readonly dayOf = new Map<string, string | null>();
  /** A code's id or text → its DfE code, or -1 not listed, -2 not a DfE code. */
  private readonly byCodeId = new Map<string, AttendanceCode | -1 | -2>();
  private readonly byCode = new Map<string, AttendanceCode | -2>();
  private readonly hash = createHash("sha256");

  constructor(
    private readonly upnOfStudent: Map<string, string>,
    private readonly codes: Map<string, WondeAttendanceCode>,
  ) {}

  batchOf(page: WondeSessionMark[], offset: number): RowBatch {
    const rows = new Array<MarkRow>(page.length);
    let text = "";
    for (let j = 0; j < page.length; j++) {
      const m = page[j]!;
      const studentId = typeof m.student === "string" ? m.student : m.student.data.id;
      const upn = this.upn(studentId);
      const code = typeof m.attendance_code === "string" ? this.codeById(m.attendance_code) : this.codeByText(m.attendance_code.data.code);
      const date = this.day(m.date.date);
      if (upn === null || typeof code === "number" || date === null) throw markFault(m, offset + j, studentId, upn === null ? -1 : 0, typeof code === "number" ? code : 0, this.codes);
      const row: MarkRow = { upn, date, session: m.session === "PM" ? "PM" : "AM", code };
      rows[j] = row;
      text += `${upn}\t${date}\t${row.session}\t${code}\n`;
    }
    this.hash.update(text);
    return { size: rows.length, line: (i) => offset + i + 2, decode: (i) => rows[i]! };
  }

  /** The marks as the import's rows; the digest is of them as tab-separated lines, in Wonde's order. */
  source(pages: AsyncIterable<RowBatch>): MarkRowSource {
    return { batches: pages, columns: { upn: "upn", date: "date", session: "session", code: "code" }, format: "wonde-feed", sha256: () => this.hash.digest("hex") };
  }

  private upn(studentId: string): string | null {
    let u = this.upnOf.get(studentId);
    if (u === undefined) this.upnOf.set(studentId, (u = this.upnOfStudent.get(studentId) ?? null));
    return u;
  }

  private day(date: string): string | null {
    let d = this.dayOf.get(date);
    if (d === undefined) {
      const text = date.slice(0, 10);
      this.dayOf.set(date, (d = isSchoolDate(text) ? text : null));
    }
    return d;
  }

  private codeById(id: string): AttendanceCode | -1 | -2 {
    let c = this.byCodeId.get(id);
    if (c === undefined) {
      const raw = this.codes.get(id)?.code;
      this.byCodeId.set(id, (c = raw === undefined ? -1 : this.codeByText(raw)));
    }
    return c;
  }

  private codeByText(raw: string): AttendanceCode | -2 {
    let c = this.byCode.get(raw);
    if (c === undefined) this.byCode.set(raw, (c = dfeCodeOf(raw) ?? -2));
    return c;
  }
}
