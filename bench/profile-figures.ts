/**
 * Where a school's side-by-side figures (schoolFigures, the trust page's row) spend their time, on a database kept
 * by `BENCH_KEEP_DB=1 npm run bench`: wall and this process's CPU of its heavy parts, for a few schools.
 *   BENCH_DB_NAME=doorstep_bench npx tsx bench/profile-figures.ts
 */
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/client";
import { complianceForRange } from "../src/app/attendance/compliance-for-range";
import { returnsOverRange } from "../src/app/attendance/statutory-overdue";
import { schoolFigures } from "../src/app/oversight/school-figures";
import { schoolYear } from "./data";

const env = process.env;
const url = new URL(env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
url.pathname = `/${env.BENCH_DB_NAME ?? "doorstep_bench"}`;
const days = schoolYear(Number(env.BENCH_DAYS ?? 190)).schoolDays.slice(-Number(env.BENCH_TERM_DAYS ?? 60));
const from = days[0]!;
const to = days.at(-1)!;
const h = await openDatabase({ databaseUrl: url.toString() });
const schools = (await h.pool!.query(`select id, name from schools where name like 'Bench School %' order by name limit $1`, [Number(env.SCHOOLS ?? 5)])).rows as { id: string; name: string }[];
async function phase(name: string, work: () => Promise<unknown>): Promise<void> {
  const c = process.cpuUsage();
  const t = performance.now();
  await work();
  const cpu = process.cpuUsage(c);
  console.log(`  ${name.padEnd(24)} ${(performance.now() - t).toFixed(0).padStart(6)} ms wall ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms CPU`);
}
for (const s of schools) {
  console.log(s.name);
  await phase("complianceForRange", () => complianceForRange(h.db, s.id, from, to));
  await phase("returnsOverRange", () => returnsOverRange(h.db, s.id, from, to, to));
  await phase("schoolFigures (all)", () => schoolFigures(h.db, s.id, from, to, to));
}
await h.close();
