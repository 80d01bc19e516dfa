/**
 * Where a school's compliance time goes, on a database kept by `BENCH_KEEP_DB=1 npm run bench`:
 * each phase of complianceForRange timed apart (wall and this process's CPU), school by school.
 *   BENCH_DB_NAME=doorstep_bench npx tsx bench/profile-compliance.ts
 */
import { performance } from "node:perf_hooks";
import { and, eq, inArray, lt } from "drizzle-orm";
import { openDatabase } from "../src/db/client";
import { nonSchoolDays, referrals } from "../src/db/schema";
import { loadSchoolRange } from "../src/app/attendance/load-evaluation-input";
import { policyVersions } from "../src/app/policy/school-policy";
import { compliance } from "../src/domain/attendance/compliance";
import { closureReasons } from "../src/domain/oversight/closure-reasons";
import { SchoolCalendar } from "../src/domain/attendance/school-calendar";
import { REFERRAL_FOR_ACTION } from "../src/domain/records/referral-kinds";
import { schoolYear } from "./data";
import { openRunsAndStreaks } from "../src/domain/attendance/rule-reads";

const env = process.env;
const url = new URL(env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
url.pathname = `/${env.BENCH_DB_NAME ?? "doorstep_bench"}`;
const TERM_DAYS = Number(env.BENCH_TERM_DAYS ?? 60);
const days = schoolYear(Number(env.BENCH_DAYS ?? 190)).schoolDays.slice(-TERM_DAYS);
const from = days[0]!;
const to = days.at(-1)!;

const h = await openDatabase({ databaseUrl: url.toString() });
const schools = (await h.pool!.query(`select id, name, policy_template_id as t from schools where name like 'Bench School %' order by name`)).rows as { id: string; name: string; t: string }[];
const totals = new Map<string, { wall: number; cpu: number }>();
async function phase<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = await work();
  const cpu = process.cpuUsage(c);
  const s = totals.get(name) ?? { wall: 0, cpu: 0 };
  s.wall += performance.now() - t;
  s.cpu += (cpu.user + cpu.system) / 1000;
  totals.set(name, s);
  return v;
}
for (let round = 0; round < Number(env.ROUNDS ?? 2); round++) {
  totals.clear();
  for (const s of schools) {
    const closures = await phase("closures + versions", async () => {
      const c = await h.db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, s.id));
      return { c, v: await policyVersions(h.db, s.id) };
    });
    const policy = closures.v[0]!.policy;
    const loaded = await phase("loadSchoolRange", () => loadSchoolRange(h.db, s.id, from, to, [policy]));
    await phase("marks query alone (raw pg)", () =>
      h.pool!.query(
        `select m.pupil_id, string_agg((m.day - date '1970-01-01')::text || m.session || chr(31) || m.code, chr(30)) from register_marks m where m.school_id = $1 and m.day >= $2::date and m.day <= $3::date group by m.pupil_id`,
        [s.id, loaded.windowStart, to],
      ),
    );
    const kinds = [...new Set(Object.values(REFERRAL_FOR_ACTION))];
    await phase("referrals", () => h.db.select().from(referrals).where(and(eq(referrals.schoolId, s.id), inArray(referrals.kind, kinds), lt(referrals.openedOn, to))));
    const result = await phase("compliance() replay", () => compliance(policy, loaded.input));
    const calendar = new SchoolCalendar(closures.c.map((c) => c.day));
    const before = calendar.previousSchoolDay(from);
    await phase("openRunsAndStreaks (all read)", () => openRunsAndStreaks(policy, calendar, { ...loaded.input, today: before }, loaded.windowStart));
    await phase("openRunsAndStreaks (to before)", () => openRunsAndStreaks(policy, calendar, { ...loaded.input, today: before, marks: loaded.input.marks.toMarks().filter((m) => m.date <= before) }, loaded.windowStart));
    await phase("closureReasons", () => closureReasons(result.episodes, loaded.input, (d) => calendar.nextSchoolDay(d)));
    if (round === 0 && s === schools[0]) console.log(`${s.name}: ${loaded.input.marks.length} marks, ${loaded.readInFull.length} read in full, window from ${loaded.windowStart}`);
  }
  console.log(`round ${round + 1}, ${schools.length} schools, ms per school (wall / CPU of node):`);
  for (const [name, t] of totals) console.log(`  ${name.padEnd(30)} ${(t.wall / schools.length).toFixed(1).padStart(7)} / ${(t.cpu / schools.length).toFixed(1).padStart(7)}`);
}
await h.close();
