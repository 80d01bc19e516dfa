/**
 * `npm run bench`: a trust of 50,000 pupils and a school year of register marks
 * (~19 million), then
 *   1. importMarks' throughput for the year's file against PostgreSQL's own raw
 *      COPY of the same rows into the same (emptied) table;
 *   2. the time to make every school's list for one day (actionsForDay) on
 *      PostgreSQL;
 *   3. the same list for one 1,000-pupil school on PGlite in memory.
 *   4. the Wonde feed (bench/wonde.ts): a first sync against raw COPY and the CSV
 *      import, and a morning's changed marks to Today at 1,000 and 10,000 pupils
 *      (`BENCH_ONLY=wonde` runs this part alone; `BENCH_SKIP_WONDE=1` leaves it out).
 * See bench/README.md. Sizes: BENCH_PUPILS, BENCH_DAYS, BENCH_SCHOOLS.
 */
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { from as copyFrom } from "pg-copy-streams";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, runMigrations, type DatabaseHandle } from "../src/db/client";
import { importMarks as appImportMarks } from "../src/app/attendance/import-marks";
import { actionsForDay, type DayList } from "../src/app/attendance/actions-for-day";
import { complianceForRange, complianceForSchools, TRUST_CONCURRENCY, type SchoolCompliance } from "../src/app/attendance/compliance-for-range";
import { dashboardFor } from "../src/app/oversight/dashboard";
import { trustFigures } from "../src/app/oversight/trust-figures";
import { compliance } from "../src/domain/attendance/compliance";
import { changePolicy, policyInForce } from "../src/app/policy/school-policy";
import { policyTemplates } from "../src/domain/policy";
import type { Action } from "../src/domain/attendance";
import { epochDayOf, toIsoDate, weekdayOf } from "../src/domain/attendance/iso-date";
import { makeActivity, makeTrust, schoolYear, TEMPLATES, writeMarkFiles, type BenchSchool } from "./data";
import { addActivity, createTrust } from "./setup";
import { fullInput, referenceActions } from "./reference";
import { benchWonde, TARGET_FIRST_SYNC_RATIO, TARGET_MORNING_SECONDS, wondeRows, type WondeResults } from "./wonde";

const env = process.env;
const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
const PUPILS = int(env.BENCH_PUPILS, 50_000);
const DAYS = int(env.BENCH_DAYS, 190);
const SCHOOLS = int(env.BENCH_SCHOOLS, Math.max(TEMPLATES.length, Math.min(50, Math.round(PUPILS / 1000))));
const PER_SCHOOL = Math.max(1, Math.round(PUPILS / SCHOOLS));
const PGLITE_PUPILS = int(env.BENCH_PGLITE_PUPILS, Math.min(1000, PUPILS));
const SERVER_URL = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = env.BENCH_DB_NAME ?? "doorstep_bench";
const KEEP_DB = env.BENCH_KEEP_DB === "1";
/** Development aid: skip generation and import, measure the lists on a kept database. */
const REUSE_DB = env.BENCH_REUSE_DB === "1";
/** Check every school's list against the engine over its complete record (1 s a school at full size); "0" to skip. */
const VERIFY = env.BENCH_VERIFY !== "0";
/** Keep the generated files (for experiments); by default they are deleted. */
const KEEP_FILES = env.BENCH_KEEP_FILES === "1";
/** Measure another implementation of importMarks (same signature), e.g. a proposed change, instead of the app's. */
const IMPORT_MODULE = env.BENCH_IMPORT_MODULE;
/** Also measure this implementation (before the app's, on the emptied table), e.g. a proposed change kept under bench/. */
const COMPARE_MODULE = env.BENCH_COMPARE_IMPORT;
/** Where the figures are written (a smoke run need not replace the full-size results). */
const RESULTS_FILE = path.resolve(env.BENCH_RESULTS ?? path.join(import.meta.dirname, "results", env.BENCH_ONLY === "wonde" ? "wonde.json" : "latest.json"));
const ACTOR = { userId: null, name: "Bench importer" };

const TARGET_RATIO = 0.5;
const TARGET_LIST_SECONDS = 5;
/** Issue 16: the trust's compliance for a whole term. */
const TARGET_TRUST_COMPLIANCE_SECONDS = 2;
/** School days replayed for "a term" (an English term is 60-70 school days). */
const TERM_DAYS = int(env.BENCH_TERM_DAYS, 60);
/**
 * Development aid: "compliance" measures only the compliance replay and the trust page (no daily lists, no
 * dashboard); "trust" only the trust's runs (complianceForSchools and trustFigures, no one-at-a-time pass) and the dashboard.
 */
const ONLY_TRUST = env.BENCH_ONLY === "trust";
const ONLY_COMPLIANCE = env.BENCH_ONLY === "compliance" || ONLY_TRUST;
/** "wonde": only the Wonde feed's part (bench/wonde.ts), its figures to results/wonde.json unless BENCH_RESULTS says. */
const ONLY_WONDE = env.BENCH_ONLY === "wonde";
/** Runs of the trust's compliance figure (the first is reported against the target). */
const COMPLIANCE_RUNS = Math.max(1, int(env.BENCH_COMPLIANCE_RUNS, 3));

/**
 * CPU seconds (user + system) used so far by this database's PostgreSQL backends (the bench's pool), read
 * from /proc: PostgreSQL's share of a run, beside this process's. Null when the server is not on this machine, or on PGlite.
 */
async function pgBackendCpu(h: DatabaseHandle): Promise<Map<number, number> | null> {
  // PGlite runs inside this process: its CPU is already in process.cpuUsage().
  if (!h.pool) return null;
  const pids = (await h.pool.query(`select pid from pg_stat_activity where datname = current_database()`)).rows as { pid: number }[];
  const ticks = new Map<number, number>();
  try {
    for (const { pid } of pids) {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    }
  } catch {
    return null;
  }
  return ticks;
}
/** PostgreSQL's CPU seconds between two readings (a backend started in between counts from zero). */
function pgCpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let s = 0;
  for (const [pid, t] of after) s += t - (before.get(pid) ?? 0);
  return s;
}

interface ComplianceRun {
  from: string;
  to: string;
  schoolDays: number;
  /** Schools in flight at once (complianceForSchools); 1: complianceForRange one school after another. */
  concurrency: number;
  totalSeconds: number;
  /** This process's CPU time (user + system) over the run: the JS share, beside PostgreSQL's. */
  cpuSeconds: number;
  /** The bench database's PostgreSQL backends' CPU time over the run (null if not readable). */
  pgCpuSeconds: number | null;
  /** Seconds per school: only measured one school after another (null when schools overlap). */
  perSchool: { school: string; template: string; seconds: number | null; episodes: number; pupils: number }[];
}

/** Compliance over the last TERM_DAYS school days (the replay of compliance.md on each school's records), for the trust. */
async function complianceFor(h: DatabaseHandle, trust: { id: string; name: string; templateId: string }[], schoolDays: readonly string[], concurrency = TRUST_CONCURRENCY): Promise<ComplianceRun> {
  const term = schoolDays.slice(-TERM_DAYS);
  const from = term[0]!;
  const to = term.at(-1)!;
  const pg0 = await pgBackendCpu(h);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let perSchool: ComplianceRun["perSchool"];
  const row = (s: (typeof trust)[number], c: SchoolCompliance, seconds: number | null) => ({ school: s.name, template: s.templateId, seconds, episodes: c.episodes.length, pupils: new Set(c.episodes.map((e) => e.upn)).size });
  if (concurrency === 1) {
    perSchool = [];
    for (const s of trust) {
      const t = performance.now();
      const c = await complianceForRange(h.db, s.id, from, to);
      perSchool.push(row(s, c, (performance.now() - t) / 1000));
    }
  } else {
    const all = await complianceForSchools(h.db, trust.map((s) => s.id), from, to, concurrency);
    perSchool = trust.map((s, i) => row(s, all[i]!, null));
  }
  const cpu = process.cpuUsage(cpu0);
  const totalSeconds = (performance.now() - t0) / 1000;
  return { from, to, schoolDays: term.length, concurrency, totalSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, pgCpuSeconds: pgCpuBetween(pg0, await pgBackendCpu(h)), perSchool };
}

/** One school of each template: the app's episodes equal the replay over the school's complete record (no window, no referral). */
async function verifyCompliance(h: DatabaseHandle, trust: { id: string; name: string; templateId: string }[], run: ComplianceRun): Promise<{ checked: number; identical: number }> {
  let identical = 0;
  const sample = TEMPLATES.map((t) => trust.find((s) => s.templateId === t)).filter((s): s is (typeof trust)[number] => !!s);
  for (const s of sample) {
    const { today: _today, ...whole } = await fullInput(h, s.id, run.to);
    const policy = (await policyInForce(h.db, s.id, run.to)).policy;
    const reference = compliance(policy, { ...whole, from: run.from, to: run.to });
    const app = await complianceForRange(h.db, s.id, run.from, run.to);
    if (JSON.stringify(app.episodes.map(episodeKey).sort()) === JSON.stringify(reference.episodes.map(episodeKey).sort())) identical++;
    else log(`MISMATCH: compliance of ${s.name}, ${app.episodes.length} episodes from the app, ${reference.episodes.length} over the complete record`);
  }
  return { checked: sample.length, identical };
}
const episodeKey = (e: { upn: string; action: string; firstListed: string; lastListed: string; closed: boolean }) => `${e.upn} ${e.action} ${e.firstListed} ${e.lastListed} ${e.closed}`;

interface TrustPageRun {
  from: string;
  to: string;
  schools: number;
  totalSeconds: number;
  /** This process's CPU time (user + system) over the run. */
  cpuSeconds: number;
  pgCpuSeconds: number | null;
  /** Action episodes over the trust (each school's row, before small numbers are suppressed there). */
  episodes: number;
}

/** What the trust administrator waits on: trustFigures, the trust's side-by-side page, over the same term. */
async function trustPageFor(h: DatabaseHandle, trustId: string, compliance: ComplianceRun, today: string): Promise<TrustPageRun> {
  const pg0 = await pgBackendCpu(h);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await trustFigures(h.db, trustId, { from: compliance.from, to: compliance.to }, today);
  const cpu = process.cpuUsage(cpu0);
  const totalSeconds = (performance.now() - t0) / 1000;
  const episodes = rows.reduce((n, r) => n + (typeof r.episodes === "number" ? r.episodes : 0), 0);
  return { from: compliance.from, to: compliance.to, schools: rows.length, totalSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, pgCpuSeconds: pgCpuBetween(pg0, await pgBackendCpu(h)), episodes };
}

const TARGET_DASHBOARD_MS = 300;

async function dashboardTimes(h: DatabaseHandle, school: { id: string; name: string }, day: string): Promise<PgResults["dashboard"]> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await dashboardFor(h.db, school.id, day);
    times.push(performance.now() - t);
  }
  const [firstMs, ...warm] = times as [number, ...number[]];
  return { school: school.name, firstMs, medianMs: warm.sort((a, b) => a - b)[Math.floor(warm.length / 2)]! };
}

const started = performance.now();
function log(msg: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(7)}s] ${msg}\n`);
}
async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  log(`${label}…`);
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  log(`${label}: ${seconds.toFixed(2)} s`);
  return { value, seconds };
}
const cpuText = (s: number | null) => (s === null ? "n/a" : `${s.toFixed(2)} s`);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function benchUrl(): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

async function checkpoint(h: DatabaseHandle): Promise<void> {
  // Each measured write starts from a clean checkpoint; needs superuser or pg_checkpoint.
  await h.pool!.query("checkpoint").catch((e: Error) => log(`(no checkpoint: ${e.message})`));
}

interface ListRun {
  totalSeconds: number;
  perSchool: { school: string; template: string; seconds: number; actions: number; households: number }[];
}

async function listsFor(h: DatabaseHandle, trust: { id: string; name: string; templateId: string }[], day: string, concurrency: number): Promise<ListRun> {
  const perSchool: ListRun["perSchool"] = [];
  const queue = [...trust];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const t = performance.now();
        const list = await actionsForDay(h.db, s.id, day);
        perSchool.push({ school: s.name, template: s.templateId, seconds: (performance.now() - t) / 1000, actions: list.actionCount, households: list.households.length });
      }
    }),
  );
  return { totalSeconds: (performance.now() - t0) / 1000, perSchool: perSchool.sort((a, b) => a.school.localeCompare(b.school)) };
}

/** The actions of a list, in list order, as the engine reports them. */
function actionsOf(list: DayList): Action[] {
  return list.households.flatMap((h) => h.pupils.flatMap((p) => p.actions));
}
const canonical = (actions: Action[]) => JSON.stringify([...actions].sort((a, b) => (a.upn + a.action < b.upn + b.action ? -1 : 1)));

interface Verification {
  /** Lists compared (school × day). */
  checked: number;
  identical: number;
  actions: number;
  days: string[];
}

async function verifyAgainstFullData(h: DatabaseHandle, checks: { school: { id: string; name: string }; day: string }[]): Promise<Verification> {
  let identical = 0;
  let actions = 0;
  for (const { school: s, day } of checks) {
    const policy = (await policyInForce(h.db, s.id, day)).policy;
    const expected = await referenceActions(h, policy, s.id, day);
    const got = actionsOf(await actionsForDay(h.db, s.id, day));
    actions += expected.length;
    if (canonical(expected) === canonical(got)) identical++;
    else log(`MISMATCH for ${s.name} on ${day}: ${got.length} actions from actionsForDay, ${expected.length} from the full data`);
  }
  return { checked: checks.length, identical, actions, days: [...new Set(checks.map((c) => c.day))] };
}

/** The first school day after each of the last two holidays before `day`: windows that span a holiday. */
function daysAfterHolidays(calendar: ReturnType<typeof schoolYear>, day: string): string[] {
  const closed = new Set(calendar.closures.map((c) => c.day));
  const weekdayBefore = (d: string) => {
    const e = epochDayOf(d);
    return toIsoDate(weekdayOf(e) === 1 ? e - 3 : e - 1);
  };
  return calendar.schoolDays.filter((d) => d < day && closed.has(weekdayBefore(d))).slice(-2);
}

interface PgResults {
  schools: number;
  pupils: number;
  marks: number;
  day: string;
  setupSeconds: number | null;
  generateSeconds: number | null;
  csvBytes: number | null;
  copyBytes: number | null;
  codes: Record<string, number> | null;
  rawCopy: { seconds: number; marksPerSecond: number } | null;
  importMarks: { seconds: number; marksPerSecond: number; report: unknown } | null;
  ratio: number | null;
  /** The BENCH_COMPARE_IMPORT implementation, measured the same way in the same run. */
  compared: { module: string; seconds: number; marksPerSecond: number; ratio: number; report: unknown } | null;
  vacuumAnalyzeSeconds: number | null;
  list: ListRun;
  listWarm: ListRun;
  listConcurrent2: ListRun;
  verify: Verification | null;
  /** The trust's figure: complianceForSchools, TRUST_CONCURRENCY schools at a time, the mornings kept (the median of complianceRuns after the first). */
  compliance: ComplianceRun;
  /** The first of complianceRuns: no morning kept, every one replayed from the records and kept. */
  complianceCold: ComplianceRun;
  /** After the kept runs, with every school's latest morning forgotten (as a register change on the day does). */
  complianceLatestForgotten: ComplianceRun;
  /** complianceForRange one school after another, for the per-school times (null with BENCH_ONLY=trust). */
  complianceSerial: ComplianceRun | null;
  /** Every run of the trust's figure (BENCH_COMPLIANCE_RUNS), to see the noise. */
  complianceRuns: ComplianceRun[];
  /** One school per template: episodes equal to the replay over the complete record. */
  complianceVerify: { checked: number; identical: number } | null;
  /** The trust's side-by-side page (trustFigures) over the same term: the first of trustPageRuns. */
  trustPage: TrustPageRun;
  trustPageRuns: TrustPageRun[];
  /** Issue 16: a school's dashboard (the head's home page), median of five warm calls, on the list day. */
  dashboard: { school: string; medianMs: number; firstMs: number };
}

async function importer(module = IMPORT_MODULE): Promise<typeof appImportMarks> {
  if (!module) return appImportMarks;
  log(`importMarks from ${module}, not the app's`);
  const mod = (await import(pathToFileURL(path.resolve(module)).href)) as { importMarks: typeof appImportMarks };
  return mod.importMarks;
}

async function benchPostgres(): Promise<PgResults> {
  const calendar = schoolYear(DAYS);
  const day = calendar.schoolDays[calendar.schoolDays.length - 1]!;
  if (!REUSE_DB) {
    log(`creating database ${DB_NAME} on ${new URL(SERVER_URL).host}`);
    await admin(`drop database if exists ${DB_NAME} with (force)`);
    await admin(`create database ${DB_NAME}`);
  }
  const h = await openDatabase({ databaseUrl: benchUrl() });
  try {
    await runMigrations(h);
    let trust: { id: string; name: string; templateId: string }[];
    let trustId: string;
    let out: Omit<PgResults, "list" | "listWarm" | "listConcurrent2" | "verify" | "day" | "compliance" | "complianceCold" | "complianceLatestForgotten" | "complianceSerial" | "complianceRuns" | "complianceVerify" | "trustPage" | "trustPageRuns" | "dashboard">;
    if (REUSE_DB) {
      const r = await h.pool!.query(`select id, name, policy_template_id as "templateId" from schools where name like 'Bench School %' order by name`);
      trust = r.rows;
      trustId = (await h.pool!.query(`select trust_id as "trustId" from schools where id = $1`, [trust[0]!.id])).rows[0].trustId;
      const m = await h.pool!.query(`select count(*)::bigint as n from register_marks`);
      const p = await h.pool!.query(`select count(*)::int as n from pupils`);
      out = { schools: trust.length, pupils: p.rows[0].n, marks: Number(m.rows[0].n), setupSeconds: null, generateSeconds: null, csvBytes: null, copyBytes: null, codes: null, rawCopy: null, importMarks: null, ratio: null, compared: null, vacuumAnalyzeSeconds: null };
    } else {
      const schools = makeTrust(SCHOOLS, PER_SCHOOL);
      trust = schools.map((s) => ({ id: s.id, name: s.name, templateId: s.templateId }));
      const pupils = schools.reduce((n, s) => n + s.pupils.length, 0);
      const setup = await timed(`creating the trust: ${SCHOOLS} schools, ${fmt(pupils)} pupils, policies adopted`, () => createTrust(h, "Bench Trust", schools, calendar));
      trustId = setup.value.trustId;
      const tmp = path.join(os.tmpdir(), `doorstep-bench-${process.pid}`);
      mkdirSync(tmp, { recursive: true });
      const csvPath = path.join(tmp, "marks.csv");
      const copyPath = path.join(tmp, "marks.copy");
      try {
        const gen = await timed(`generating ${DAYS} school days of marks to ${tmp}`, () => writeMarkFiles(schools, calendar, csvPath, copyPath));
        const summary = gen.value;
        log(`${fmt(summary.marks)} marks; CSV ${fmt(summary.csvBytes / 1e6)} MB, COPY file ${fmt(summary.copyBytes / 1e6)} MB`);

        await checkpoint(h);
        const raw = await timed("raw COPY into register_marks", async () => {
          const client = await h.pool!.connect();
          try {
            await pipeline(createReadStream(copyPath, { highWaterMark: 1 << 20 }), client.query(copyFrom("COPY register_marks (school_id, pupil_id, day, session, code) FROM STDIN")));
          } finally {
            client.release();
          }
        });
        const copied = Number((await h.pool!.query(`select count(*) as n from register_marks`)).rows[0].n);
        if (copied !== summary.marks) throw new Error(`raw COPY loaded ${copied} rows, expected ${summary.marks}`);
        await h.pool!.query("truncate register_marks");
        await checkpoint(h);

        const scope = { schoolIds: schools.map((s) => s.id), trustId: setup.value.trustId };
        const measureImport = async (label: string, importMarks: typeof appImportMarks) => {
          let nextLog = 1_000_000;
          const imp = await timed(`${label} (CSV streamed from disk)`, () =>
            importMarks(h, ACTOR, scope, createReadStream(csvPath), "csv", {
              fileName: "bench-year.csv",
              onProgress: (n) => {
                if (n >= nextLog) {
                  log(`  ${label}: ${fmt(n)} rows read`);
                  nextLog += 1_000_000;
                }
              },
            }),
          );
          if (imp.value.rows !== summary.marks || imp.value.inserted !== summary.marks) throw new Error(`${label} reported ${JSON.stringify(imp.value)}`);
          return imp;
        };
        let compared: PgResults["compared"] = null;
        if (COMPARE_MODULE) {
          const other = await measureImport(`importMarks of ${COMPARE_MODULE}`, await importer(COMPARE_MODULE));
          compared = { module: COMPARE_MODULE, seconds: other.seconds, marksPerSecond: summary.marks / other.seconds, ratio: raw.seconds / other.seconds, report: other.value };
          await h.pool!.query("truncate register_marks");
          await checkpoint(h);
        }
        const imp = await measureImport("importMarks", await importer());
        const vacuum = await timed("vacuum analyze register_marks (not timed as import)", () => h.pool!.query("vacuum analyze register_marks"));
        await timed("contacts, sightings and visits", () => addActivity(h, schools, setup.value.staffId, makeActivity(summary, calendar)));
        await h.pool!.query("analyze");
        out = {
          schools: SCHOOLS,
          pupils,
          marks: summary.marks,
          setupSeconds: setup.seconds,
          generateSeconds: gen.seconds,
          csvBytes: summary.csvBytes,
          copyBytes: summary.copyBytes,
          codes: summary.codes,
          rawCopy: { seconds: raw.seconds, marksPerSecond: summary.marks / raw.seconds },
          importMarks: { seconds: imp.seconds, marksPerSecond: summary.marks / imp.seconds, report: imp.value },
          ratio: raw.seconds / imp.seconds,
          compared,
          vacuumAnalyzeSeconds: vacuum.seconds,
        };
      } finally {
        if (KEEP_FILES) log(`files kept in ${tmp}`);
        else rmSync(tmp, { recursive: true, force: true });
      }
    }

    const none: ListRun = { totalSeconds: Number.NaN, perSchool: [] };
    let list = { value: none };
    let listWarm = { value: none };
    let listConcurrent2 = none;
    let verify: Verification | null = null;
    let dashboard: PgResults["dashboard"] = { school: trust[0]!.name, firstMs: Number.NaN, medianMs: Number.NaN };
    if (!ONLY_COMPLIANCE) {
      log(`daily lists for ${trust.length} schools on ${day}`);
      list = await timed("daily lists, one school after another (first pass)", () => listsFor(h, trust, day, 1));
      listWarm = await timed("daily lists, one school after another (second pass)", () => listsFor(h, trust, day, 1));
      listConcurrent2 = (await timed("daily lists, two at a time", () => listsFor(h, trust, day, 2))).value;
      if (VERIFY) {
        // Every school on the list day, and one school of each template on days just after a holiday.
        const sample = TEMPLATES.map((t) => trust.find((s) => s.templateId === t)).filter((s): s is (typeof trust)[number] => !!s);
        const checks = [...trust.map((school) => ({ school, day })), ...daysAfterHolidays(calendar, day).flatMap((d) => sample.map((school) => ({ school, day: d })))];
        verify = (await timed(`checking ${checks.length} lists against the engine over the complete record`, () => verifyAgainstFullData(h, checks))).value;
      }
      dashboard = await dashboardTimes(h, trust[0]!, day);
      log(`dashboard of ${dashboard.school}: ${dashboard.firstMs.toFixed(0)} ms first, median ${dashboard.medianMs.toFixed(0)} ms warm`);
    }
    if (ONLY_TRUST) {
      dashboard = await dashboardTimes(h, trust[0]!, day);
      log(`dashboard of ${dashboard.school}: ${dashboard.firstMs.toFixed(0)} ms first, median ${dashboard.medianMs.toFixed(0)} ms warm`);
    }
    // Every compliance run below but the warm ones starts from no kept mornings (src/app/attendance/kept-mornings.ts).
    const forget = (where = "") => h.pool!.query(`delete from kept_mornings${where}`);
    await forget();
    const complianceSerial = ONLY_TRUST ? null : (await timed(`compliance over the last ${TERM_DAYS} school days, one school after another, no mornings kept`, () => complianceFor(h, trust, calendar.schoolDays, 1))).value;
    await forget();
    const complianceRuns: ComplianceRun[] = [];
    const trustPageRuns: TrustPageRun[] = [];
    // Run 1 finds no morning kept (it replays and keeps them all); the later runs read the kept mornings.
    for (let i = 0; i < COMPLIANCE_RUNS; i++) {
      complianceRuns.push((await timed(`compliance over the last ${TERM_DAYS} school days, the trust (complianceForSchools, ${TRUST_CONCURRENCY} at a time), run ${i + 1}${i === 0 ? ", no mornings kept" : ", mornings kept"}`, () => complianceFor(h, trust, calendar.schoolDays))).value);
      log(`  CPU of this process ${complianceRuns.at(-1)!.cpuSeconds.toFixed(2)} s, of PostgreSQL ${cpuText(complianceRuns.at(-1)!.pgCpuSeconds)}`);
    }
    // As after a register change in every school on the last day: each school's latest morning replayed.
    await forget(` where day = '${complianceRuns[0]!.to}'`);
    const complianceLatestForgotten = (await timed(`compliance over the same term, the latest morning of every school forgotten`, () => complianceFor(h, trust, calendar.schoolDays))).value;
    log(`  CPU of this process ${complianceLatestForgotten.cpuSeconds.toFixed(2)} s, of PostgreSQL ${cpuText(complianceLatestForgotten.pgCpuSeconds)}`);
    for (let i = 0; i < COMPLIANCE_RUNS; i++) {
      trustPageRuns.push((await timed(`the trust's side-by-side page over the same term (trustFigures), run ${i + 1}`, () => trustPageFor(h, trustId, complianceRuns[0]!, day))).value);
      log(`  CPU of this process ${trustPageRuns.at(-1)!.cpuSeconds.toFixed(2)} s, of PostgreSQL ${cpuText(trustPageRuns.at(-1)!.pgCpuSeconds)}`);
    }
    const complianceCold = complianceRuns[0]!;
    const warm = complianceRuns.slice(1).sort((a, b) => a.totalSeconds - b.totalSeconds);
    // The trust's figure as a trust administrator meets it: the mornings kept (the morning job keeps a term's), the median warm run.
    const compliance = warm[Math.floor((warm.length - 1) / 2)] ?? complianceCold;
    const reference = complianceSerial ?? complianceCold;
    const same = [...complianceRuns, complianceLatestForgotten].every((r) => JSON.stringify(r.perSchool.map((x) => x.episodes)) === JSON.stringify(reference.perSchool.map((x) => x.episodes)));
    if (!same) log("MISMATCH: the trust's runs count different episodes from one another or from the one-at-a-time run");
    const complianceVerify = VERIFY ? (await timed("checking compliance of one school per template against the complete record", () => verifyCompliance(h, trust, compliance))).value : null;
    return { ...out, day, list: list.value, listWarm: listWarm.value, listConcurrent2, verify, compliance, complianceCold, complianceLatestForgotten, complianceSerial, complianceRuns, complianceVerify, trustPage: trustPageRuns[0]!, trustPageRuns, dashboard };
  } finally {
    await h.close();
    if (!KEEP_DB && !REUSE_DB) await admin(`drop database if exists ${DB_NAME} with (force)`).catch((e: Error) => log(`could not drop ${DB_NAME}: ${e.message}`));
  }
}

interface PgliteResults {
  pupils: number;
  marks: number;
  day: string;
  importSeconds: number;
  importMarksPerSecond: number;
  /** Per template: the first list (cold) and the best of three more. */
  lists: { template: string; firstSeconds: number; warmSeconds: number; actions: number }[];
  verify: { checked: number; identical: number; actions: number } | null;
  compliance: { from: string; to: string; schoolDays: number; firstSeconds: number; warmSeconds: number; engineSeconds: number; episodes: number; identical: boolean };
}

async function benchPglite(): Promise<PgliteResults> {
  const calendar = schoolYear(DAYS);
  const day = calendar.schoolDays[calendar.schoolDays.length - 1]!;
  const pglite = await PGlite.create();
  const h = await openDatabase({ pglite });
  const tmp = path.join(os.tmpdir(), `doorstep-bench-pglite-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  try {
    await runMigrations(h);
    const schools: BenchSchool[] = makeTrust(1, PGLITE_PUPILS, 99).map((s) => ({ ...s, templateId: "burgh" }));
    const school = schools[0]!;
    const setup = await createTrust(h, "PGlite Trust", schools, calendar);
    const csvPath = path.join(tmp, "marks.csv");
    const summary = (await timed(`PGlite: generating marks for ${fmt(PGLITE_PUPILS)} pupils`, () => writeMarkFiles(schools, calendar, csvPath, null, 8))).value;
    const importMarks = await importer();
    const imp = await timed(`PGlite: importMarks of ${fmt(summary.marks)} marks`, () => importMarks(h, ACTOR, { schoolIds: [school.id], trustId: setup.trustId }, createReadStream(csvPath), "csv"));
    if (imp.value.inserted !== summary.marks) throw new Error(`PGlite import reported ${JSON.stringify(imp.value)}`);
    await addActivity(h, schools, setup.staffId, makeActivity(summary, calendar, 12));
    await pglite.exec("analyze");

    // Before the policy is changed below: the replay under one version, cold then warm.
    const complianceCold = (await timed(`PGlite: compliance over the last ${TERM_DAYS} school days`, () => complianceFor(h, [{ id: school.id, name: school.name, templateId: "burgh" }], calendar.schoolDays, 1))).value;
    const complianceWarm = await complianceFor(h, [{ id: school.id, name: school.name, templateId: "burgh" }], calendar.schoolDays, 1);
    log(`PGlite compliance: ${complianceCold.totalSeconds.toFixed(3)} s first, ${complianceWarm.totalSeconds.toFixed(3)} s again (${complianceCold.perSchool[0]!.episodes} episodes)`);
    // The replay over the school's complete record (no window), timed alone: the engine's share, and what the app must equal.
    const { today: _today, ...whole } = await fullInput(h, school.id, complianceCold.to);
    const e0 = performance.now();
    const reference = compliance(policyTemplates.burgh, { ...whole, from: complianceCold.from, to: complianceCold.to });
    const engineSeconds = (performance.now() - e0) / 1000;
    const app = await complianceForRange(h.db, school.id, complianceCold.from, complianceCold.to);
    const complianceIdentical = JSON.stringify(app.episodes.map(episodeKey).sort()) === JSON.stringify(reference.episodes.map(episodeKey).sort());
    log(`PGlite compliance: the engine alone over the complete record ${engineSeconds.toFixed(3)} s; ${complianceIdentical ? "same episodes as the app" : "MISMATCH with the app"}`);

    const lists: PgliteResults["lists"] = [];
    let checked = 0;
    let identical = 0;
    let actions = 0;
    for (const template of TEMPLATES) {
      // The school's policy edited to each template's rules (a new version in force from the day).
      if (template !== "burgh") await changePolicy(h.db, ACTOR, school.id, policyTemplates[template], `bench: ${template} rules`, day);
      const t0 = performance.now();
      const first = await actionsForDay(h.db, school.id, day);
      const firstSeconds = (performance.now() - t0) / 1000;
      let warmSeconds = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await actionsForDay(h.db, school.id, day);
        warmSeconds = Math.min(warmSeconds, (performance.now() - t) / 1000);
      }
      log(`PGlite ${template}: first list ${firstSeconds.toFixed(3)} s, then ${warmSeconds.toFixed(3)} s (${first.actionCount} actions)`);
      lists.push({ template, firstSeconds, warmSeconds, actions: first.actionCount });
      if (VERIFY) {
        const expected = await referenceActions(h, policyTemplates[template], school.id, day);
        checked++;
        actions += expected.length;
        if (canonical(expected) === canonical(actionsOf(first))) identical++;
        else log(`MISMATCH on PGlite for ${template}: ${first.actionCount} actions, ${expected.length} from the full data`);
      }
    }
    return {
      pupils: PGLITE_PUPILS,
      marks: summary.marks,
      day,
      importSeconds: imp.seconds,
      importMarksPerSecond: summary.marks / imp.seconds,
      lists,
      verify: VERIFY ? { checked, identical, actions } : null,
      compliance: { from: complianceCold.from, to: complianceCold.to, schoolDays: complianceCold.schoolDays, firstSeconds: complianceCold.totalSeconds, warmSeconds: complianceWarm.totalSeconds, engineSeconds, episodes: complianceCold.perSchool[0]!.episodes, identical: complianceIdentical },
    };
  } finally {
    await h.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function printTable(rows: [string, string, string, string][]): void {
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["measure", "result", "target", "met?"][i]!.length));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  const out = [line(["measure", "result", "target", "met?"]), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...rows.map(line)];
  process.stdout.write(`\nDoorstep bench (${os.cpus().length} CPUs, Node ${process.version})\n\n${out.join("\n")}\n\n`);
}

const machine = () => ({ cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version });

function wondeSummary(w: WondeResults) {
  return {
    targets: { firstSyncToRawCopyRatio: TARGET_FIRST_SYNC_RATIO, morningSeconds: TARGET_MORNING_SECONDS },
    met: { firstSyncRatio: w.ratioToRawCopy >= TARGET_FIRST_SYNC_RATIO, firstSyncRatioToCsvImport: w.ratioToCsvImport >= TARGET_FIRST_SYNC_RATIO, morning: w.morning.every((m) => m.totalSeconds < TARGET_MORNING_SECONDS) },
    ...w,
  };
}

function printReport(pgr: PgResults, pgl: PgliteResults | null, wonde: WondeResults | null): Record<string, unknown> {
  const yes = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "MET" : "NOT MET");
  const listAvg = pgr.list.totalSeconds / Math.max(1, pgr.list.perSchool.length);
  const slowestPglite = pgl ? Math.max(...pgl.lists.map((l) => l.firstSeconds)) : null;
  const rows: [string, string, string, string][] = [
    ["pupils (PostgreSQL trust)", fmt(pgr.pupils), "", ""],
    ["schools", `${pgr.schools} (${TEMPLATES.join(", ")} in turn)`, "", ""],
    ["marks", fmt(pgr.marks), "", ""],
    ["school days", `${DAYS} (list day ${pgr.day})`, "", ""],
    ["generate time (CSV + COPY files)", pgr.generateSeconds === null ? "n/a" : `${pgr.generateSeconds.toFixed(1)} s`, "", ""],
    ["raw COPY", pgr.rawCopy ? `${fmt(pgr.rawCopy.marksPerSecond)} marks/s (${pgr.rawCopy.seconds.toFixed(1)} s)` : "n/a", "", ""],
    [IMPORT_MODULE ? `importMarks (from ${IMPORT_MODULE})` : "importMarks", pgr.importMarks ? `${fmt(pgr.importMarks.marksPerSecond)} marks/s (${pgr.importMarks.seconds.toFixed(1)} s)` : "n/a", "", ""],
    ["importMarks / raw COPY", pgr.ratio === null ? "n/a" : pgr.ratio.toFixed(2), `>= ${TARGET_RATIO}`, yes(pgr.ratio === null ? null : pgr.ratio >= TARGET_RATIO)],
    ...(pgr.compared
      ? [
          [`  ${pgr.compared.module}`, `${fmt(pgr.compared.marksPerSecond)} marks/s (${pgr.compared.seconds.toFixed(1)} s)`, "", ""] as [string, string, string, string],
          [`  ${pgr.compared.module} / raw COPY`, pgr.compared.ratio.toFixed(2), `>= ${TARGET_RATIO}`, yes(pgr.compared.ratio >= TARGET_RATIO)] as [string, string, string, string],
        ]
      : []),
    [`daily lists, PostgreSQL, ${pgr.schools} schools`, `${pgr.list.totalSeconds.toFixed(2)} s total`, `< ${TARGET_LIST_SECONDS} s`, yes(pgr.list.totalSeconds < TARGET_LIST_SECONDS)],
    ["  per school (average)", `${(listAvg * 1000).toFixed(0)} ms`, "", ""],
    ["  second pass / two at a time", `${pgr.listWarm.totalSeconds.toFixed(2)} s / ${pgr.listConcurrent2.totalSeconds.toFixed(2)} s`, "", ""],
    [`compliance, PostgreSQL, ${pgr.schools} schools, ${pgr.compliance.schoolDays} school days, mornings kept`, `${pgr.compliance.totalSeconds.toFixed(2)} s total (${pgr.compliance.from} to ${pgr.compliance.to}), CPU ${pgr.compliance.cpuSeconds.toFixed(2)} s + PostgreSQL ${cpuText(pgr.compliance.pgCpuSeconds)}`, `< ${TARGET_TRUST_COMPLIANCE_SECONDS} s`, yes(pgr.compliance.totalSeconds < TARGET_TRUST_COMPLIANCE_SECONDS)],
    ["  no morning kept (every morning replayed, then kept)", `${pgr.complianceCold.totalSeconds.toFixed(2)} s, CPU ${pgr.complianceCold.cpuSeconds.toFixed(2)} s + PostgreSQL ${cpuText(pgr.complianceCold.pgCpuSeconds)}`, "", ""],
    ["  every school's latest morning forgotten", `${pgr.complianceLatestForgotten.totalSeconds.toFixed(2)} s, CPU ${pgr.complianceLatestForgotten.cpuSeconds.toFixed(2)} s + PostgreSQL ${cpuText(pgr.complianceLatestForgotten.pgCpuSeconds)}`, `< ${TARGET_TRUST_COMPLIANCE_SECONDS} s`, yes(pgr.complianceLatestForgotten.totalSeconds < TARGET_TRUST_COMPLIANCE_SECONDS)],
    [`  complianceForSchools, ${pgr.compliance.concurrency} at a time, every run (the first with no morning kept)`, pgr.complianceRuns.map((r) => `${r.totalSeconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} + ${cpuText(r.pgCpuSeconds)})`).join(", "), "", ""],
    ["  one school after another (complianceForRange)", pgr.complianceSerial ? `${pgr.complianceSerial.totalSeconds.toFixed(2)} s, CPU ${pgr.complianceSerial.cpuSeconds.toFixed(2)} s` : "not run", "", ""],
    [`trust page (trustFigures), ${pgr.trustPage.schools} schools, same term`, `${pgr.trustPage.totalSeconds.toFixed(2)} s, CPU ${pgr.trustPage.cpuSeconds.toFixed(2)} s + PostgreSQL ${cpuText(pgr.trustPage.pgCpuSeconds)}`, `< ${TARGET_TRUST_COMPLIANCE_SECONDS} s`, yes(pgr.trustPage.totalSeconds < TARGET_TRUST_COMPLIANCE_SECONDS)],
    ["  every run", pgr.trustPageRuns.map((r) => `${r.totalSeconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} + ${cpuText(r.pgCpuSeconds)})`).join(", "), "", ""],
    ["  same episodes as over complete record", pgr.complianceVerify ? `${pgr.complianceVerify.identical}/${pgr.complianceVerify.checked} schools (one per template)` : "not checked", "all", yes(pgr.complianceVerify ? pgr.complianceVerify.identical === pgr.complianceVerify.checked : null)],
    [`dashboard, PostgreSQL, one school (median of 5 warm)`, `${pgr.dashboard.medianMs.toFixed(0)} ms (first ${pgr.dashboard.firstMs.toFixed(0)} ms)`, `< ${TARGET_DASHBOARD_MS} ms`, yes(pgr.dashboard.medianMs < TARGET_DASHBOARD_MS)],
    ["  compliance per school, one after another (average / max)", pgr.complianceSerial ? `${((pgr.complianceSerial.totalSeconds / Math.max(1, pgr.complianceSerial.perSchool.length)) * 1000).toFixed(0)} / ${(Math.max(0, ...pgr.complianceSerial.perSchool.map((s) => s.seconds ?? 0)) * 1000).toFixed(0)} ms, ${pgr.compliance.perSchool.reduce((n, s) => n + s.episodes, 0)} episodes` : "not run", "", ""],
    ["  same as engine over complete record", pgr.verify ? `${pgr.verify.identical}/${pgr.verify.checked} lists (${pgr.verify.actions} actions, ${pgr.verify.days.length} days)` : "not checked", "all", yes(pgr.verify ? pgr.verify.identical === pgr.verify.checked : null)],
  ];
  if (pgl) {
    rows.push(
      [`daily list, PGlite, ${fmt(pgl.pupils)} pupils (slowest policy)`, `${slowestPglite!.toFixed(3)} s`, "", ""],
      ...pgl.lists.map((l): [string, string, string, string] => [`  ${l.template}`, `${l.firstSeconds.toFixed(3)} s first, ${l.warmSeconds.toFixed(3)} s warm, ${l.actions} actions`, "", ""]),
      [`  PGlite compliance, ${pgl.compliance.schoolDays} school days`, `${pgl.compliance.firstSeconds.toFixed(3)} s first, ${pgl.compliance.warmSeconds.toFixed(3)} s warm, ${pgl.compliance.episodes} episodes`, "", ""],
      ["    the replay alone, complete record", `${pgl.compliance.engineSeconds.toFixed(3)} s`, "", ""],
      ["    same episodes as over complete record", pgl.compliance.identical ? "yes" : "no", "yes", yes(pgl.compliance.identical)],
      ["  PGlite importMarks", `${fmt(pgl.importMarksPerSecond)} marks/s (${fmt(pgl.marks)} marks, ${pgl.importSeconds.toFixed(1)} s)`, "", ""],
      ["  same as engine over complete record", pgl.verify ? `${pgl.verify.identical}/${pgl.verify.checked} policies (${pgl.verify.actions} actions)` : "not checked", "all", yes(pgl.verify ? pgl.verify.identical === pgl.verify.checked : null)],
    );
  }
  const byTemplate = TEMPLATES.map((t) => {
    const runs = pgr.list.perSchool.filter((s) => s.template === t);
    const avg = runs.reduce((n, s) => n + s.seconds, 0) / Math.max(1, runs.length);
    const acts = runs.reduce((n, s) => n + s.actions, 0) / Math.max(1, runs.length);
    return { template: t, schools: runs.length, averageSeconds: avg, maxSeconds: Math.max(0, ...runs.map((s) => s.seconds)), averageActions: acts };
  });
  for (const b of byTemplate) rows.push([`  PostgreSQL ${b.template} (avg / max per school)`, `${(b.averageSeconds * 1000).toFixed(0)} / ${(b.maxSeconds * 1000).toFixed(0)} ms, ${b.averageActions.toFixed(0)} actions`, "", ""]);

  if (wonde) rows.push(...wondeRows(wonde));
  printTable(rows);

  return {
    when: new Date().toISOString(),
    machine: machine(),
    config: { pupils: PUPILS, days: DAYS, schools: SCHOOLS, pupilsPerSchool: PER_SCHOOL, pglitePupils: PGLITE_PUPILS, reusedDatabase: REUSE_DB, importModule: IMPORT_MODULE ?? null, comparedImportModule: COMPARE_MODULE ?? null },
    targets: { importToRawCopyRatio: TARGET_RATIO, dailyListsSeconds: TARGET_LIST_SECONDS, trustComplianceSeconds: TARGET_TRUST_COMPLIANCE_SECONDS },
    met: { importRatio: pgr.ratio === null ? null : pgr.ratio >= TARGET_RATIO, dailyLists: pgr.list.totalSeconds < TARGET_LIST_SECONDS, trustCompliance: pgr.compliance.totalSeconds < TARGET_TRUST_COMPLIANCE_SECONDS },
    summary: {
      pupils: pgr.pupils,
      marks: pgr.marks,
      generateSeconds: pgr.generateSeconds,
      rawCopyMarksPerSecond: pgr.rawCopy?.marksPerSecond ?? null,
      importMarksPerSecond: pgr.importMarks?.marksPerSecond ?? null,
      ratio: pgr.ratio,
      comparedImport: pgr.compared ? { module: pgr.compared.module, marksPerSecond: pgr.compared.marksPerSecond, ratio: pgr.compared.ratio } : null,
      dailyListTotalSecondsPostgres: pgr.list.totalSeconds,
      dailyListAverageSecondsPerSchool: listAvg,
      dailyListSecondsPglite: slowestPglite,
      complianceTermSecondsPostgres: pgr.compliance.totalSeconds,
      complianceTermCpuSecondsPostgres: pgr.compliance.cpuSeconds,
      complianceTermPostgresCpuSeconds: pgr.compliance.pgCpuSeconds,
      complianceTermSecondsPostgresOneAfterAnother: pgr.complianceSerial?.totalSeconds ?? null,
      complianceTermNoneKeptSecondsPostgres: pgr.complianceCold.totalSeconds,
      complianceTermLatestForgottenSecondsPostgres: pgr.complianceLatestForgotten.totalSeconds,
      trustPageSecondsPostgres: pgr.trustPage.totalSeconds,
      trustPageCpuSecondsPostgres: pgr.trustPage.cpuSeconds,
      trustPagePostgresCpuSeconds: pgr.trustPage.pgCpuSeconds,
      dashboardMedianMsPostgres: pgr.dashboard.medianMs,
      complianceTermSecondsPglite: pgl?.compliance.firstSeconds ?? null,
    },
    postgres: { ...pgr, byTemplate },
    pglite: pgl,
    wonde: wonde ? wondeSummary(wonde) : null,
  };
}

async function main(): Promise<void> {
  if (ONLY_WONDE) {
    const wonde = await benchWonde(log);
    printTable(wondeRows(wonde));
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify({ when: new Date().toISOString(), machine: machine(), wonde: wondeSummary(wonde) }, null, 2)}\n`);
    log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
    return;
  }
  log(`pupils ${fmt(PUPILS)} in ${SCHOOLS} schools of ${fmt(PER_SCHOOL)}, ${DAYS} school days; server ${new URL(SERVER_URL).host}, database ${DB_NAME}`);
  const pgr = await benchPostgres();
  const pgl = env.BENCH_SKIP_PGLITE === "1" ? null : await benchPglite();
  const wonde = env.BENCH_SKIP_WONDE === "1" ? null : await benchWonde(log);
  const json = printReport(pgr, pgl, wonde);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
