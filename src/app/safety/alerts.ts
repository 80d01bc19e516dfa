/**
 * Alerts: the immediate-danger alarm raised from the doorstep, and the overdue
 * check-ins the sweeper raises. An alert stays until a named person closes it
 * with a note; each escalation step is acknowledged by name.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { notifications, safetyAlerts, safetyDeadlines, visitEvents, visits } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";
import { notifyRoles } from "../notify/notify-roles";
import type { StaffActor } from "../visits/planning-steps";
import { assertOnTeam } from "./record-field-step";
import { policyInForce } from "../policy/school-policy";
import { queueAlertDeliveries } from "./alert-deliveries";
import { FIELD_STEPS, nextDeadline, teamIsOut, type FieldStep } from "../../domain/safety/field-steps";

const isFieldStep = (step: string): step is FieldStep => (FIELD_STEPS as readonly string[]).includes(step);

export const AlarmSchema = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

export async function raiseAlarm(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof AlarmSchema>, now: Date) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [visit] = await tx.select().from(visits).where(and(eq(visits.id, visitId), eq(visits.schoolId, schoolId)));
    if (!visit) throw new NotFound("visit", "visitId");
    await assertOnTeam(tx, visitId, actor.userId);
    const inserted = await tx
      .insert(visitEvents)
      .values({ id: input.id, visitId, schoolId, userId: actor.userId, step: "alarm", occurredAt: new Date(Math.min(Date.parse(input.occurredAt), now.getTime())), receivedAt: now, latitude: input.latitude?.toString() ?? null, longitude: input.longitude?.toString() ?? null })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      const [existing] = await tx.select().from(safetyAlerts).where(and(eq(safetyAlerts.visitId, visitId), eq(safetyAlerts.kind, "alarm"), isNull(safetyAlerts.closedAt)));
      await audit({ action: "alarm_replayed", entity: "visit", entityId: visitId, schoolId });
      return { alertId: existing?.id ?? null, duplicate: true };
    }
    const [alert] = await tx
      .insert(safetyAlerts)
      .values({ visitId, schoolId, kind: "alarm", level: "police", raisedAt: now, raisedBy: actor.userId, latitude: input.latitude?.toString() ?? null, longitude: input.longitude?.toString() ?? null })
      .returning();
    // Who calls the police is the policy's (coteford 2.8: staff first; scargill, hunsbury-park 2: the office).
    const { policy } = await policyInForce(tx, schoolId, visit.day);
    const danger = policy.conduct.immediateDanger;
    await notifyRoles(tx, schoolId, ["office", "headteacher", "dsl", "deputy_dsl"], {
      kind: "alarm",
      title: `IMMEDIATE DANGER: ${actor.name} at ${visit.address ?? "a home visit"}`,
      body: `${danger.value.office} The office board shows the address, the vehicle and the last check-in.`,
      link: "/board",
    });
    if (danger.value.fullReportRequired) {
      // transform-trust 2.5: asked of the officer, and of the head who sees it done; the field view asks until it is filed.
      const notice = { kind: "danger_report", title: `Full report needed: immediate danger on a visit (${danger.clause})`, body: "File an incident report on the visit describing what happened.", link: `/visits/${visitId}` };
      await notifyRoles(tx, schoolId, ["headteacher"], notice, actor.userId);
      await tx.insert(notifications).values({ schoolId, userId: actor.userId, ...notice });
    }
    await queueAlertDeliveries(tx, [{ alertId: alert!.id, schoolId, level: "alarm" }], now);
    await audit({ action: "alarm_raised", entity: "safety_alert", entityId: alert!.id, schoolId, after: { visitId, by: actor.name, latitude: input.latitude ?? null, longitude: input.longitude ?? null, policeCalledBy: danger.value.policeCalledBy, clause: danger.clause } });
    return { alertId: alert!.id, duplicate: false, procedure: { ...danger.value, clause: danger.clause } };
  });
}

export async function acknowledgeAlert(db: Database, actor: Actor, schoolId: string, alertId: string, now: Date) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [alert] = await tx.select().from(safetyAlerts).where(and(eq(safetyAlerts.id, alertId), eq(safetyAlerts.schoolId, schoolId)));
    if (!alert) throw new NotFound("alert", "alertId");
    const acknowledgements = [...alert.acknowledgements, { level: alert.level, by: actor.name, at: now.toISOString() }];
    await tx.update(safetyAlerts).set({ acknowledgements }).where(eq(safetyAlerts.id, alertId));
    await audit({ action: "alert_acknowledged", entity: "safety_alert", entityId: alertId, schoolId, after: { level: alert.level } });
  });
}

export async function closeAlert(db: Database, actor: Actor & { userId: string }, schoolId: string, alertId: string, note: string, now: Date) {
  if (!note.trim()) throw new InvalidInput("note", "say what happened: the alert is closed with a note");
  return writeAudited(db, actor, async (tx, audit) => {
    const [alert] = await tx.select().from(safetyAlerts).where(and(eq(safetyAlerts.id, alertId), eq(safetyAlerts.schoolId, schoolId)));
    if (!alert) throw new NotFound("alert", "alertId");
    // The visit first, as a step takes it, so that a step arriving now waits rather than deadlocks.
    const [visit] = await tx.select().from(visits).where(eq(visits.id, alert.visitId)).for("no key update");
    const [locked] = await tx.select().from(safetyAlerts).where(eq(safetyAlerts.id, alertId)).for("update");
    if (!visit || !locked) throw new NotFound("alert", "alertId");
    if (locked.closedAt) throw new InvalidInput("alertId", "this alert is already closed");
    await tx.update(safetyAlerts).set({ closedAt: now, closedBy: actor.userId, closedNote: note.trim(), escalateAt: null }).where(eq(safetyAlerts.id, alertId));
    const next = locked.kind === "overdue" ? await keepWatching(tx, visit, now) : null;
    await audit({ action: "alert_closed", entity: "safety_alert", entityId: alertId, schoolId, after: { note: note.trim(), by: actor.name, nextDeadline: next?.dueAt.toISOString() ?? null } });
    return { nextDeadline: next ? { kind: next.kind, dueAt: next.dueAt.toISOString(), clause: next.clause } : null };
  });
}

/**
 * Closing an overdue alert means the office has heard from the team some other
 * way (a phone call). If they are still out, the office goes on watching: the
 * next deadline is set from now by the policy, as if their last step had been
 * reported now. Without it nothing would watch them until they next checked in.
 */
async function keepWatching(tx: Executor, visit: typeof visits.$inferSelect, now: Date) {
  const [pending] = await tx.select({ id: safetyDeadlines.id }).from(safetyDeadlines).where(and(eq(safetyDeadlines.visitId, visit.id), eq(safetyDeadlines.state, "pending")));
  if (pending) return null;
  const steps = await tx.select({ step: visitEvents.step }).from(visitEvents).where(eq(visitEvents.visitId, visit.id)).orderBy(asc(visitEvents.occurredAt), asc(visitEvents.receivedAt));
  const reported = steps.map((e) => e.step).filter(isFieldStep);
  const last = reported.at(-1);
  if (!last || !teamIsOut(reported)) return null;
  const { policy } = await policyInForce(tx, visit.schoolId, visit.day);
  const next = nextDeadline(policy, last, now, { startsAt: visit.startsAt, expectedBackAt: visit.expectedBackAt });
  if (!next) return null;
  const inserted = await tx
    .insert(safetyDeadlines)
    .values({ visitId: visit.id, schoolId: visit.schoolId, kind: next.kind, dueAt: next.dueAt, clause: next.clause })
    .onConflictDoNothing()
    .returning({ id: safetyDeadlines.id });
  return inserted.length ? next : null;
}
