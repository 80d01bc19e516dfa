/**
 * The morning job: for every school whose day it is, compute the day's list
 * with the same engine as the Today page and keep it, so a past morning can be
 * shown as it was. A school and day are claimed by inserting a daily_runs row;
 * with several app instances on one PostgreSQL, exactly one computes each list.
 * One school's failure (a policy not yet in force, say) is reported and its claim
 * released; the other schools still get their lists.
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client";
import { dailyActions, dailyRuns, nonSchoolDays, schools } from "../db/schema";
import { complianceForRange } from "../app/attendance/compliance-for-range";
import { SchoolCalendar } from "../domain/attendance/school-calendar";
import { actionsForDay, type DayList } from "../app/attendance/actions-for-day";
import { policyInForce } from "../app/policy/school-policy";
import { SYSTEM_ACTOR, writeAudited } from "../app/audit/write-audited";
import { londonDate } from "../app/clock";
import { repeatEvery } from "./repeat";

export interface DailyRunReport {
  day: string;
  computed: { schoolId: string; actions: number }[];
  skipped: number;
  /** Schools whose list could not be made; their claims are released, so the next run tries again. */
  failed: { schoolId: string; error: string }[];
  /** Schools whose replay mornings could not be kept: their figures replay them when asked, so the list still counts as made. */
  unkept: { schoolId: string; error: string }[];
}

/** School days of mornings the job keeps for the figures: about a term. */
export const KEPT_TERM_DAYS = 70;

/**
 * Keeps the replay's mornings of the last KEPT_TERM_DAYS school days up to
 * `day` (only those not kept already are replayed: after the first morning,
 * the new day and any a change made stale), so the term's compliance figures
 * read kept mornings rather than replaying a term (src/app/attendance/kept-mornings.ts).
 */
export async function keepTermMornings(db: Database, schoolId: string, day: string): Promise<void> {
  const closures = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closures.map((c) => c.day));
  if (!calendar.isSchoolDay(day)) return;
  const days = calendar.lastSchoolDays(day, KEPT_TERM_DAYS);
  await complianceForRange(db, schoolId, days[0]!, day);
}

export async function runDailyLists(db: Database, now: Date, day = londonDate(now)): Promise<DailyRunReport> {
  const all = await db.select({ id: schools.id }).from(schools);
  const report: DailyRunReport = { day, computed: [], skipped: 0, failed: [], unkept: [] };
  for (const school of all) {
    const claimed = await db
      .insert(dailyRuns)
      .values({ schoolId: school.id, day, startedAt: now })
      .onConflictDoNothing()
      .returning({ schoolId: dailyRuns.schoolId });
    if (claimed.length === 0) {
      report.skipped++;
      continue;
    }
    try {
      const list = await keepDailyList(db, school.id, day, now);
      report.computed.push({ schoolId: school.id, actions: list.actionCount });
      await keepTermMornings(db, school.id, day).catch((e: Error) => report.unkept.push({ schoolId: school.id, error: e.message }));
    } catch (e) {
      // Release the claim so the next sweep (or another instance) tries again.
      await db.delete(dailyRuns).where(and(eq(dailyRuns.schoolId, school.id), eq(dailyRuns.day, day)));
      report.failed.push({ schoolId: school.id, error: (e as Error).message });
    }
  }
  return report;
}

/**
 * Computes a school's list for the day and keeps it in place of the one kept
 * before (the morning job; again after a Wonde sync changes marks).
 */
export async function keepDailyList(db: Database, schoolId: string, day: string, now: Date) {
  const list = await actionsForDay(db, schoolId, day);
  await writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
    await lockRun(tx, schoolId, day);
    await tx.delete(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), eq(dailyActions.day, day)));
    const rows = rowsOf(list, now);
    if (rows.length) await tx.insert(dailyActions).values(rows);
    await tx.update(dailyRuns).set({ finishedAt: sql`now()`, actions: rows.length, policyVersion: list.policy.version }).where(and(eq(dailyRuns.schoolId, schoolId), eq(dailyRuns.day, day)));
    await audit({ action: "daily_list_computed", entity: "daily_list", entityId: `${schoolId} ${day}`, schoolId, after: { day, schoolDay: list.schoolDay, actions: rows.length, policyVersion: list.policy.version } });
  });
  return list;
}

export type ListUpdate = { kind: "updated"; pupils: number; actions: number } | { kind: "recomputed"; actions: number } | { kind: "no_list" };

/**
 * After a sync or an import that changed some pupils' records (marks, contacts,
 * sightings, visits, vulnerabilities, leaving): only those pupils are evaluated
 * again and only their rows of the kept list replaced. Each pupil's actions hang
 * on their own record alone, so the list equals the one keepDailyList would make
 * (src/jobs/daily-lists.props.db.test.ts checks it). A list kept under another
 * policy version than the one now in force is made again whole.
 */
export async function updateDailyListFor(db: Database, schoolId: string, day: string, pupilIds: readonly string[], now: Date): Promise<ListUpdate> {
  const [run] = await db.select({ policyVersion: dailyRuns.policyVersion, finishedAt: dailyRuns.finishedAt }).from(dailyRuns).where(and(eq(dailyRuns.schoolId, schoolId), eq(dailyRuns.day, day)));
  if (!run) return { kind: "no_list" };
  const ids = [...new Set(pupilIds)];
  if (ids.length === 0) return { kind: "updated", pupils: 0, actions: 0 };
  const version = await policyInForce(db, schoolId, day);
  if (run.finishedAt === null || run.policyVersion !== version.version) return { kind: "recomputed", actions: (await keepDailyList(db, schoolId, day, now)).actionCount };
  const list = await actionsForDay(db, schoolId, day, { pupilIds: ids });
  return writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
    await lockRun(tx, schoolId, day);
    const rows = rowsOf(list, now);
    for (let i = 0; i < ids.length; i += 5000) {
      await tx.delete(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), eq(dailyActions.day, day), inArray(dailyActions.pupilId, ids.slice(i, i + 5000))));
    }
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(dailyActions).values(rows.slice(i, i + 1000));
    const [total] = await tx.select({ n: count() }).from(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), eq(dailyActions.day, day)));
    await tx.update(dailyRuns).set({ finishedAt: sql`now()`, actions: total!.n }).where(and(eq(dailyRuns.schoolId, schoolId), eq(dailyRuns.day, day)));
    await audit({ action: "daily_list_updated", entity: "daily_list", entityId: `${schoolId} ${day}`, schoolId, after: { day, pupilsEvaluated: ids.length, theirActions: rows.length, actions: total!.n, policyVersion: list.policy.version } });
    return { kind: "updated" as const, pupils: ids.length, actions: total!.n };
  });
}

/** One writer of a school's kept list at a time (the morning job, a sync's update). */
async function lockRun(tx: Executor, schoolId: string, day: string): Promise<void> {
  await tx.select({ day: dailyRuns.day }).from(dailyRuns).where(and(eq(dailyRuns.schoolId, schoolId), eq(dailyRuns.day, day))).for("update");
}

function rowsOf(list: DayList, now: Date) {
  return list.households.flatMap((h) =>
    h.pupils.flatMap((p) =>
      p.actions.map((a) => ({ schoolId: list.schoolId, day: list.day, pupilId: p.pupil.id, action: a.action, rule: a.rule, reason: a.reason, priority: a.priority, policyVersion: list.policy.version, computedAt: now })),
    ),
  );
}

/** Runs at start-up and then every few minutes; a day already computed is skipped cheaply. */
export function scheduleDailyLists(db: Database, now: () => Date, log: { error: (o: object, m: string) => void }, everyMs = 5 * 60_000): () => void {
  const loop = repeatEvery(
    everyMs,
    async () => {
      const report = await runDailyLists(db, now());
      for (const f of report.failed) log.error({ schoolId: f.schoolId, day: report.day, err: { message: f.error } }, "daily list failed for a school");
      for (const f of report.unkept) log.error({ schoolId: f.schoolId, day: report.day, err: { message: f.error } }, "replay mornings not kept for a school");
    },
    (e) => log.error({ err: { message: e.message } }, "daily list run failed"),
    { unref: true },
  );
  return loop.stop;
}
