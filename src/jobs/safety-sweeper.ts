/**
 * Deadlines are rows. This sweep, every second in every app instance, fires each
 * deadline that has passed exactly once (FOR UPDATE SKIP LOCKED, and a unique
 * alert per deadline), and moves open alerts up a level on the template's
 * timings. A deadline that passed while the server was down fires on the first
 * sweep after it starts.
 */
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Database, Executor } from "../db/client";
import { safetyAlerts, safetyDeadlines, users, visits, visitTeam } from "../db/schema";
import { nextEscalation, type AlertLevel } from "../domain/safety/field-steps";
import type { PolicyTemplate } from "../domain/policy";
import { auditManyInto, SYSTEM_ACTOR, type AuditEntry } from "../app/audit/write-audited";
import { notifyRolesMany } from "../app/notify/notify-roles";
import { queueAlertDeliveries, type QueuedAlert } from "../app/safety/alert-deliveries";
import { policyInForce } from "../app/policy/school-policy";
import { repeatEvery } from "./repeat";

export interface SweepReport {
  fired: { alertId: string; visitId: string; dueAt: Date; raisedAt: Date }[];
  escalated: { alertId: string; level: AlertLevel }[];
}

/**
 * Up to this many rows per transaction, claimed and fired by a handful of
 * set-based statements (not a few queries per deadline), so a restart's backlog
 * clears in a few short transactions and the row locks that a check-in of the
 * same visit would wait on are held for milliseconds.
 */
const BATCH = 100;
/** Enough batches to clear any backlog within one tick. */
const MAX_BATCHES = 50;
/**
 * A deadline fires this long after it passes. A check-in sent in time can still be
 * on its way into the database at the deadline (under load, a few hundred
 * milliseconds), and an amber alert with a sound at the office for a check-in that
 * was on time is worse than one raised two seconds later.
 */
export const IN_FLIGHT_GRACE_MS = 2000;

export async function sweepSafety(db: Database, now: Date): Promise<SweepReport> {
  const report: SweepReport = { fired: [], escalated: [] };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const fired = await fireDueDeadlines(db, now, report);
    const rose = await raiseOpenAlerts(db, now, report);
    if (fired < BATCH && rose < BATCH) break;
  }
  return report;
}

/** Fires up to BATCH passed deadlines: each gets one amber alert, an in-app notice to the office and an audit row. */
async function fireDueDeadlines(db: Database, now: Date, report: SweepReport): Promise<number> {
  return db.transaction(async (tx) => {
    const claim = tx
      .select({ id: safetyDeadlines.id })
      .from(safetyDeadlines)
      .where(and(eq(safetyDeadlines.state, "pending"), lte(safetyDeadlines.dueAt, new Date(now.getTime() - IN_FLIGHT_GRACE_MS))))
      .orderBy(asc(safetyDeadlines.dueAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const due = await tx.update(safetyDeadlines).set({ state: "fired", settledAt: now }).where(inArray(safetyDeadlines.id, claim)).returning();
    if (due.length === 0) return 0;
    const policies = await policiesFor(tx, due);
    const alerts = await tx
      .insert(safetyAlerts)
      .values(
        due.map((d) => {
          const up = nextEscalation(policies.get(d.visitId)!, "amber", d.dueAt);
          return { visitId: d.visitId, schoolId: d.schoolId, kind: "overdue", deadlineId: d.id, level: "amber", dueAt: d.dueAt, raisedAt: now, escalateAt: up?.at ?? null };
        }),
      )
      .onConflictDoNothing()
      .returning();
    if (alerts.length === 0) return due.length;
    const names = await teamNames(tx, alerts.map((a) => a.visitId));
    const byId = new Map(due.map((d) => [d.id, d]));
    const notices: Parameters<typeof notifyRolesMany>[1][number][] = [];
    const entries: AuditEntry[] = [];
    for (const alert of alerts) {
      const d = byId.get(alert.deadlineId!)!;
      report.fired.push({ alertId: alert.id, visitId: d.visitId, dueAt: d.dueAt, raisedAt: now });
      notices.push({
        schoolId: d.schoolId,
        roles: ["office"],
        kind: "overdue_amber",
        title: `Check-in overdue: ${names.get(d.visitId) ?? NOBODY}`,
        body: `A ${d.kind.replace("_", " ")} was due at ${d.dueAt.toISOString()} (${d.clause}). Try their mobile now; acknowledge on the office board.`,
        link: "/board",
      });
      entries.push({ action: "alert_raised", entity: "safety_alert", entityId: alert.id, schoolId: d.schoolId, after: { level: "amber", visitId: d.visitId, dueAt: d.dueAt.toISOString(), clause: d.clause } });
    }
    await notifyRolesMany(tx, notices);
    await queueAlertDeliveries(tx, alerts.map((a) => ({ alertId: a.id, schoolId: a.schoolId, level: "amber" as const })), now);
    await auditManyInto(tx, SYSTEM_ACTOR, entries);
    return due.length;
  });
}

/** Moves up to BATCH open overdue alerts whose time has come one level up, telling the people of the new level. */
async function raiseOpenAlerts(db: Database, now: Date, report: SweepReport): Promise<number> {
  return db.transaction(async (tx) => {
    const rising = await tx
      .select()
      .from(safetyAlerts)
      .where(and(eq(safetyAlerts.kind, "overdue"), isNull(safetyAlerts.closedAt), isNull(safetyAlerts.stoodDownAt), lte(safetyAlerts.escalateAt, now)))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (rising.length === 0) return 0;
    const policies = await policiesFor(tx, rising);
    const names = await teamNames(tx, rising.map((a) => a.visitId));
    const notices: Parameters<typeof notifyRolesMany>[1][number][] = [];
    const entries: AuditEntry[] = [];
    const deliveries: QueuedAlert[] = [];
    for (const a of rising) {
      const policy = policies.get(a.visitId)!;
      const since = a.dueAt ?? a.raisedAt;
      const step = nextEscalation(policy, a.level as AlertLevel, since);
      if (!step) {
        await tx.update(safetyAlerts).set({ escalateAt: null }).where(eq(safetyAlerts.id, a.id));
        continue;
      }
      const after = nextEscalation(policy, step.level, since);
      await tx.update(safetyAlerts).set({ level: step.level, escalateAt: after?.at ?? null }).where(eq(safetyAlerts.id, a.id));
      report.escalated.push({ alertId: a.id, level: step.level });
      deliveries.push({ alertId: a.id, schoolId: a.schoolId, level: step.level });
      const who = names.get(a.visitId) ?? NOBODY;
      const clause = policy.conduct.escalation.clause;
      notices.push({
        schoolId: a.schoolId,
        roles: step.level === "red" ? ["headteacher", "dsl", "deputy_dsl"] : ["headteacher", "dsl"],
        kind: `overdue_${step.level}`,
        title: step.level === "police" ? `CALL THE POLICE: no word from ${who}` : `Escalated to senior leaders: no word from ${who}`,
        body:
          step.level === "police"
            ? `Nobody has heard from ${who} since the check-in due at ${since.toISOString()}. Call 999 with the address, the vehicle and the last check-in shown on the office board. (${clause})`
            : `The office has not heard from ${who} since the check-in due at ${since.toISOString()}. (${clause})`,
        link: "/board",
      });
      entries.push({ action: "alert_escalated", entity: "safety_alert", entityId: a.id, schoolId: a.schoolId, before: { level: a.level }, after: { level: step.level } });
    }
    await notifyRolesMany(tx, notices);
    await queueAlertDeliveries(tx, deliveries, now);
    await auditManyInto(tx, SYSTEM_ACTOR, entries);
    return rising.length;
  });
}

const NOBODY = "the visiting staff";

/** The policy in force on each visit's day, by visit id: one query for the days, one per school and day. */
async function policiesFor(tx: Executor, rows: readonly { visitId: string; schoolId: string }[]): Promise<Map<string, PolicyTemplate>> {
  const visitIds = [...new Set(rows.map((r) => r.visitId))];
  const days = await tx.select({ id: visits.id, schoolId: visits.schoolId, day: visits.day }).from(visits).where(inArray(visits.id, visitIds));
  const byKey = new Map<string, PolicyTemplate>();
  const result = new Map<string, PolicyTemplate>();
  for (const v of days) {
    const key = `${v.schoolId} ${v.day}`;
    let p = byKey.get(key);
    if (!p) byKey.set(key, (p = (await policyInForce(tx, v.schoolId, v.day)).policy));
    result.set(v.id, p);
  }
  return result;
}

/** "A and B" for each visit's team, by visit id. */
async function teamNames(tx: Executor, visitIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ visitId: visitTeam.visitId, name: users.name })
    .from(visitTeam)
    .innerJoin(users, eq(users.id, visitTeam.userId))
    .where(inArray(visitTeam.visitId, [...new Set(visitIds)]));
  const names = new Map<string, string[]>();
  for (const r of rows) names.set(r.visitId, [...(names.get(r.visitId) ?? []), r.name]);
  return new Map([...names].map(([id, list]) => [id, list.join(" and ")]));
}

/** Runs the sweep every `everyMs`; the first sweep at once, so deadlines missed while down fire within a second of start. */
export function startSafetySweeper(db: Database, now: () => Date, onChange: (r: SweepReport) => void, log: { error: (o: object, m: string) => void }, everyMs = 1000): () => void {
  const loop = repeatEvery(
    everyMs,
    async () => {
      const r = await sweepSafety(db, now());
      if (r.fired.length || r.escalated.length) onChange(r);
    },
    (e) => log.error({ err: { message: e.message } }, "safety sweep failed"),
  );
  return loop.stop;
}

