/**
 * The morning job: for every school whose day it is, compute the day's list
 * with the same engine as the Today page and keep it, so a past morning can be
 * shown as it was. A school and day are claimed by inserting a daily_runs row;
 * with several app instances on one PostgreSQL, exactly one computes each list.
 * One school's failure (a policy not yet in force, say) is reported and its claim
 * released; the other schools still get their lists.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { dailyActions, dailyRuns, schools } from "../db/schema";
import { actionsForDay } from "../app/attendance/actions-for-day";
import { SYSTEM_ACTOR, writeAudited } from "../app/audit/write-audited";
import { londonDate } from "../app/clock";
import { repeatEvery } from "./repeat";

export interface DailyRunReport {
  day: string;
  computed: { schoolId: string; actions: number }[];
  skipped: number;
  /** Schools whose list could not be made; their claims are released, so the next run tries again. */
  failed: { schoolId: string; error: string }[];
}

export async function runDailyLists(db: Database, now: Date, day = londonDate(now)): Promise<DailyRunReport> {
  const all = await db.select({ id: schools.id }).from(schools);
  const report: DailyRunReport = { day, computed: [], skipped: 0, failed: [] };
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
    await tx.delete(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), eq(dailyActions.day, day)));
    const rows = list.households.flatMap((h) =>
      h.pupils.flatMap((p) =>
        p.actions.map((a) => ({ schoolId, day, pupilId: p.pupil.id, action: a.action, rule: a.rule, reason: a.reason, priority: a.priority, policyVersion: list.policy.version, computedAt: now })),
      ),
    );
    if (rows.length) await tx.insert(dailyActions).values(rows);
    await tx.update(dailyRuns).set({ finishedAt: sql`now()`, actions: rows.length, policyVersion: list.policy.version }).where(and(eq(dailyRuns.schoolId, schoolId), eq(dailyRuns.day, day)));
    await audit({ action: "daily_list_computed", entity: "daily_list", entityId: `${schoolId} ${day}`, schoolId, after: { day, schoolDay: list.schoolDay, actions: rows.length, policyVersion: list.policy.version } });
  });
  return list;
}

/** Runs at start-up and then every few minutes; a day already computed is skipped cheaply. */
export function scheduleDailyLists(db: Database, now: () => Date, log: { error: (o: object, m: string) => void }, everyMs = 5 * 60_000): () => void {
  const loop = repeatEvery(
    everyMs,
    async () => {
      const report = await runDailyLists(db, now());
      for (const f of report.failed) log.error({ schoolId: f.schoolId, day: report.day, err: { message: f.error } }, "daily list failed for a school");
    },
    (e) => log.error({ err: { message: e.message } }, "daily list run failed"),
    { unref: true },
  );
  return loop.stop;
}
