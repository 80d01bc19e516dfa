/** The contact log and sightings: a few taps from an action on the Today page. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { contactAttempts, pupils, sightings } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";
import { schoolDate } from "../../domain/attendance/school-date";
import { CONTACT_METHODS } from "../../domain/attendance/contact-methods";


export const NewContactSchema = z.object({
  date: schoolDate(),
  method: z.enum(CONTACT_METHODS),
  reached: z.boolean(),
  reasonGiven: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const NewSightingSchema = z.object({
  date: schoolDate(),
  seenBy: z.string().trim().min(1).max(200),
  note: z.string().trim().max(2000).optional(),
});

async function pupilInSchool(db: Database, schoolId: string, pupilId: string) {
  const [p] = await db.select({ id: pupils.id, upn: pupils.upn }).from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  return p;
}

export async function recordContact(db: Database, actor: Actor & { userId: string }, schoolId: string, pupilId: string, input: z.infer<typeof NewContactSchema>) {
  await pupilInSchool(db, schoolId, pupilId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(contactAttempts)
      .values({ schoolId, pupilId, day: input.date, method: input.method, reached: input.reached, reasonGiven: input.reasonGiven ?? null, note: input.note ?? null, recordedBy: actor.userId })
      .returning();
    await audit({ action: "contact_logged", entity: "contact_attempt", entityId: row!.id, schoolId, after: row });
    return { id: row!.id };
  });
}

export async function recordSighting(db: Database, actor: Actor & { userId: string }, schoolId: string, pupilId: string, input: z.infer<typeof NewSightingSchema>) {
  await pupilInSchool(db, schoolId, pupilId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(sightings)
      .values({ schoolId, pupilId, day: input.date, seenBy: input.seenBy, note: input.note ?? null, recordedBy: actor.userId })
      .returning();
    await audit({ action: "sighting_recorded", entity: "sighting", entityId: row!.id, schoolId, after: row });
    return { id: row!.id };
  });
}
