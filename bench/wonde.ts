/**
 * The Wonde feed's part of `npm run bench` (issue 17), on PostgreSQL, against the
 * loopback fake Wonde (src/test/fake-wonde.ts) serving the bench's generated
 * year by index (no record is held until a page asks for it):
 *   1. the first sync of a school's year (BENCH_WONDE_PUPILS pupils, default
 *      1,000: 380,000 marks over 190 days) against PostgreSQL's raw COPY and the
 *      CSV import (importMarks, which loads by COPY) of a same-sized school's year,
 *      measured in the same run;
 *   2. a morning sync of BENCH_WONDE_CHANGED (2,000) changed marks, through the
 *      update of the kept list, to the Today page's list, at 1,000 and at
 *      BENCH_WONDE_LARGE_PUPILS (10,000) pupils (that school's year is loaded by
 *      raw COPY and its feed marked as synced: only the morning sync is measured).
 * Before the first sync the fake writes the year's pages ahead (FakeWonde.prerender):
 * a remote Wonde makes its pages on its own machine, not on the school's.
 * The fake runs in a child process (bench/wonde-fake.ts): Wonde is a remote
 * server, and in the bench's own process its HTTP server, JSON writing and page
 * making took about a tenth of the main thread during a first sync, competing
 * with the app for the thread a school's sync has to itself.
 * Wall time and CPU: this process (the app alone), the fake's process (given
 * apart) and the PostgreSQL server's processes (all of them: on a shared
 * machine this includes other people's queries).
 * `BENCH_ONLY=wonde npm run bench` runs this part alone.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { from as copyFrom } from "pg-copy-streams";
import pg from "pg";
import { and, eq } from "drizzle-orm";
import { openDatabase, runMigrations, type DatabaseHandle } from "../src/db/client";
import { dailyActions, dailyRuns, wondeFeeds } from "../src/db/schema";
import { importMarks } from "../src/app/attendance/import-marks";
import { actionsForDay } from "../src/app/attendance/actions-for-day";
import { connectWondeFeed } from "../src/app/attendance/wonde/feed";
import { syncWondeFeed, type SyncOutcome } from "../src/app/attendance/wonde/sync-feed";
import { tokenBox } from "../src/app/attendance/wonde/token-box";
import { keepDailyList } from "../src/jobs/daily-lists";
import { studentId, type FakeRequest, type HeldMarks } from "./wonde-fake";
import { withCheckLetter } from "../src/domain/people/upn";
import { makeTrust, schoolYear, writeMarkFiles, type BenchSchool } from "./data";
import { createTrust } from "./setup";

const env = process.env;
const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
const PUPILS = int(env.BENCH_WONDE_PUPILS, 1000);
const LARGE = int(env.BENCH_WONDE_LARGE_PUPILS, 10_000);
const CHANGED = int(env.BENCH_WONDE_CHANGED, 2000);
const DAYS = int(env.BENCH_DAYS, 190);
const SERVER_URL = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = env.BENCH_WONDE_DB_NAME ?? "doorstep_bench_wonde";
const ACTOR = { userId: null, name: "Bench importer" };

export const TARGET_FIRST_SYNC_RATIO = 0.5;
export const TARGET_MORNING_SECONDS = 2;

export interface Cost {
  seconds: number;
  /** This process (the app). */
  cpuSeconds: number;
  /** The fake Wonde's process (its CPU, apart from cpuSeconds). */
  fakeSeconds: number;
  /** The PostgreSQL server's processes on this machine (null if they cannot be read). */
  postgresCpuSeconds: number | null;
}

export interface MorningRun {
  pupils: number;
  marksHeld: number;
  changed: number;
  sync: Cost & { rows: number; marksChanged: number; pupilsEvaluated: number | null };
  today: Cost & { actions: number };
  /** Sync + the Today page's list: the change reaching Today. */
  totalSeconds: number;
  /** keepDailyList over the whole school: what the sync did before the kept list was updated per pupil. */
  fullList: Cost & { actions: number };
  /** The kept list after the update equals the list made again whole. */
  identical: boolean;
}

export interface WondeResults {
  days: number;
  pupils: number;
  marks: number;
  rawCopy: Cost & { marksPerSecond: number };
  csvImport: Cost & { marksPerSecond: number };
  firstSync: Cost & { rows: number; marks: number; marksPerSecond: number; rowsPerSecond: number; requests: number };
  ratioToRawCopy: number;
  ratioToCsvImport: number;
  morning: MorningRun[];
}

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const USER_HZ = 100;
/** user + system CPU of every `postgres` process, in seconds (Linux /proc). */
function postgresCpu(): number | null {
  try {
    let total = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        if (name !== "postgres") continue;
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        total += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
    return total / USER_HZ;
  } catch {
    return null;
  }
}

async function costOf<T>(fake: RemoteFake | null, work: () => Promise<T>): Promise<{ value: T; cost: Cost }> {
  const fake0 = fake ? await fake.cpu() : 0;
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpu();
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pg1 = postgresCpu();
  const fake1 = fake ? await fake.cpu() : 0;
  return { value, cost: { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, fakeSeconds: fake1 - fake0, postgresCpuSeconds: pg0 === null || pg1 === null ? null : pg1 - pg0 } };
}

/** The fake Wonde in its own process (bench/wonde-fake.ts), answering one message at a time. */
class RemoteFake {
  url = "";
  token = "";
  schoolId = "";
  private readonly child: ChildProcess;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    // The bench's own flags (tsx's loader) go with it; "advanced" serialisation carries the typed arrays as they are.
    this.child = fork(fileURLToPath(new URL("./wonde-fake.ts", import.meta.url)), [], { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  }

  private ask<R>(m: FakeRequest): Promise<R> {
    const answer = this.queue.then(
      () =>
        new Promise<R>((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`the fake Wonde's process ended (${code})`));
          this.child.once("exit", onExit);
          this.child.once("message", (r: { ok: boolean; error?: string }) => {
            this.child.off("exit", onExit);
            if (r.ok) resolve(r as R);
            else reject(new Error(`the fake Wonde: ${r.error}`));
          });
          this.child.send(m);
        }),
    );
    this.queue = answer.catch(() => {});
    return answer;
  }

  async start(): Promise<this> {
    Object.assign(this, await this.ask<{ url: string; token: string; schoolId: string }>({ op: "start" }));
    return this;
  }

  async serve(school: BenchSchool, days: readonly string[], marks: HeldMarks, updatedAt: string, prerender?: number): Promise<void> {
    await this.ask({ op: "serve", pupils: school.pupils, days, marks, updatedAt, ...(prerender ? { prerender } : {}) });
  }

  async change(count: number, at: Date): Promise<number> {
    return (await this.ask<{ changed: number }>({ op: "change", count, at: at.toISOString() })).changed;
  }

  /** The fake process's CPU so far, in seconds. */
  async cpu(): Promise<number> {
    return (await this.ask<{ cpuSeconds: number }>({ op: "cpu" })).cpuSeconds;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await this.ask({ op: "stop" }).catch(() => {});
    this.child.disconnect();
  }
}

/** The marks of a CSV written by writeMarkFiles, held as small arrays (a 10,000-pupil year is 3.8 million marks). */
async function holdMarks(csvPath: string, school: BenchSchool, days: readonly string[], size: number): Promise<HeldMarks> {
  const pupilOf = new Map(school.pupils.map((p, i) => [p.upn, i]));
  const dayOf = new Map(days.map((d, i) => [d, i]));
  const codes: string[] = [];
  const codeOf = new Map<string, number>();
  const held: HeldMarks = { size: 0, pupil: new Uint32Array(size), day: new Uint16Array(size), pm: new Uint8Array(size), code: new Uint8Array(size), codes };
  let first = true;
  for await (const line of createInterface({ input: createReadStream(csvPath), crlfDelay: Infinity })) {
    if (first) {
      first = false;
      continue;
    }
    if (!line) continue;
    const [upn, date, session, code] = line.split(",") as [string, string, string, string];
    let c = codeOf.get(code);
    if (c === undefined) codeOf.set(code, (c = codes.push(code) - 1));
    const k = held.size++;
    held.pupil[k] = pupilOf.get(upn)!;
    held.day[k] = dayOf.get(date)!;
    held.pm[k] = session === "PM" ? 1 : 0;
    held.code[k] = c;
  }
  return held;
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

async function rawCopy(h: DatabaseHandle, copyPath: string): Promise<void> {
  const client = await h.pool!.connect();
  try {
    await pipeline(createReadStream(copyPath, { highWaterMark: 1 << 20 }), client.query(copyFrom("COPY register_marks (school_id, pupil_id, day, session, code) FROM STDIN")));
  } finally {
    client.release();
  }
}

const keptRows = async (h: DatabaseHandle, schoolId: string, day: string) =>
  (await h.db.select().from(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), eq(dailyActions.day, day))))
    .map((r) => `${r.pupilId} ${r.action} ${r.rule} ${r.priority} ${r.reason}`)
    .sort()
    .join("\n");

export async function benchWonde(log: (msg: string) => void): Promise<WondeResults> {
  const calendar = schoolYear(DAYS);
  const day = calendar.schoolDays.at(-1)!;
  // The bench's clock: the morning of the last school day, moving on with real time.
  const t0 = performance.now();
  const base = new Date(`${day}T07:30:00Z`).getTime();
  const now = () => new Date(base + (performance.now() - t0));
  const box = tokenBox(randomBytes(32));
  const fake = await new RemoteFake().start();
  const client = {};
  const PER_PAGE = 200;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

  log(`Wonde: database ${DB_NAME}; ${fmt(PUPILS)} and ${fmt(LARGE)} pupils, ${DAYS} school days, ${fmt(CHANGED)} marks changed in the morning`);
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${DB_NAME}`;
  const h = await openDatabase({ databaseUrl: url.toString() });
  const tmp = path.join(os.tmpdir(), `doorstep-bench-wonde-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  try {
    await runMigrations(h);
    // The sync checks UPNs as the pupils import does: the bench's own carry no check letter.
    const named = (s: BenchSchool, name: string): BenchSchool => ({ ...s, name, templateId: "burgh", pupils: s.pupils.map((p) => ({ ...p, upn: withCheckLetter(p.upn.slice(1)) })) });
    const [refSchool, feedSchool] = makeTrust(2, PUPILS, 301).map((s, i) => named(s, `Wonde Bench ${i === 0 ? "CSV" : "Feed"} School`)) as [BenchSchool, BenchSchool];
    const large = named(makeTrust(1, LARGE, 302)[0]!, "Wonde Bench Large School");
    // The feed school's pupils come from its first sync.
    await createTrust(h, "Wonde Bench Trust", [refSchool, { ...feedSchool, pupils: [] }, large], calendar);

    // 1. Raw COPY and the CSV import of a school's year, then the first sync of a same-sized school's.
    const refCsv = path.join(tmp, "ref.csv");
    const refCopy = path.join(tmp, "ref.copy");
    const ref = await writeMarkFiles([refSchool], calendar, refCsv, refCopy, 31);
    await h.pool!.query("checkpoint").catch(() => {});
    const copyCost = await costOf(null, () => rawCopy(h, refCopy));
    log(`Wonde: raw COPY of ${fmt(ref.marks)} marks ${copyCost.cost.seconds.toFixed(2)} s`);
    await h.pool!.query("delete from register_marks where school_id = $1", [refSchool.id]);
    await h.pool!.query("vacuum register_marks");
    await h.pool!.query("checkpoint").catch(() => {});
    const csvCost = await costOf(null, () => importMarks(h, ACTOR, { schoolIds: [refSchool.id] }, createReadStream(refCsv), "csv", { fileName: "wonde-bench-ref.csv" }));
    if (csvCost.value.inserted !== ref.marks) throw new Error(`CSV import reported ${JSON.stringify(csvCost.value)}`);
    log(`Wonde: CSV import of ${fmt(ref.marks)} marks ${csvCost.cost.seconds.toFixed(2)} s`);

    const feedCsv = path.join(tmp, "feed.csv");
    const feedSummary = await writeMarkFiles([feedSchool], calendar, feedCsv, null, 32);
    const feedMarks = await holdMarks(feedCsv, feedSchool, calendar.schoolDays, feedSummary.marks);
    const longAgo = "2025-08-01 00:00:00";
    // Wonde's pages of the whole year are made ahead, as a remote server's are made on its own machine.
    await fake.serve(feedSchool, calendar.schoolDays, feedMarks, longAgo, PER_PAGE);
    await connectWondeFeed(h.db, ACTOR, feedSchool.id, { wondeSchoolId: fake.schoolId, token: fake.token, baseUrl: fake.url }, { box });
    await h.pool!.query("checkpoint").catch(() => {});
    const first = await costOf(fake, () => syncWondeFeed(h, feedSchool.id, { box, now, client }));
    const firstOut = synced(first.value);
    if (firstOut.marksChanged !== feedMarks.size) throw new Error(`first sync saved ${firstOut.marksChanged} marks of ${feedMarks.size}`);
    log(`Wonde: first sync of ${fmt(firstOut.rows)} rows (${fmt(feedMarks.size)} marks) ${first.cost.seconds.toFixed(2)} s, CPU ${first.cost.cpuSeconds.toFixed(2)} s (fake ${first.cost.fakeSeconds.toFixed(2)} s)`);
    const firstSync = {
      ...first.cost,
      rows: firstOut.rows,
      marks: feedMarks.size,
      marksPerSecond: feedMarks.size / first.cost.seconds,
      rowsPerSecond: firstOut.rows / first.cost.seconds,
      requests: Math.ceil(feedMarks.size / PER_PAGE) + Math.ceil(feedSchool.pupils.length / PER_PAGE),
    };
    const feedMarksBySchool = new Map([[feedSchool.id, feedMarks]]);

    // The large school: its year by raw COPY, its pupils linked to Wonde, its feed marked as synced.
    const largeCsv = path.join(tmp, "large.csv");
    const largeCopy = path.join(tmp, "large.copy");
    const largeSummary = await writeMarkFiles([large], calendar, largeCsv, largeCopy, 33);
    await rawCopy(h, largeCopy);
    rmSync(largeCopy);
    const largeMarks = await holdMarks(largeCsv, large, calendar.schoolDays, largeSummary.marks);
    feedMarksBySchool.set(large.id, largeMarks);
    await h.pool!.query(`update pupils p set wonde_id = v.w from unnest($1::uuid[], $2::text[]) as v(id, w) where p.id = v.id`, [large.pupils.map((p) => p.id), large.pupils.map((_, i) => studentId(i))]);
    await connectWondeFeed(h.db, ACTOR, large.id, { wondeSchoolId: fake.schoolId, token: fake.token, baseUrl: fake.url }, { box });
    await h.db.update(wondeFeeds).set({ watermark: now(), lastSyncAt: now() }).where(eq(wondeFeeds.schoolId, large.id));
    await h.pool!.query("vacuum analyze");
    log(`Wonde: ${fmt(LARGE)}-pupil school loaded (${fmt(largeSummary.marks)} marks by raw COPY)`);

    // 2. The morning: the kept list made at 07:30, then a sync of the changed marks, then Today.
    const morning: MorningRun[] = [];
    for (const school of [feedSchool, large]) {
      const held = feedMarksBySchool.get(school.id)!;
      await fake.serve(school, calendar.schoolDays, held, longAgo);
      await h.db.insert(dailyRuns).values({ schoolId: school.id, day, startedAt: now() }).onConflictDoNothing();
      const fullList = await costOf(null, () => keepDailyList(h.db, school.id, day, now()));
      // Wonde's records changed after the last sync's watermark.
      await new Promise((r) => setTimeout(r, 1100));
      const changed = await fake.change(CHANGED, now());
      const sync = await costOf(fake, () => syncWondeFeed(h, school.id, { box, now, client }));
      const out = synced(sync.value);
      const today = await costOf(null, () => actionsForDay(h.db, school.id, day));
      const [audit] = await h.pool!.query(`select after from audit_events where school_id = $1 and action = 'daily_list_updated' order by id desc limit 1`, [school.id]).then((r) => r.rows as { after: { pupilsEvaluated: number } }[]);
      const updated = await keptRows(h, school.id, day);
      await keepDailyList(h.db, school.id, day, now());
      const identical = updated === (await keptRows(h, school.id, day));
      const run: MorningRun = {
        pupils: school.pupils.length,
        marksHeld: held.size,
        changed,
        sync: { ...sync.cost, rows: out.rows, marksChanged: out.marksChanged, pupilsEvaluated: audit?.after.pupilsEvaluated ?? null },
        today: { ...today.cost, actions: today.value.actionCount },
        totalSeconds: sync.cost.seconds + today.cost.seconds,
        fullList: { ...fullList.cost, actions: fullList.value.actionCount },
        identical,
      };
      log(
        `Wonde: morning at ${fmt(run.pupils)} pupils: sync of ${fmt(out.marksChanged)} changed marks ${sync.cost.seconds.toFixed(3)} s (CPU ${sync.cost.cpuSeconds.toFixed(3)} s), Today ${today.cost.seconds.toFixed(3)} s; whole list ${fullList.cost.seconds.toFixed(3)} s; ${identical ? "same list as made whole" : "MISMATCH with the list made whole"}`,
      );
      if (out.marksChanged !== changed) log(`Wonde: the sync changed ${out.marksChanged} marks, ${changed} were changed on the fake`);
      morning.push(run);
    }
    return {
      days: DAYS,
      pupils: PUPILS,
      marks: ref.marks,
      rawCopy: { ...copyCost.cost, marksPerSecond: ref.marks / copyCost.cost.seconds },
      csvImport: { ...csvCost.cost, marksPerSecond: ref.marks / csvCost.cost.seconds },
      firstSync,
      ratioToRawCopy: firstSync.marksPerSecond / (ref.marks / copyCost.cost.seconds),
      ratioToCsvImport: firstSync.marksPerSecond / (ref.marks / csvCost.cost.seconds),
      morning,
    };
  } finally {
    await fake.stop();
    await h.close();
    rmSync(tmp, { recursive: true, force: true });
    if (env.BENCH_KEEP_DB !== "1") await admin(`drop database if exists ${DB_NAME} with (force)`).catch((e: Error) => log(`could not drop ${DB_NAME}: ${e.message}`));
  }
}

function synced(o: SyncOutcome) {
  if (o.status !== "synced") throw new Error(`the Wonde sync did not complete: ${JSON.stringify(o)}`);
  return o;
}

/** The rows of the bench's table for this part. */
export function wondeRows(w: WondeResults): [string, string, string, string][] {
  const yes = (ok: boolean) => (ok ? "MET" : "NOT MET");
  const n = (x: number) => Math.round(x).toLocaleString("en-GB");
  const cpu = (c: Cost) => `CPU ${c.cpuSeconds.toFixed(2)} s (fake ${c.fakeSeconds.toFixed(2)}), PostgreSQL ${c.postgresCpuSeconds === null ? "n/a" : `${c.postgresCpuSeconds.toFixed(2)} s`}`;
  return [
    [`Wonde: raw COPY, ${n(w.pupils)} pupils' year`, `${n(w.rawCopy.marksPerSecond)} marks/s (${n(w.marks)} marks, ${w.rawCopy.seconds.toFixed(2)} s; ${cpu(w.rawCopy)})`, "", ""],
    ["Wonde: CSV import (importMarks, by COPY)", `${n(w.csvImport.marksPerSecond)} marks/s (${w.csvImport.seconds.toFixed(2)} s; ${cpu(w.csvImport)})`, "", ""],
    ["Wonde: first sync", `${n(w.firstSync.marksPerSecond)} marks/s, ${n(w.firstSync.rowsPerSecond)} rows/s (${n(w.firstSync.rows)} rows, ${w.firstSync.seconds.toFixed(2)} s; ${cpu(w.firstSync)})`, "", ""],
    ["  first sync / raw COPY", w.ratioToRawCopy.toFixed(2), `>= ${TARGET_FIRST_SYNC_RATIO}`, yes(w.ratioToRawCopy >= TARGET_FIRST_SYNC_RATIO)],
    ["  first sync / CSV import", w.ratioToCsvImport.toFixed(2), `>= ${TARGET_FIRST_SYNC_RATIO}`, yes(w.ratioToCsvImport >= TARGET_FIRST_SYNC_RATIO)],
    ...w.morning.flatMap((m): [string, string, string, string][] => [
      [`Wonde: ${n(m.changed)} changed marks to Today, ${n(m.pupils)} pupils`, `${m.totalSeconds.toFixed(3)} s (sync ${m.sync.seconds.toFixed(3)} s, Today ${m.today.seconds.toFixed(3)} s)`, `< ${TARGET_MORNING_SECONDS} s`, yes(m.totalSeconds < TARGET_MORNING_SECONDS)],
      ["  the sync", `${cpu(m.sync)}; ${m.sync.pupilsEvaluated ?? "?"} pupils evaluated again`, "", ""],
      ["  the Today page's list", `${cpu(m.today)}; ${m.today.actions} actions`, "", ""],
      ["  the kept list made whole (before)", `${m.fullList.seconds.toFixed(3)} s; ${cpu(m.fullList)}`, "", ""],
      ["  kept list updated = made whole", m.identical ? "yes" : "no", "yes", yes(m.identical)],
    ]),
  ];
}
