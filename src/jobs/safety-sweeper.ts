/**
 * Deadlines are rows. This sweep, every second in every app instance, fires each
 * deadline that has passed exactly once (FOR UPDATE SKIP LOCKED, and a unique
 * alert per deadline), and moves open alerts up a level on the template's
 * timings. A deadline that passed while the server was down fires on the first
 * sweep after it starts.
 */
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { Database, Executor } from "../db/client";
import { safetyAlerts, safetyDeadlines, users, visits, visitTeam } from "../db/schema";
import { nextEscalation, type AlertLevel } from "../domain/safety/visit-steps";
import type { PolicyTemplate } from "../domain/policy";
import { auditInto, SYSTEM_ACTOR } from "../app/audit/write-audited";
import { notifyRoles } from "../app/notify/notify-roles";
import { policyInForce } from "../app/policy/school-policy";

export interface SweepReport {
  fired: { alertId: string; visitId: string; dueAt: Date; raisedAt: Date }[];
  escalated: { alertId: string; level: AlertLevel }[];
}

/**
 * Small batches, each its own short transaction: a restart with hundreds of
 * passed deadlines must not hold locks that make every incoming check-in wait.
 */
const BATCH = 25;
/** Enough batches to clear a restart's backlog within one tick. */
const MAX_BATCHES = 80;

export async function sweepSafety(db: Database, now: Date): Promise<SweepReport> {
  const report: SweepReport = { fired: [], escalated: [] };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const claimed = await sweepBatch(db, now, report);
    if (claimed < BATCH) break;
  }
  return report;
}

/** One batch of due deadlines and one of rising alerts; returns how many rows it claimed. */
async function sweepBatch(db: Database, now: Date, report: SweepReport): Promise<number> {
  let claimed = 0;
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(safetyDeadlines)
      .where(and(eq(safetyDeadlines.state, "pending"), lte(safetyDeadlines.dueAt, now)))
      .orderBy(asc(safetyDeadlines.dueAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    claimed += due.length;
    if (due.length === 0) return;
    const audit = auditInto(tx, SYSTEM_ACTOR);
    const policies = new Map<string, PolicyTemplate>();
    for (const d of due) {
      const policy = await policyFor(tx, policies, d.schoolId, d.visitId);
      await tx.update(safetyDeadlines).set({ state: "fired", settledAt: now }).where(eq(safetyDeadlines.id, d.id));
      const up = nextEscalation(policy, "amber", d.dueAt);
      const [alert] = await tx
        .insert(safetyAlerts)
        .values({ visitId: d.visitId, schoolId: d.schoolId, kind: "overdue", deadlineId: d.id, level: "amber", dueAt: d.dueAt, raisedAt: now, escalateAt: up?.at ?? null })
        .onConflictDoNothing()
        .returning();
      if (!alert) continue;
      report.fired.push({ alertId: alert.id, visitId: d.visitId, dueAt: d.dueAt, raisedAt: now });
      const who = await teamNames(tx, d.visitId);
      await notifyRoles(tx, d.schoolId, ["office"], {
        kind: "overdue_amber",
        title: `Check-in overdue: ${who}`,
        body: `A ${d.kind.replace("_", " ")} was due at ${d.dueAt.toISOString()} (${d.clause}). Try their mobile now; acknowledge on the office board.`,
        link: "/board",
      });
      await audit({ action: "alert_raised", entity: "safety_alert", entityId: alert.id, schoolId: d.schoolId, after: { level: "amber", visitId: d.visitId, dueAt: d.dueAt.toISOString(), clause: d.clause } });
    }
  });

  await db.transaction(async (tx) => {
    const rising = await tx
      .select()
      .from(safetyAlerts)
      .where(and(eq(safetyAlerts.kind, "overdue"), isNull(safetyAlerts.closedAt), isNull(safetyAlerts.stoodDownAt), lte(safetyAlerts.escalateAt, now)))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    claimed = Math.max(claimed, rising.length);
    if (rising.length === 0) return;
    const audit = auditInto(tx, SYSTEM_ACTOR);
    const policies = new Map<string, PolicyTemplate>();
    for (const a of rising) {
      const policy = await policyFor(tx, policies, a.schoolId, a.visitId);
      const step = nextEscalation(policy, a.level as AlertLevel, a.dueAt ?? a.raisedAt);
      if (!step) {
        await tx.update(safetyAlerts).set({ escalateAt: null }).where(eq(safetyAlerts.id, a.id));
        continue;
      }
      const after = nextEscalation(policy, step.level, a.dueAt ?? a.raisedAt);
      await tx.update(safetyAlerts).set({ level: step.level, escalateAt: after?.at ?? null }).where(eq(safetyAlerts.id, a.id));
      report.escalated.push({ alertId: a.id, level: step.level });
      const who = await teamNames(tx, a.visitId);
      const clause = policy.conduct.escalation.clause;
      await notifyRoles(tx, a.schoolId, step.level === "red" ? ["headteacher", "dsl", "deputy_dsl"] : ["headteacher", "dsl"], {
        kind: `overdue_${step.level}`,
        title: step.level === "police" ? `CALL THE POLICE: no word from ${who}` : `Escalated to senior leaders: no word from ${who}`,
        body:
          step.level === "police"
            ? `Nobody has heard from ${who} since the check-in due at ${(a.dueAt ?? a.raisedAt).toISOString()}. Call 999 with the address, the vehicle and the last check-in shown on the office board. (${clause})`
            : `The office has not heard from ${who} since the check-in due at ${(a.dueAt ?? a.raisedAt).toISOString()}. (${clause})`,
        link: "/board",
      });
      await audit({ action: "alert_escalated", entity: "safety_alert", entityId: a.id, schoolId: a.schoolId, before: { level: a.level }, after: { level: step.level } });
    }
  });
  return claimed;
}

async function policyFor(tx: Executor, cache: Map<string, PolicyTemplate>, schoolId: string, visitId: string): Promise<PolicyTemplate> {
  const [v] = await tx.select({ day: visits.day }).from(visits).where(eq(visits.id, visitId));
  const key = `${schoolId} ${v!.day}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = (await policyInForce(tx, schoolId, v!.day)).policy));
  return p;
}

async function teamNames(tx: Executor, visitId: string): Promise<string> {
  const rows = await tx.select({ name: users.name }).from(visitTeam).innerJoin(users, eq(users.id, visitTeam.userId)).where(eq(visitTeam.visitId, visitId));
  return rows.map((r) => r.name).join(" and ") || "the visiting staff";
}

/** Runs the sweep every `everyMs`; the first sweep at once, so deadlines missed while down fire within a second of start. */
export function startSafetySweeper(db: Database, now: () => Date, onChange: (r: SweepReport) => void, log: { error: (o: object, m: string) => void }, everyMs = 1000) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const r = await sweepSafety(db, now());
      if (r.fired.length || r.escalated.length) onChange(r);
    } catch (e) {
      log.error({ err: { message: (e as Error).message } }, "safety sweep failed");
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

