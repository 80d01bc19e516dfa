/**
 * `npx tsx bench/safety/sweep-cost.ts`: a test-only helper beside the safety
 * bench. How long does `sweepSafety` take to raise a backlog of missed
 * deadlines (as after a long outage) on its own: no HTTP traffic, no other
 * connection? Seeds BENCH_SAFETY_BACKLOG (default 500) visits in a throw-away
 * database (`doorstep_bench_safety_sweep`), gives each one pending deadline 10 s
 * past due, then calls the sweeper until nothing fires and times each call.
 */
import { performance } from "node:perf_hooks";
import { dropDatabase, migrate, recreateDatabase, seedSchool } from "./setup";
import { sweepSafety } from "../../src/jobs/safety-sweeper";
import { safetyDeadlines } from "../../src/db/schema";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = "doorstep_bench_safety_sweep";
const N = Number(process.env.BENCH_SAFETY_BACKLOG ?? 500);

async function main() {
  const host = new URL(SERVER_URL).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error("BENCH_DATABASE_URL must point at loopback");
  const url = await recreateDatabase(SERVER_URL, NAME);
  const h = await migrate(url);
  try {
    const now = new Date();
    const seeded = await seedSchool(h, { visits: N, probeVisits: 0, now, intervalSeconds: 20 });
    const due = new Date(now.getTime() - 10_000);
    await h.db.insert(safetyDeadlines).values(seeded.visits.map((v) => ({ visitId: v.visitId, schoolId: seeded.schoolId, kind: "check_in", dueAt: due, clause: "bench" })));
    const calls: { fired: number; ms: number }[] = [];
    for (;;) {
      const t0 = performance.now();
      const r = await sweepSafety(h.db, new Date());
      calls.push({ fired: r.fired.length, ms: Math.round(performance.now() - t0) });
      if (r.fired.length === 0) break;
    }
    const fired = calls.reduce((a, c) => a + c.fired, 0);
    const ms = calls.filter((c) => c.fired > 0).reduce((a, c) => a + c.ms, 0);
    process.stdout.write(
      `sweepSafety on a backlog of ${N} missed deadlines, alone: ${calls.map((c) => `${c.fired} in ${c.ms} ms`).join(", ")}\n` +
        `  ${fired} alerts in ${ms} ms of sweeping = ${(ms / Math.max(1, fired)).toFixed(1)} ms per alert (plus the 1 s tick between batches in the server)\n`,
    );
  } finally {
    await h.close();
    if (process.env.BENCH_KEEP !== "1") await dropDatabase(SERVER_URL, NAME);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
