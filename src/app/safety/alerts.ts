/**
 * Alerts: the immediate-danger alarm raised from the doorstep, and the overdue
 * check-ins the sweeper raises. An alert stays until a named person closes it
 * with a note; each escalation step is acknowledged by name.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { safetyAlerts, visitEvents, visits } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";
import { notifyRoles } from "../notify/notify-roles";
import type { StaffActor } from "../visits/visit-steps";
import { assertOnTeam } from "./record-field-step";

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
    await notifyRoles(tx, schoolId, ["office", "headteacher", "dsl", "deputy_dsl"], {
      kind: "alarm",
      title: `IMMEDIATE DANGER: ${actor.name} at ${visit.address ?? "a home visit"}`,
      body: "Call 999 now. The office board shows the address, the vehicle and the last check-in.",
      link: "/board",
    });
    await audit({ action: "alarm_raised", entity: "safety_alert", entityId: alert!.id, schoolId, after: { visitId, by: actor.name, latitude: input.latitude ?? null, longitude: input.longitude ?? null } });
    return { alertId: alert!.id, duplicate: false };
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
    if (alert.closedAt) throw new InvalidInput("alertId", "this alert is already closed");
    await tx.update(safetyAlerts).set({ closedAt: now, closedBy: actor.userId, closedNote: note.trim(), escalateAt: null }).where(eq(safetyAlerts.id, alertId));
    await audit({ action: "alert_closed", entity: "safety_alert", entityId: alertId, schoolId, after: { note: note.trim(), by: actor.name } });
  });
}
