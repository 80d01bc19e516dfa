/**
 * Imports register marks from a stream: CSV (canonical or an MIS layout) or
 * Wonde-shaped JSON. The file is read once, row by row, into a staging table
 * inside one transaction (COPY on PostgreSQL), so a year for a whole trust never
 * sits in memory. A bad row rejects the whole file with its line, column and
 * reason. The same file twice changes nothing; a corrected mark replaces the old
 * one and each correction is audited.
 *
 * A trust's year is ~19 million rows, so the per-row path is kept short: the
 * parser hands on records in arrays with their line numbers, rows go to COPY in
 * 64 kB chunks, repeated pupil/date/session keys are caught in memory (two bits
 * a pupil-day) so the staging table needs no grouping pass, and new marks are
 * written in primary-key order without ON CONFLICT.
 *
 * Two imports for the same school take turns to compare and write (a lock per
 * school, held to the end of the transaction; files are read and staged side by
 * side): each compares with what the other committed, so every correction is
 * audited once, from the code it really replaced, and no key is inserted twice.
 */
import { createHash } from "node:crypto";
import { PassThrough, Readable, Transform } from "node:stream";
import { Parser } from "csv-parse";
import { parser as jsonParser } from "stream-json";
import { pick } from "stream-json/filters/pick.js";
import { streamArray } from "stream-json/streamers/stream-array.js";
import chain from "stream-chain";
import type { DatabaseHandle } from "../../db/client";
import type { RawRunner } from "../../db/raw-transaction";
import { lockSchoolsForImport } from "../../db/school-import-lock";
import { InvalidInput } from "../../domain/errors";
import { checkMarkRow, mapMarkColumns, MarkRowError, wondeRecordToRaw, type MarkField, type MarkRow } from "../../domain/attendance/mark-rows";
import { epochDayOf } from "../../domain/attendance/iso-date";
import { upnProblem } from "../../domain/people/upn";
import { visible } from "../../domain/text-safety";
import { rawWriteAudited, type Actor, type Audit } from "../audit/write-audited";

export type MarkFormat = "csv" | "wonde-json";

export interface ImportScope {
  /** Schools whose pupils the file may name (one school, or every school of a trust). */
  schoolIds: string[];
  trustId?: string | null;
}

export interface ImportReport {
  rows: number;
  inserted: number;
  changed: number;
  unchanged: number;
  sha256: string;
  batchId: string | null;
}

/** A pupil whose marks an import inserted or changed. */
export interface ChangedPupil {
  pupilId: string;
  schoolId: string;
}

/** The report, and (when asked for with `changedPupils`) the pupils whose marks the import inserted or changed. */
export type ImportOutcome = ImportReport & { changedPupils?: ChangedPupil[] };

/** The file was refused as a whole; nothing was saved. */
export class ImportRejected extends InvalidInput {
  constructor(
    readonly line: number,
    readonly column: string,
    reason: string,
  ) {
    super(column, reason);
    this.message = `Nothing was imported: line ${line}, column ${column}: ${reason}`;
    this.name = "ImportRejected";
  }
}

interface PupilRef {
  pupilId: string;
  schoolId: string;
}

const BATCH = 5000;

/** The line a parser's message names ("… at line 1, …"), else the first: there is no line 0 to show anyone. */
function lineIn(message: string): number {
  return Number(/at line (\d+)/.exec(message)?.[1] ?? 1);
}

export async function importMarks(
  h: DatabaseHandle,
  actor: Actor,
  scope: ImportScope,
  source: Readable,
  format: MarkFormat,
  /** changedPupils: also name the pupils whose marks were inserted or changed (one more pass over the staging table, for updating the kept list). */
  opts: { fileName?: string; onProgress?: (rows: number) => void; changedPupils?: boolean } = {},
): Promise<ImportOutcome> {
  const hash = createHash("sha256");
  const hashed = source.pipe(
    new Transform({
      transform(chunk, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
    }),
  );
  source.on("error", (e) => hashed.destroy(e));
  const columns: Record<MarkField, string> = { upn: "upn", date: "date", session: "session", code: "code" };
  try {
    return await importMarkRows(h, actor, scope, { batches: readRows(hashed, format, columns), columns, sha256: () => hash.digest("hex"), format }, opts);
  } catch (e) {
    if (e instanceof ImportRejected) throw e;
    // csv-parse's errors (an unclosed quote, …) are plain Errors with a CSV_ code and the line.
    const csv = e as { code?: unknown; lines?: unknown };
    if (e instanceof Error && typeof csv.code === "string" && csv.code.startsWith("CSV_")) {
      throw new ImportRejected(typeof csv.lines === "number" && csv.lines > 0 ? csv.lines : lineIn(e.message), "file", `the file could not be read as CSV: ${e.message}`);
    }
    if (e instanceof Error && /CSV|JSON|Parser|Unexpected|Invalid/i.test(e.name + e.message) && !(e instanceof InvalidInput)) {
      throw new ImportRejected(lineIn(e.message), "file", `the file could not be read as ${format === "csv" ? "CSV" : "JSON"}: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Rows for the import's core: a file's, as read (importMarks), or marks another
 * part of Doorstep has read and checked already (the Wonde sync), with no file
 * written and parsed again between them.
 */
export interface MarkRowSource {
  /** The rows in order; each is checked as it is decoded (a bad one throws MarkRowError). */
  batches: AsyncIterable<RowBatch>;
  /** The column names messages use (a file's header may fill them in as it is read). */
  columns: Record<MarkField, string>;
  /** The digest of what was read, asked for once every row has been. */
  sha256(): string;
  /** Recorded in the import's audit ("csv", "wonde-json", "wonde-feed"). */
  format: string;
}

/**
 * The import's core: stages the rows, refuses a repeated key or a pupil not on the
 * roll, takes the schools' import lock, merges, audits each correction and the
 * import, and changes nothing (and records no batch) when nothing differs.
 */
export async function importMarkRows(
  h: DatabaseHandle,
  actor: Actor,
  scope: ImportScope,
  source: MarkRowSource,
  opts: MergeOptions = {},
): Promise<ImportOutcome> {
  try {
    return await rawWriteAudited(h, actor, async (run, audit) => {
      // Each statement after the school lock must see what an import that held it before committed.
      await run.query(`set transaction isolation level read committed`);
      const report = await mergeMarkRows(run, audit, actor, scope, source, opts);
      if (report.batchId === null) throw new NothingChanged(report);
      return report;
    });
  } catch (e) {
    if (e instanceof NothingChanged) return e.report;
    if (e instanceof MarkRowError) throw new ImportRejected(e.line, e.column, e.reason);
    throw e;
  }
}

export interface MergeOptions {
  fileName?: string;
  onProgress?: (rows: number) => void;
  /** Also name the pupils whose marks were inserted or changed (one more pass over the staging table, for updating the kept list). */
  changedPupils?: boolean;
  /**
   * A school's first marks (the Wonde sync's first year, read page by page): when no pupil of
   * the scope holds a mark once the lock is held, rows go by COPY straight into the register as
   * they are read, with no staging table and no merge after the reading. (A repeated key is then
   * refused naming its second line only: the first is not kept.)
   */
  direct?: boolean;
}

/**
 * The import's work inside a transaction the caller holds (importMarkRows's, or the Wonde
 * sync's, which saves the roll in the same one): nothing is written when nothing differs
 * (the report then has no batch) and the caller decides whether to roll back. A bad row
 * throws MarkRowError.
 */
export async function mergeMarkRows(run: RawRunner, audit: Audit, actor: Actor, scope: ImportScope, source: MarkRowSource, opts: MergeOptions = {}): Promise<ImportOutcome> {
  const pupilsByUpn = await loadPupils(run, scope.schoolIds);
  const { columns } = source;
  let rows = 0;
  const notOnRoll = (line: number, upn: string, noneOnRoll: boolean) => {
    const bad = upnProblem(upn);
    const why = `no pupil with UPN ${visible(upn)} in this school${bad ? ` (and it ${bad})` : ""}`;
    return new MarkRowError(line, columns.upn, noneOnRoll ? `${why}; no pupil in this file is on the roll: is it another school's file?` : why);
  };
  /** The first row whose pupil is not on the roll, when no row before it was: the rest is read to see whether any is. */
  let firstUnknown: { line: number; upn: string } | null = null;

  // Sorting 19 million keys in 4 MB spills to disk many times over.
  await run.query(`select set_config('work_mem', '256MB', true)`);
  const direct = opts.direct && run.copyFrom ? await firstMarksOf(run, scope.schoolIds) : false;
  if (!direct) {
    await run.query(
      `create temp table if not exists mark_staging (line int not null, pupil_id uuid not null, school_id uuid not null, day date not null, session text not null, code text not null) on commit drop`,
    );
  }
  const sink = stagingSink(run, direct ? "register" : "staging");
  const marked = direct ? new Map<string, string>() : null;
  const keys = new KeysSeen();
  let maybeRepeated = false;
  try {
    for await (const batch of source.batches) {
      for (let i = 0; i < batch.size; i++) {
        const line = batch.line(i);
        if (firstUnknown) {
          // The file is refused already; only whether any of its pupils is on the roll is still open.
          let upn: string;
          try {
            upn = batch.decode(i).upn;
          } catch {
            continue;
          }
          if (pupilsByUpn.has(upn)) throw notOnRoll(firstUnknown.line, firstUnknown.upn, false);
          continue;
        }
        const row = batch.decode(i);
        const ref = pupilsByUpn.get(row.upn);
        if (!ref) {
          if (rows > 0) throw notOnRoll(line, row.upn, false);
          firstUnknown = { line, upn: row.upn };
          continue;
        }
        if (keys.add(ref.pupilId, row)) {
          if (marked) throw new MarkRowError(line, columns.session, "a second mark for the same pupil, date and session as an earlier line");
          maybeRepeated = true;
        }
        marked?.set(ref.pupilId, ref.schoolId);
        const full = sink.add(line, ref, row);
        if (full) await full;
        rows++;
        if (rows % 50_000 === 0) opts.onProgress?.(rows);
      }
    }
    if (firstUnknown) throw notOnRoll(firstUnknown.line, firstUnknown.upn, true);
    await sink.end();
  } catch (e) {
    // An open COPY must be failed before the transaction can roll back.
    await sink.abort(e as Error);
    // Straight into the register, a key KeysSeen no longer tracked meets the primary key.
    if (marked && (e as { code?: unknown }).code === "23505") throw new MarkRowError(rows + 1, columns.session, "a second mark for the same pupil, date and session as an earlier line");
    throw e;
  }
  if (rows === 0) throw new MarkRowError(1, "file", "the file has no register marks");
  opts.onProgress?.(rows);
  if (marked) return recordBatch(run, audit, actor, scope, source, opts, { rows, inserted: rows, changed: 0 }, [...marked].map(([pupilId, schoolId]) => ({ pupilId, schoolId })));
  // Temporary tables are never analysed automatically: without statistics the joins below are planned blind.
  await run.query(`analyze mark_staging`);

  if (maybeRepeated) {
    // Name the first repeated mark (the lines come from the staging table).
    const dup = await run.query<{ first: number; second: number }>(
      `select min(line) as first, max(line) as second from mark_staging group by pupil_id, day, session having count(*) > 1 order by 1 limit 1`,
    );
    if (dup.rows[0]) throw new MarkRowError(Number(dup.rows[0].second), columns.session, `a second mark for the same pupil, date and session as line ${dup.rows[0].first}`);
  }

  // From here to the commit, one import at a time for each school in scope: what we compare
  // with is what we overwrite, and nothing inserts our new keys meanwhile.
  await lockSchoolsForImport(run, scope.schoolIds);

  // The pupils with a mark that is new or differs from the one held: what the writes below will change.
  const changedPupils = opts.changedPupils
    ? (
        await run.query<{ pupil_id: string; school_id: string }>(
          `select distinct s.pupil_id, s.school_id from mark_staging s
           where not exists (select 1 from register_marks m where m.pupil_id = s.pupil_id and m.day = s.day and m.session = s.session and m.code = s.code)`,
        )
      ).rows.map((r) => ({ pupilId: r.pupil_id, schoolId: r.school_id }))
    : undefined;

  // A school's first year (a first sync, a first file) meets no mark of its pupils: nothing to
  // correct or to skip, so the comparisons below, each a probe of the marks' index for every row, are not made.
  // One probe of the primary key per pupil (the lateral LIMIT keeps it so: no scan of every school's marks).
  const held = await run.query<{ any: boolean }>(
    `select exists (select 1 from (select distinct pupil_id from mark_staging) s, lateral (select 1 from register_marks m where m.pupil_id = s.pupil_id limit 1) x) as any`,
  );
  const first = held.rows[0]?.any === false;
  // Each corrected mark is audited with the code it had and the code it gets.
  const corrected = first
    ? { affected: 0 }
    : await run.query(
        `insert into audit_events (actor_user_id, actor_name, school_id, action, entity, entity_id, before, after)
         select $1, $2, s.school_id, 'mark_corrected', 'register_mark', p.upn || ' ' || s.day || ' ' || s.session,
                jsonb_build_object('code', m.code), jsonb_build_object('code', s.code)
         from mark_staging s
         join register_marks m on m.pupil_id = s.pupil_id and m.day = s.day and m.session = s.session
         join pupils p on p.id = s.pupil_id
         where m.code <> s.code`,
        [actor.userId, actor.name],
      );
  // New marks, in primary-key order: the index is filled left to right instead of at random.
  const added = await run.query(
    `insert into register_marks (school_id, pupil_id, day, session, code)
     select s.school_id, s.pupil_id, s.day, s.session, s.code from mark_staging s
     ${first ? "" : "where not exists (select 1 from register_marks m where m.pupil_id = s.pupil_id and m.day = s.day and m.session = s.session)"}
     order by s.pupil_id, s.day, s.session`,
  );
  const updated =
    corrected.affected === 0
      ? { affected: 0 }
      : await run.query(
          `update register_marks m set code = s.code from mark_staging s
           where m.pupil_id = s.pupil_id and m.day = s.day and m.session = s.session and m.code <> s.code`,
        );
  return recordBatch(run, audit, actor, scope, source, opts, { rows, inserted: added.affected, changed: updated.affected }, changedPupils);
}

/** The import's batch and its audit, or (when nothing differs) the report with no batch. */
async function recordBatch(
  run: RawRunner,
  audit: Audit,
  actor: Actor,
  scope: ImportScope,
  source: MarkRowSource,
  opts: MergeOptions,
  counts: { rows: number; inserted: number; changed: number },
  changedPupils: ChangedPupil[] | undefined,
): Promise<ImportOutcome> {
  const { format } = source;
  const { rows, inserted, changed } = counts;
  const unchanged = rows - inserted - changed;
  const sha256 = source.sha256();
  if (inserted + changed === 0) return { rows, inserted: 0, changed: 0, unchanged, sha256, batchId: null, ...(opts.changedPupils ? { changedPupils: [] } : {}) };

  // Stamped with the clock, not the transaction's start: imports for a school take turns at the lock above,
  // so their batches are dated in the order they commit (the Today stream reads the latest as news).
  const batch = await run.query<{ id: string }>(
    `insert into import_batches (school_id, trust_id, kind, file_name, sha256, rows, inserted, changed, unchanged, imported_by, created_at)
     values ($1, $2, 'register_marks', $3, $4, $5, $6, $7, $8, $9, clock_timestamp()) returning id`,
    [scope.schoolIds.length === 1 ? scope.schoolIds[0] : null, scope.trustId ?? null, opts.fileName ?? null, sha256, rows, inserted, changed, unchanged, actor.name],
  );
  const report = { rows, inserted, changed, unchanged, sha256, batchId: batch.rows[0]!.id };
  for (const schoolId of scope.schoolIds.length <= 20 ? scope.schoolIds : []) {
    await audit({ action: "marks_imported", entity: "import_batch", entityId: report.batchId, schoolId, trustId: scope.trustId ?? null, after: { ...report, fileName: opts.fileName ?? null, format } });
  }
  if (scope.schoolIds.length > 20) {
    await audit({ action: "marks_imported", entity: "import_batch", entityId: report.batchId, trustId: scope.trustId ?? null, after: { ...report, fileName: opts.fileName ?? null, format } });
  }
  return opts.changedPupils && changedPupils ? { ...report, changedPupils } : report;
}

/**
 * Whether no pupil of these schools holds a mark, asked under the schools' import lock (taken
 * here, held to the commit): nothing can then be corrected, and no key can be inserted twice.
 */
async function firstMarksOf(run: RawRunner, schoolIds: string[]): Promise<boolean> {
  await lockSchoolsForImport(run, schoolIds);
  const held = await run.query<{ any: boolean }>(`select exists (select 1 from register_marks where school_id = any($1::uuid[])) as any`, [schoolIds]);
  return held.rows[0]?.any === false;
}

/** Rolls the transaction back when a re-import would change nothing, and carries its report out. */
class NothingChanged extends Error {
  constructor(readonly report: ImportOutcome) {
    super("nothing changed");
  }
}

/** The pupils as the transaction sees them (a sync saves its roll in the same one). */
async function loadPupils(run: RawRunner, schoolIds: string[]): Promise<Map<string, PupilRef>> {
  const map = new Map<string, PupilRef>();
  if (schoolIds.length === 0) return map;
  const rows = await run.query<{ id: string; upn: string; school_id: string }>(`select id, upn, school_id from pupils where school_id = any($1::uuid[])`, [schoolIds]);
  for (const r of rows.rows) map.set(r.upn.toUpperCase(), { pupilId: r.id, schoolId: r.school_id });
  return map;
}

/**
 * Rows as read, in file order: each is checked when the loop reaches it, so the
 * first bad line is the one named, whatever is wrong with it.
 */
export interface RowBatch {
  size: number;
  line(i: number): number;
  decode(i: number): MarkRow;
}

/**
 * csv-parse, handing on each chunk's records as one array with their line
 * numbers. (The `info` option copies the parser's state into a new object for
 * every record, and one async step per record costs as much again: together
 * more than the parsing itself.)
 */
class NumberedCsvParser extends Parser {
  private batch: { record: string[]; line: number }[] = [];

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) {
      this.flushBatch();
      return super.push(null, encoding);
    }
    // Called as each record ends: info.lines is then the record's last line, as the info option reports it.
    this.batch.push({ record: chunk as string[], line: this.info.lines });
    return true;
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: (e?: Error | null) => void): void {
    super._transform(chunk, encoding, (e?: Error | null) => {
      this.flushBatch();
      callback(e);
    });
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    const records = this.batch;
    this.batch = [];
    super.push(records);
  }
}

async function* readRows(input: Readable, format: MarkFormat, columns: Record<MarkField, string>): AsyncGenerator<RowBatch> {
  if (format === "csv") {
    const csv = input.pipe(new NumberedCsvParser({ bom: true, skip_empty_lines: true, relax_column_count: true }));
    input.on("error", (e) => csv.destroy(e));
    let map: ReturnType<typeof mapMarkColumns> | undefined;
    for await (let records of csv as AsyncIterable<{ record: string[]; line: number }[]>) {
      if (!map) {
        map = mapMarkColumns(records[0]!.record);
        for (const f of Object.keys(map) as MarkField[]) columns[f] = map[f].header;
        records = records.slice(1);
      }
      const m = map;
      yield {
        size: records.length,
        line: (i) => records[i]!.line,
        decode(i) {
          const { record, line } = records[i]!;
          const cell = (f: MarkField) => {
            const v = record[m[f].index];
            if (v === undefined) throw new MarkRowError(line, m[f].header, "the line has too few columns");
            return v;
          };
          return checkMarkRow({ upn: cell("upn"), date: cell("date"), session: cell("session"), code: cell("code") }, line, columns);
        },
      };
    }
    if (!map) throw new MarkRowError(1, "header", "the file is empty: the first line must name the columns (upn,date,session,code)");
    return;
  }
  // Wonde JSON: { "data": [ record, … ] }; "line" is the record's position (1-based).
  const records = chain([input, jsonParser(), pick({ filter: "data" }), streamArray()]);
  input.on("error", (e) => records.destroy(e));
  columns.upn = "student.data.upn";
  columns.date = "date.date";
  columns.session = "session";
  columns.code = "attendance_code.data.code";
  // Records one at a time, as before: Wonde pages are small.
  let last = 0;
  try {
    for await (const { key, value } of records as AsyncIterable<{ key: number; value: unknown }>) {
      last = key + 1;
      yield { size: 1, line: () => key + 1, decode: () => checkMarkRow(wondeRecordToRaw(value), key + 1, columns) };
    }
  } catch (e) {
    if (e instanceof MarkRowError || e instanceof InvalidInput) throw e;
    // stream-json's own words ("Top-level object should be an array") for a file that is not Wonde's shape.
    throw new MarkRowError(last + 1, "data", `could not be read as JSON of Wonde's shape ({"data": [ … ]}): ${(e as Error).message}`);
  }
}

/**
 * Which pupil/date/session keys the file has named so far: two bits a day for
 * each pupil, from a little before the first date seen (a year for 50,000
 * pupils takes a few megabytes). A pupil whose dates span more than
 * KEYS_SPAN_DAYS is no longer tracked and answers "maybe": the staging table
 * is then searched, so a file of far-apart dates costs a query, not memory.
 */
const KEYS_SPAN_DAYS = 2048;

class KeysSeen {
  private readonly byPupil = new Map<string, { base: number; bits: Uint8Array } | null>();

  /** True if the key came earlier in the file, or may have. */
  add(pupilId: string, row: MarkRow): boolean {
    const day = epochDayOf(row.date);
    let e = this.byPupil.get(pupilId);
    if (e === null) return true;
    if (!e) this.byPupil.set(pupilId, (e = { base: Math.floor(day / 4) * 4 - 256, bits: new Uint8Array(128) }));
    if (day < e.base) {
      const base = Math.floor(day / 4) * 4 - 256;
      const length = e.bits.length + (e.base - base) / 4;
      if (length * 4 > KEYS_SPAN_DAYS) return this.untrack(pupilId);
      const bits = new Uint8Array(length);
      bits.set(e.bits, (e.base - base) / 4);
      e.base = base;
      e.bits = bits;
    }
    const offset = day - e.base;
    const byte = offset >> 2;
    if (byte >= e.bits.length) {
      const length = Math.min(Math.max(e.bits.length * 2, byte + 64), KEYS_SPAN_DAYS / 4);
      if (byte >= length) return this.untrack(pupilId);
      const bits = new Uint8Array(length);
      bits.set(e.bits);
      e.bits = bits;
    }
    const mask = 1 << (((offset & 3) << 1) | (row.session === "PM" ? 1 : 0));
    const seen = (e.bits[byte]! & mask) !== 0;
    e.bits[byte]! |= mask;
    return seen;
  }

  private untrack(pupilId: string): true {
    this.byPupil.set(pupilId, null);
    return true;
  }
}

/**
 * Writes staging rows (or, for a school's first marks, register rows): COPY on PostgreSQL, batched unnest inserts on PGlite.
 * `add` returns a promise only when the caller must wait (a full buffer).
 */
function stagingSink(run: RawRunner, into: "staging" | "register"): { add(line: number, ref: PupilRef, row: MarkRow): Promise<void> | undefined; end(): Promise<void>; abort(e: Error): Promise<void> } {
  if (run.copyFrom) {
    const stream = new PassThrough({ highWaterMark: 1 << 20 });
    const done = run.copyFrom(
      into === "staging" ? "copy mark_staging (line, pupil_id, school_id, day, session, code) from stdin" : "copy register_marks (school_id, pupil_id, day, session, code) from stdin",
      stream,
    );
    done.catch(() => {});
    // Rows go out in chunks of ~64 kB: each write is one COPY message and one socket write.
    let pending = "";
    const flush = (): Promise<void> | undefined => {
      const chunk = pending;
      pending = "";
      if (chunk && !stream.write(chunk)) return new Promise((r) => stream.once("drain", () => r()));
      return undefined;
    };
    return {
      add(line, ref, row) {
        // COPY text format: a backslash code must be escaped.
        const code = row.code === "\\" ? "\\\\" : row.code;
        pending += into === "staging" ? `${line}\t${ref.pupilId}\t${ref.schoolId}\t${row.date}\t${row.session}\t${code}\n` : `${ref.schoolId}\t${ref.pupilId}\t${row.date}\t${row.session}\t${code}\n`;
        return pending.length >= 65_536 ? flush() : undefined;
      },
      async end() {
        await flush();
        stream.end();
        await done;
      },
      async abort(e: Error) {
        stream.destroy(e);
        await done.catch(() => {});
      },
    };
  }
  let buf: [number[], string[], string[], string[], string[], string[]] = [[], [], [], [], [], []];
  const flush = async () => {
    if (buf[0].length === 0) return;
    const b = buf;
    buf = [[], [], [], [], [], []];
    await run.query(
      `insert into mark_staging select * from unnest($1::int[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[])`,
      b,
    );
  };
  return {
    add(line, ref, row) {
      buf[0].push(line);
      buf[1].push(ref.pupilId);
      buf[2].push(ref.schoolId);
      buf[3].push(row.date);
      buf[4].push(row.session);
      buf[5].push(row.code);
      return buf[0].length >= BATCH ? flush() : undefined;
    },
    end: flush,
    async abort() {},
  };
}

export function streamOf(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}
