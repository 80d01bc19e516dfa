/**
 * Imports register marks from a stream: CSV (canonical or an MIS layout) or
 * Wonde-shaped JSON. The file is read once, row by row, into a staging table
 * inside one transaction (COPY on PostgreSQL), so a year for a whole trust never
 * sits in memory. A bad row rejects the whole file with its line, column and
 * reason. The same file twice changes nothing; a corrected mark replaces the old
 * one and each correction is audited.
 */
import { createHash } from "node:crypto";
import { PassThrough, Readable, Transform } from "node:stream";
import { parse } from "csv-parse";
import { parser as jsonParser } from "stream-json";
import { pick } from "stream-json/filters/pick.js";
import { streamArray } from "stream-json/streamers/stream-array.js";
import chain from "stream-chain";
import { inArray } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { pupils } from "../../db/schema";
import type { RawRunner } from "../../db/raw-transaction";
import { InvalidInput } from "../../domain/errors";
import { checkMarkRow, mapMarkColumns, MarkRowError, wondeRecordToRaw, type MarkField, type MarkRow } from "../../domain/attendance/mark-rows";
import { rawWriteAudited, type Actor } from "../audit/write-audited";

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

export async function importMarks(
  h: DatabaseHandle,
  actor: Actor,
  scope: ImportScope,
  source: Readable,
  format: MarkFormat,
  opts: { fileName?: string; onProgress?: (rows: number) => void } = {},
): Promise<ImportReport> {
  const pupilsByUpn = await loadPupils(h, scope.schoolIds);
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

  let rows = 0;
  const columns: Record<MarkField, string> = { upn: "upn", date: "date", session: "session", code: "code" };
  const toRef = (row: MarkRow, line: number): PupilRef => {
    const ref = pupilsByUpn.get(row.upn);
    if (!ref) throw new MarkRowError(line, columns.upn, `no pupil with UPN ${row.upn} in this school`);
    return ref;
  };

  try {
    return await rawWriteAudited(h, actor, async (run, audit) => {
      await run.query(
        `create temp table mark_staging (line int not null, pupil_id uuid not null, school_id uuid not null, day date not null, session text not null, code text not null) on commit drop`,
      );
      const sink = stagingSink(run);
      try {
        for await (const { row, line } of readRows(hashed, format, columns)) {
          await sink.add(line, toRef(row, line), row);
          rows++;
          if (rows % 50_000 === 0) opts.onProgress?.(rows);
        }
        await sink.end();
      } catch (e) {
        // An open COPY must be failed before the transaction can roll back.
        await sink.abort(e as Error);
        throw e;
      }
      if (rows === 0) throw new MarkRowError(1, "file", "the file has no register marks");
      opts.onProgress?.(rows);

      const dup = await run.query<{ first: number; second: number }>(
        `select min(line) as first, max(line) as second from mark_staging group by pupil_id, day, session having count(*) > 1 order by 1 limit 1`,
      );
      if (dup.rows[0]) throw new MarkRowError(Number(dup.rows[0].second), columns.session, `a second mark for the same pupil, date and session as line ${dup.rows[0].first}`);

      // Each corrected mark is audited with the code it had and the code it gets.
      const corrected = await run.query(
        `insert into audit_events (actor_user_id, actor_name, school_id, action, entity, entity_id, before, after)
         select $1, $2, s.school_id, 'mark_corrected', 'register_mark', p.upn || ' ' || s.day || ' ' || s.session,
                jsonb_build_object('code', m.code), jsonb_build_object('code', s.code)
         from mark_staging s
         join register_marks m on m.pupil_id = s.pupil_id and m.day = s.day and m.session = s.session
         join pupils p on p.id = s.pupil_id
         where m.code <> s.code`,
        [actor.userId, actor.name],
      );
      const changed = corrected.affected;
      const upsert = await run.query(
        `insert into register_marks (school_id, pupil_id, day, session, code)
         select school_id, pupil_id, day, session, code from mark_staging
         on conflict (pupil_id, day, session) do update set code = excluded.code
         where register_marks.code <> excluded.code`,
      );
      const inserted = upsert.affected - changed;
      const unchanged = rows - upsert.affected;
      const sha256 = hash.digest("hex");
      if (upsert.affected === 0) throw new NothingChanged({ rows, inserted: 0, changed: 0, unchanged, sha256, batchId: null });

      const batch = await run.query<{ id: string }>(
        `insert into import_batches (school_id, trust_id, kind, file_name, sha256, rows, inserted, changed, unchanged, imported_by)
         values ($1, $2, 'register_marks', $3, $4, $5, $6, $7, $8, $9) returning id`,
        [scope.schoolIds.length === 1 ? scope.schoolIds[0] : null, scope.trustId ?? null, opts.fileName ?? null, sha256, rows, inserted, changed, unchanged, actor.name],
      );
      const report = { rows, inserted, changed, unchanged, sha256, batchId: batch.rows[0]!.id };
      for (const schoolId of scope.schoolIds.length <= 20 ? scope.schoolIds : []) {
        await audit({ action: "marks_imported", entity: "import_batch", entityId: report.batchId, schoolId, trustId: scope.trustId ?? null, after: { ...report, fileName: opts.fileName ?? null, format } });
      }
      if (scope.schoolIds.length > 20) {
        await audit({ action: "marks_imported", entity: "import_batch", entityId: report.batchId, trustId: scope.trustId ?? null, after: { ...report, fileName: opts.fileName ?? null, format } });
      }
      return report;
    });
  } catch (e) {
    if (e instanceof NothingChanged) return e.report;
    if (e instanceof MarkRowError) throw new ImportRejected(e.line, e.column, e.reason);
    if (e instanceof Error && /CSV|JSON|Parser|Unexpected|Invalid/i.test(e.name + e.message) && !(e instanceof InvalidInput)) {
      throw new ImportRejected(0, "file", `the file could not be read as ${format === "csv" ? "CSV" : "JSON"}: ${e.message}`);
    }
    throw e;
  }
}

/** Rolls the transaction back when a re-import would change nothing, and carries its report out. */
class NothingChanged extends Error {
  constructor(readonly report: ImportReport) {
    super("nothing changed");
  }
}

async function loadPupils(h: DatabaseHandle, schoolIds: string[]): Promise<Map<string, PupilRef>> {
  const map = new Map<string, PupilRef>();
  if (schoolIds.length === 0) return map;
  const rows = await h.db.select({ id: pupils.id, upn: pupils.upn, schoolId: pupils.schoolId }).from(pupils).where(inArray(pupils.schoolId, schoolIds));
  for (const r of rows) map.set(r.upn.toUpperCase(), { pupilId: r.id, schoolId: r.schoolId });
  return map;
}

async function* readRows(input: Readable, format: MarkFormat, columns: Record<MarkField, string>): AsyncGenerator<{ row: MarkRow; line: number }> {
  if (format === "csv") {
    const csv = input.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
    input.on("error", (e) => csv.destroy(e));
    let map: ReturnType<typeof mapMarkColumns> | undefined;
    for await (const { record, info } of csv as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!map) {
        map = mapMarkColumns(record);
        for (const f of Object.keys(map) as MarkField[]) columns[f] = map[f].header;
        continue;
      }
      const line = info.lines;
      const cell = (f: MarkField) => {
        const v = record[map![f].index];
        if (v === undefined) throw new MarkRowError(line, map![f].header, "the line has too few columns");
        return v;
      };
      yield { row: checkMarkRow({ upn: cell("upn"), date: cell("date"), session: cell("session"), code: cell("code") }, line, columns), line };
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
  for await (const { key, value } of records as AsyncIterable<{ key: number; value: unknown }>) {
    yield { row: checkMarkRow(wondeRecordToRaw(value), key + 1, columns), line: key + 1 };
  }
}

/** Writes staging rows: COPY on PostgreSQL, batched unnest inserts on PGlite. */
function stagingSink(run: RawRunner) {
  if (run.copyFrom) {
    const stream = new PassThrough({ highWaterMark: 1 << 20 });
    const done = run.copyFrom("copy mark_staging (line, pupil_id, school_id, day, session, code) from stdin", stream);
    done.catch(() => {});
    return {
      async add(line: number, ref: PupilRef, row: MarkRow) {
        // COPY text format: a backslash code must be escaped.
        const code = row.code === "\\" ? "\\\\" : row.code;
        if (!stream.write(`${line}\t${ref.pupilId}\t${ref.schoolId}\t${row.date}\t${row.session}\t${code}\n`)) {
          await new Promise((r) => stream.once("drain", r));
        }
      },
      async end() {
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
    async add(line: number, ref: PupilRef, row: MarkRow) {
      buf[0].push(line);
      buf[1].push(ref.pupilId);
      buf[2].push(ref.schoolId);
      buf[3].push(row.date);
      buf[4].push(row.session);
      buf[5].push(row.code);
      if (buf[0].length >= BATCH) await flush();
    },
    end: flush,
    async abort() {},
  };
}

export function streamOf(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}
