/**
 * `npm run bench:faults`: nothing owed is lost when the database and the mail
 * server fail under load. 500 visits under way check in on the policy's rhythm
 * (the same phones as bench:safety: ordered offline queues, same id on retry)
 * while the bench restarts its own PostgreSQL with an immediate shutdown, cuts
 * the app's connections (pg_terminate_backend), and stops the SMTP listener for
 * minutes. The app server itself is not killed here (bench:safety does that).
 * See bench/safety/README.md, "Faults under load".
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { recreateDatabase, migrate, seedSchool } from "../safety/setup";
import { buildServer, Fleet, freePort } from "../safety/servers";
import { AlertObserver, BoardWatcher, Sender, visitClients, type DeliberateMiss, type Endpoint, type StepRecord } from "../safety/clients";
import { analyse } from "../safety/analyse";
import { Monitor } from "../safety/monitor";
import { envInt, makeRng, ms, shuffle, sleep, summarise, uniform } from "../safety/stats";
import { TempCluster } from "./cluster";
import { SmtpSink } from "./smtp-sink";

const int = envInt;

const DB_NAME = "doorstep_bench_faults";
const SECONDS = int("BENCH_FAULTS_SECONDS", 270);
const VISITS = int("BENCH_FAULTS_VISITS", 500);
const PG_RESTARTS = int("BENCH_FAULTS_PG_RESTARTS", 5);
/** How long PostgreSQL stays down at each restart (after the immediate stop, before the start). */
const PG_DOWN_MS = int("BENCH_FAULTS_PG_DOWN_MS", 4_000);
const TERMINATES = int("BENCH_FAULTS_TERMINATES", 3);
/** "Several minutes" of mail server outage; short by default so the bench ends in 5–8 minutes. */
const SMTP_DOWN_S = int("BENCH_FAULTS_SMTP_DOWN_SECONDS", 150);
const SMTP_DOWN_AT_S = int("BENCH_FAULTS_SMTP_DOWN_AT_SECONDS", 30);
const SEED = int("BENCH_FAULTS_SEED", Math.floor(Math.random() * 2 ** 31));
const INTERVAL_S = int("BENCH_SAFETY_INTERVAL_SECONDS", 20);
const MISS_FRACTION = 0.1;
/** How long after the mail server is back the bench waits for every alert email at most. */
const MAIL_WAIT_MS = int("BENCH_FAULTS_MAIL_WAIT_SECONDS", 240) * 1000;
const LEAD_MS: [number, number] = [INTERVAL_S * 150, INTERVAL_S * 400];
const LATE_MS: [number, number] = [INTERVAL_S * 300, INTERVAL_S * 750];
const REQUEST_TIMEOUT_MS = 15_000;
const TARGETS = { answerMs: 1_000, catchUpMs: 10_000 };
const RESULTS = path.resolve(import.meta.dirname, "../safety/results");

const started = Date.now();
const log = (msg: string) => process.stderr.write(`[faults ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}\n`);

let cluster: TempCluster | null = null;
let fleet: Fleet | null = null;
process.on("exit", () => {
  fleet?.killAllNow();
  cluster?.removeNow();
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => process.exit(130));

interface Fault {
  kind: "pg_restart" | "terminate";
  at: number;
  /** The database was away from `down` to `up` (equal for a terminate: the connections are cut, the server stays). */
  down: number;
  up: number;
  /** Certainly away: from the immediate stop's return to the start command (the database is neither stopping nor starting). */
  goneFrom?: number;
  goneTo?: number;
  terminated?: number;
}

/** Something that asks the server every `everyMs` while the database is away: the health check and the office board. */
class OutageProbe {
  readonly answers: { at: number; path: string; status: number | "timeout" | string; ms: number; said: string }[] = [];
  private stopped = false;
  private loop: Promise<void> | null = null;
  constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly during: () => boolean,
  ) {}

  start(everyMs = 200) {
    this.loop = (async () => {
      while (!this.stopped) {
        if (this.during()) await Promise.all([this.ask("/api/health"), this.ask("/api/board")]);
        await sleep(everyMs);
      }
    })();
  }

  private async ask(p: string) {
    const at = Date.now();
    const t0 = performance.now();
    try {
      const res = await fetch(this.url + p, { headers: { cookie: this.cookie }, signal: AbortSignal.timeout(5_000) });
      const body = (await res.json().catch(() => ({}))) as { status?: string; error?: string; message?: string };
      this.answers.push({ at, path: p, status: res.status, ms: performance.now() - t0, said: `${body.status ?? body.error ?? ""}: ${body.message ?? ""}` });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      this.answers.push({ at, path: p, status: err.name === "TimeoutError" ? "timeout" : (err.cause?.code ?? err.message), ms: performance.now() - t0, said: "" });
    }
  }

  async stop() {
    this.stopped = true;
    await this.loop;
  }
}

async function main() {
  const rng = makeRng(SEED);
  mkdirSync(RESULTS, { recursive: true });
  log(`seed ${SEED}; ${VISITS} visits, ${PG_RESTARTS} PostgreSQL restarts (immediate, down ${PG_DOWN_MS} ms), ${TERMINATES} connection cuts, SMTP down ${SMTP_DOWN_S} s from ${SMTP_DOWN_AT_S} s, ${SECONDS} s of traffic`);

  cluster = await TempCluster.create(await freePort());
  const c = cluster;
  log(`PostgreSQL ${c.version} cluster in ${c.dir} on port ${c.port}`);
  const url = await recreateDatabase(c.url, DB_NAME);
  const handle = await migrate(url);
  const seeded = await seedSchool(handle, { visits: VISITS, probeVisits: 0, now: new Date(), intervalSeconds: INTERVAL_S }).finally(() => handle.close());
  const intervalMs = seeded.intervalMs;
  const db = new pg.Pool({ connectionString: url, max: 3, application_name: "bench-faults" });
  db.on("error", () => {});

  const smtp = new SmtpSink(await freePort());
  await smtp.start();

  buildServer();
  fleet = await Fleet.create(1, { ...process.env, DATABASE_URL: url, HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "warn", SMTP_URL: smtp.url }, path.join(RESULTS, "faults-server.log"), () => true);
  const f = fleet;
  await f.instances[0]!.start();
  const endpoint: Endpoint = { count: 1, url: () => f.instances[0]!.url };
  log(`server ready on ${f.instances[0]!.port}; mail to ${smtp.url}`);

  const login = await fetch(`${endpoint.url(0)}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: seeded.office.email, password: seeded.office.password }) });
  if (login.status !== 200) throw new Error(`office login failed: ${login.status} ${await login.text()}`);
  const officeCookie = login.headers.getSetCookie().map((x) => x.split(";")[0]!).find((x) => x.startsWith("doorstep_session="))!;

  const records: StepRecord[] = [];
  const misses: DeliberateMiss[] = [];
  let giveUpAt = Date.now() + 180_000;
  const senders = seeded.visits.map((v, i) => new Sender(v.visitId, i, "main", 0, v.team[0]!, { endpoint, preferred: 0, requestTimeoutMs: REQUEST_TIMEOUT_MS, giveUpAt: () => giveUpAt }, records));
  log(`setup: "departed" for every visit`);
  for (let i = 0; i < senders.length; i += 25) await Promise.all(senders.slice(i, i + 25).map((s) => s.send("departed", "setup").done));
  if (records.some((r) => r.acceptedAt === null)) throw new Error(`"departed" not accepted: ${JSON.stringify(records.find((r) => r.acceptedAt === null)?.rejected)}`);

  // ---- the plan: restarts and cuts spread over the traffic, none in the first 40 s or the last 30 s.
  const runMs = SECONDS * 1000;
  const t0 = Date.now() + 1000;
  giveUpAt = t0 + runMs + 120_000;
  const slots = PG_RESTARTS + TERMINATES;
  const span = runMs - 70_000;
  const order = shuffle(rng, [...Array<"pg_restart">(PG_RESTARTS).fill("pg_restart"), ...Array<"terminate">(TERMINATES).fill("terminate")]);
  const plan = order.map((kind, i) => ({ kind, at: 40_000 + Math.round((span * (i + uniform(rng, 0.2, 0.8))) / slots) }));
  const downs = plan.filter((p) => p.kind === "pg_restart").map((p) => ({ from: t0 + p.at, to: t0 + p.at + PG_DOWN_MS + 3_000 }));
  const clients = visitClients(senders, { rng, t0, runMs, intervalMs, missFraction: MISS_FRACTION, leadMs: LEAD_MS, lateMs: LATE_MS, avoid: downs }, (m) => misses.push(m));

  const observer = new AlertObserver(db);
  observer.start();
  const monitor = new Monitor(db, DB_NAME, endpoint, officeCookie);
  monitor.start();
  const board = new BoardWatcher(endpoint, officeCookie, 0);
  board.start();
  let dbAway = false;
  const probe = new OutageProbe(endpoint.url(0), officeCookie, () => dbAway);
  probe.start();

  log(`traffic for ${SECONDS} s: ${plan.map((p) => `${p.kind === "pg_restart" ? "restart" : "cut"} ${(p.at / 1000).toFixed(0)}s`).join(", ")}; SMTP down ${SMTP_DOWN_AT_S}–${SMTP_DOWN_AT_S + SMTP_DOWN_S} s`);
  for (const cl of clients) cl.startAt(t0 + uniform(rng, 0, 25_000));

  const smtpDriver = (async () => {
    await sleep(t0 + SMTP_DOWN_AT_S * 1000 - Date.now());
    await smtp.stop();
    log(`SMTP listener stopped`);
    await sleep(t0 + (SMTP_DOWN_AT_S + SMTP_DOWN_S) * 1000 - Date.now());
    await smtp.start();
    log(`SMTP listener back`);
  })();

  // The probe goes on after each fault until the server's health check is ok again (at most 15 s).
  const probeUntilHealthy = (since: number) =>
    void (async () => {
      for (const until = Date.now() + 15_000; Date.now() < until; await sleep(200)) {
        if (probe.answers.some((x) => x.path === "/api/health" && x.at >= since && x.status === 200)) break;
      }
      dbAway = false;
    })();
  const faults: Fault[] = [];
  const admin = new pg.Pool({ connectionString: c.url, max: 1 });
  admin.on("error", () => {});
  for (const p of plan) {
    await sleep(t0 + p.at - Date.now());
    if (p.kind === "pg_restart") {
      dbAway = true;
      const down = Date.now();
      await c.stopImmediate();
      const goneFrom = Date.now();
      await sleep(PG_DOWN_MS);
      const goneTo = Date.now();
      await c.start();
      const up = Date.now();
      probeUntilHealthy(up);
      faults.push({ kind: "pg_restart", at: down - t0, down, up, goneFrom, goneTo });
      log(`PostgreSQL: immediate stop at ${((down - t0) / 1000).toFixed(1)} s, accepting again after ${up - down} ms`);
    } else {
      dbAway = true;
      const at = Date.now();
      const r = await admin
        .query<{ n: number }>("select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and application_name <> 'bench-faults'", [DB_NAME])
        .catch(() => ({ rows: [{ n: -1 }] }));
      faults.push({ kind: "terminate", at: at - t0, down: at, up: at, terminated: r.rows[0]!.n });
      probeUntilHealthy(at);
      log(`pg_terminate_backend: ${r.rows[0]!.n} of the app's connections cut at ${((at - t0) / 1000).toFixed(1)} s`);
    }
  }
  await sleep(t0 + runMs - Date.now());
  await smtpDriver;
  log(`traffic over: flushing the phones' queues, "home safe" for every visit`);
  const trafficEnd = Date.now();
  giveUpAt = trafficEnd + 90_000;
  await Promise.all(clients.map((cl) => cl.finish()));
  const pendingAtEnd = senders.reduce((n, s) => n + s.pending, 0);

  // Every alert email: wait until none is left to send (or MAIL_WAIT_MS after the mail server's return).
  const smtpBack = smtp.downs[0]?.to ?? Date.now();
  const mailDeadline = Math.max(smtpBack + MAIL_WAIT_MS, Date.now() + 15_000);
  let emailsLeft = -1;
  for (;;) {
    await sleep(3_000);
    emailsLeft = (await db.query<{ n: number }>("select count(*)::int as n from alert_deliveries where channel = 'email' and done_at is null")).rows[0]!.n;
    if (emailsLeft === 0 || Date.now() > mailDeadline) break;
    log(`waiting for ${emailsLeft} alert emails (retries back off up to 10 min)`);
  }
  await sleep(2_000);
  await probe.stop();
  await board.stop();
  await monitor.stop();
  await observer.stop();
  const endAt = Date.now();
  await f.stopAll();
  fleet = null;

  // ---- figures
  const outages = faults.map((x) => ({ from: x.down, to: x.up }));
  // The same analysis as bench:safety, with the database's absences as outages.
  const facts = { pool: db, intervalMs, records, misses, lives: f.lives, firstSeen: observer.firstSeen, trafficStart: t0, trafficEnd, endAt };
  const a = await analyse({ ...facts, mainVisitIds: seeded.visits.map((v) => v.visitId), probeVisitIds: [], availability: f.availability(endAt), stormMs: 10_000, outages });
  const deliveries = (
    await db.query<{ id: string; outcome: string | null; done_at: Date | null; created_at: Date; attempts: number; last_error: string | null }>("select id, outcome, done_at, created_at, attempts, last_error from alert_deliveries where channel = 'email'")
  ).rows;
  const alertsDuringOutage = (
    await db.query<{ due_at: Date; raised_at: Date }>("select d.due_at, a.raised_at from safety_alerts a join safety_deadlines d on d.id = a.deadline_id where a.kind = 'overdue'")
  ).rows;
  await db.end();
  await admin.end();

  // Requests the phones made while the database was away (restart windows; a cut has none).
  // Only requests begun while the database was certainly away (stopped, not yet starting): while it is still
  // stopping or recovering, a request may be served, slowly, and that is not the figure asked for.
  const inWindow = (t: number) => faults.some((x) => x.kind === "pg_restart" && t >= x.goneFrom! && t <= x.goneTo!);
  const inRestart = (t: number) => faults.some((x) => x.kind === "pg_restart" && t >= x.down && t <= x.up && !(t >= x.goneFrom! && t <= x.goneTo!));
  const attemptsAway = records.flatMap((r) => r.attemptLog.filter((l) => inWindow(l.at)));
  const probeAway = probe.answers.filter((p) => inWindow(p.at));
  const answeredAway = [...attemptsAway.map((l) => ({ ms: l.durationMs, status: l.outcome })), ...probeAway.map((p) => ({ ms: p.ms, status: String(p.status) }))];
  const statuses: Record<string, number> = {};
  for (const x of answeredAway) statuses[x.status] = (statuses[x.status] ?? 0) + 1;
  const slowAway = answeredAway.filter((x) => x.ms > TARGETS.answerMs).length;
  const aroundRestart = [
    ...records.flatMap((r) => r.attemptLog.filter((l) => inRestart(l.at)).map((l) => ({ ms: l.durationMs, status: l.outcome }))),
    ...probe.answers.filter((p) => inRestart(p.at)).map((p) => ({ ms: p.ms, status: String(p.status) })),
  ];
  const byStatus = (xs: { ms: number; status: string }[]) => {
    const out: Record<string, string> = {};
    for (const st of new Set(xs.map((x) => x.status.replace(/^http /, "")))) {
      const g = xs.filter((x) => x.status.replace(/^http /, "") === st);
      out[st] = `${g.length}, max ${ms(Math.max(...g.map((x) => x.ms)))}, >1 s ${g.filter((x) => x.ms > TARGETS.answerMs).length}`;
    }
    return out;
  };
  const hanging = answeredAway.filter((x) => x.status === "timeout").length;
  const healthAway = probeAway.filter((p) => p.path === "/api/health");
  const healthSaid = healthAway.filter((p) => p.status === 503 && p.said.startsWith("database_unavailable")).length;
  const healthOk = healthAway.filter((p) => p.status === 200).length;
  const healthSample = healthAway.find((p) => p.status === 503)?.said ?? "–";
  const boardAway = probeAway.filter((p) => p.path === "/api/board");
  const boardSaid = boardAway.filter((p) => p.status === 503 && p.said.startsWith("database_unavailable")).length;
  const failedCuts = records.flatMap((r) => r.attemptLog.filter((l) => faults.some((x) => x.kind === "terminate" && Math.abs(l.at - x.at - t0) < 2_000) && l.outcome !== "200")).length;

  // Catch-up after each return: the phones' queued steps accepted, the deadlines that fell meanwhile alerted.
  const catchUp = faults.map((x) => {
    const queued = records.filter((r) => r.occurredAt <= x.up && r.acceptedAt !== null && r.acceptedAt > x.up && r.attemptLog.some((l) => l.at <= x.up + 50 && l.outcome !== "200"));
    const stepsMs = queued.length ? Math.max(...queued.map((r) => r.acceptedAt! - x.up)) : 0;
    const fell = alertsDuringOutage.filter((al) => al.due_at.getTime() >= x.down && al.due_at.getTime() <= x.up);
    const alertsMs = fell.length ? Math.max(...fell.map((al) => al.raised_at.getTime() - x.up)) : 0;
    const healthBack = probe.answers.find((p) => p.path === "/api/health" && p.at >= x.up && p.status === 200);
    return { kind: x.kind, atS: Math.round(x.at / 100) / 10, awayMs: x.up - x.down, queuedSteps: queued.length, stepsCaughtUpMs: stepsMs, deadlinesFell: fell.length, alertsCaughtUpMs: alertsMs, healthOkAfterMs: healthBack ? healthBack.at - x.up : null, terminated: x.terminated };
  });
  const worstCatchUp = Math.max(0, ...catchUp.map((x) => Math.max(x.stepsCaughtUpMs, x.alertsCaughtUpMs)));

  const sent = deliveries.filter((d) => d.outcome === "sent");
  const keys = new Map<string, number>();
  for (const m of smtp.received) keys.set(m.key, (keys.get(m.key) ?? 0) + 1);
  const duplicateEmails = [...keys.values()].reduce((n, k) => n + Math.max(0, k - 1), 0);
  const lastMail = smtp.received.length ? Math.max(...smtp.received.map((m) => m.at)) : null;
  const queuedDuringSmtpDown = deliveries.filter((d) => d.created_at.getTime() >= (smtp.downs[0]?.from ?? 0) && d.created_at.getTime() <= smtpBack);

  const checks = {
    lostCheckIns: { value: a.lost.count, pass: a.lost.count === 0 },
    missedAlerts: { value: a.missed.missedAlerts + a.missed.pendingPastDueAtEnd, pass: a.missed.missedAlerts + a.missed.pendingPastDueAtEnd === 0 },
    duplicateAlerts: { value: a.duplicates.alertsPerDeadlineOverOne + a.duplicates.visitsWithTwoOpenOverdueAlerts, pass: a.duplicates.alertsPerDeadlineOverOne + a.duplicates.visitsWithTwoOpenOverdueAlerts === 0 },
    falseAlerts: { value: a.falseAlerts.length, pass: a.falseAlerts.length === 0 },
    alertEmailsDelivered: { value: `${sent.length} of ${deliveries.length}`, pass: sent.length === deliveries.length && emailsLeft === 0 },
    answeredWithin1sWhileAway: { value: `${answeredAway.length - slowAway} of ${answeredAway.length}`, pass: slowAway === 0 && hanging === 0 },
    healthSaysWhatIsWrong: { value: `${healthSaid} of ${healthAway.length}`, pass: healthAway.length > 0 && healthSaid + healthOk === healthAway.length },
    phonesKeptQueues: { value: `given up ${a.latency.gaveUp}, refused ${a.latency.rejectedCount}, left ${pendingAtEnd}`, pass: a.latency.gaveUp === 0 && a.latency.rejectedCount === 0 && pendingAtEnd === 0 },
    caughtUpWithin10s: { value: ms(worstCatchUp), pass: worstCatchUp <= TARGETS.catchUpMs },
  };
  const pass = Object.values(checks).every((x) => x.pass);
  const ok = (b: boolean) => (b ? "yes" : "NO");
  const rows: [string, string, string, string][] = [
    ["lost check-ins (200 but not in visit_events)", String(a.lost.count), "0", ok(checks.lostCheckIns.pass)],
    ["missed alerts (deliberate, none raised; pending past due at end)", `${a.missed.missedAlerts} of ${a.missed.deliberate}; ${a.missed.pendingPastDueAtEnd}`, "0", ok(checks.missedAlerts.pass)],
    ["duplicate alerts (one deadline >1 alert; two open on a visit)", `${a.duplicates.alertsPerDeadlineOverOne}; ${a.duplicates.visitsWithTwoOpenOverdueAlerts}`, "0", ok(checks.duplicateAlerts.pass)],
    ["false alerts", String(a.falseAlerts.length), "0", ok(checks.falseAlerts.pass)],
    ["alert emails sent (outbox rows)", `${sent.length} of ${deliveries.length}; ${queuedDuringSmtpDown.length} queued while SMTP was down; still unsent ${emailsLeft}`, "all", ok(checks.alertEmailsDelivered.pass)],
    ["  received by the mail server / duplicates", `${smtp.received.length} / ${duplicateEmails}`, "report", ""],
    ["  last email after the mail server's return", lastMail === null ? "–" : ms(lastMail - smtpBack), "", ""],
    ["  attempts per email (failed while SMTP down)", JSON.stringify(summarise(deliveries.map((d) => d.attempts))), "", ""],
    ["requests while PostgreSQL was away, answered ≤ 1 s", `${answeredAway.length - slowAway} of ${answeredAway.length} (max ${ms(Math.max(0, ...answeredAway.map((x) => x.ms)))}; hanging ${hanging})`, "all", ok(checks.answeredWithin1sWhileAway.pass)],
    ["  answers while away, by status (n, max, over 1 s)", JSON.stringify(byStatus(answeredAway)), "", ""],
    ["  while stopping or recovering (not in the target), by status", JSON.stringify(byStatus(aroundRestart)), "", ""],
    ["  /api/board while away: 503 database_unavailable", `${boardSaid} of ${boardAway.length}`, "", ""],
    ["/api/health while away says database_unavailable", `${healthSaid} of ${healthAway.length} (e.g. "${healthSample.slice(0, 60)}…")`, "all", ok(checks.healthSaysWhatIsWrong.pass)],
    ["phones kept their queues", checks.phonesKeptQueues.value, "0 lost", ok(checks.phonesKeptQueues.pass)],
    ["caught up after each return (steps accepted, alerts raised), worst", ms(worstCatchUp), "≤ 10 s", ok(checks.caughtUpWithin10s.pass)],
    ["requests failed by a connection cut (±2 s)", String(failedCuts), "", ""],
    ["check-in latency, all first attempts", JSON.stringify(summarise(records.filter((r) => r.step === "check_in" && r.attemptLog[0]?.outcome === "200").map((r) => Math.round(r.attemptLog[0]!.durationMs)))), "", ""],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const m = monitor.summary(t0);
  const lines = [
    "",
    `Doorstep fault bench: ${VISITS} visits, check-ins every ${intervalMs / 1000} s, ${Math.round((trafficEnd - t0) / 1000)} s of traffic, PostgreSQL ${c.version} restarted ${faults.filter((x) => x.kind === "pg_restart").length}× (immediate, ~${PG_DOWN_MS / 1000} s down), ${faults.filter((x) => x.kind === "terminate").length} connection cuts, SMTP down ${SMTP_DOWN_S} s, seed ${SEED}`,
    "",
    `${"figure".padEnd(w0)}  ${"value".padEnd(w1)}  ${"target".padEnd(7)}  ok`,
    `${"-".repeat(w0)}  ${"-".repeat(w1)}  -------  --`,
    ...rows.map(([k, v, t, o]) => `${k.padEnd(w0)}  ${v.padEnd(w1)}  ${t.padEnd(7)}  ${o}`),
    "",
    "after each fault: kind | at | away | queued steps | steps caught up | deadlines fell | their alerts raised | health 200 again",
    ...catchUp.map((x) => `  ${x.kind.padEnd(10)} ${String(x.atS).padStart(6)} s | ${ms(x.awayMs).padStart(7)} | ${String(x.queuedSteps).padStart(4)} | ${ms(x.stepsCaughtUpMs).padStart(7)} | ${String(x.deadlinesFell).padStart(3)} | ${ms(x.alertsCaughtUpMs).padStart(7)} | ${x.healthOkAfterMs === null ? "–" : ms(x.healthOkAfterMs)}${x.terminated !== undefined ? ` (${x.terminated} connections cut)` : ""}`),
    "",
    `alerts (overdue): ${a.counts.overdueAlertsMain} — ${Object.entries(a.counts.alertsByClass).map(([k, v]) => `${k} ${v}`).join(", ")}; deliberate misses ${a.missed.deliberate}`,
    `steps: ${a.latency.checkInsSent} check-ins, ${a.latency.requestsAttempted} requests; failed attempts by cause: ${Object.entries(a.latency.failureKinds).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`,
    `server processes that died by themselves: ${f.crashes.length}; office board stream: ${board.connects} connections`,
    `machine: load average med ${m.machine.load1.median ?? "–"}, max ${m.machine.load1.max ?? "–"} on 2 cores; CPU busy med ${Math.round(m.machine.cpuBusyPct.median ?? 0)}% (shared with other work)`,
    "",
    pass ? "all targets met" : `targets missed: ${Object.entries(checks).filter(([, x]) => !x.pass).map(([k]) => k).join(", ")}`,
    "",
  ];
  process.stdout.write(lines.join("\n"));
  if (a.falseAlerts.length) process.stdout.write(`false alerts: ${JSON.stringify(a.falseAlerts.slice(0, 5), null, 1)}\n`);
  if (a.unexplained.length) process.stdout.write(`unexplained alerts: ${JSON.stringify(a.unexplained.slice(0, 5), null, 1)}\n`);
  const slowest = answeredAway.sort((x, y) => y.ms - x.ms).slice(0, 5);
  writeFileSync(
    path.join(RESULTS, "faults-latest.json"),
    JSON.stringify({ generatedAt: new Date().toISOString(), pass, checks, config: { seed: SEED, seconds: SECONDS, visits: VISITS, pgRestarts: PG_RESTARTS, pgDownMs: PG_DOWN_MS, terminates: TERMINATES, smtpDownSeconds: SMTP_DOWN_S, interval: INTERVAL_S }, faults: catchUp, slowestWhileAway: slowest, statusesWhileAway: statuses, machine: m.machine }, null, 2) + "\n",
  );
  log(`wrote bench/safety/results/faults-latest.json`);
  return pass;
}

main()
  .then((pass) => {
    cluster?.removeNow();
    cluster = null;
    process.exit(pass ? 0 : 1);
  })
  .catch((e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(2);
  });
