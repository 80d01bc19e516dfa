/** Incidents and near misses on visits, recorded and reviewed by the head (burgh 11). */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { incidents, visits } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { notifyRoles } from "../notify/notify-roles";
import type { StaffActor } from "../visits/planning-steps";

export const IncidentSchema = z.object({
  visitId: z.uuid().optional(),
  kind: z.enum(["incident", "near_miss"]),
  occurredAt: z.iso.datetime({ offset: true }),
  description: z.string().trim().min(1).max(10000),
});

export async function reportIncident(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof IncidentSchema>) {
  if (input.visitId) {
    const [v] = await db.select({ id: visits.id }).from(visits).where(and(eq(visits.id, input.visitId), eq(visits.schoolId, schoolId)));
    if (!v) throw new NotFound("visit", "visitId");
  }
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(incidents)
      .values({ schoolId, visitId: input.visitId ?? null, kind: input.kind, occurredAt: new Date(input.occurredAt), description: input.description, reportedBy: actor.userId, reportedName: actor.name })
      .returning();
    await notifyRoles(tx, schoolId, ["headteacher"], { kind: "incident", title: `${input.kind === "near_miss" ? "Near miss" : "Incident"} on a visit, reported by ${actor.name}`, body: "Review it in Doorstep (burgh 11).", link: "/incidents" });
    await audit({ action: "incident_reported", entity: "incident", entityId: row!.id, schoolId, after: row });
    return { id: row!.id };
  });
}

export async function reviewIncident(db: Database, actor: StaffActor, schoolId: string, incidentId: string, note: string, now: Date) {
  if (!note.trim()) throw new InvalidInput("note", "record what the review found and decided");
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx.update(incidents).set({ reviewedBy: actor.userId, reviewedAt: now, reviewNote: note.trim() }).where(and(eq(incidents.id, incidentId), eq(incidents.schoolId, schoolId))).returning();
    if (!row) throw new NotFound("incident", "incidentId");
    await audit({ action: "incident_reviewed", entity: "incident", entityId: incidentId, schoolId, after: { note: note.trim() } });
  });
}

export async function listIncidents(db: Executor, schoolId: string) {
  const rows = await db.select().from(incidents).where(eq(incidents.schoolId, schoolId)).orderBy(desc(incidents.occurredAt));
  return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), reviewedAt: r.reviewedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }));
}
