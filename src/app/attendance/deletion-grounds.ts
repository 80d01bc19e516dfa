/**
 * Deletion from the admission register (PRR 2024 reg 9): a ground the school
 * records as met (left for another school, home education, a child missing
 * education…), which makes a deletion return owed on Today, and the
 * reasonable enquiries made jointly with the LA that the whereabouts-unknown
 * and missing-education grounds need before their return is complete.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { deletionGrounds, laJointEnquiries, pupils } from "../../db/schema";
import { DELETION_GROUNDS, type JointEnquiry } from "../../domain/attendance/statutory";
import { schoolDate } from "../../domain/attendance/school-date";
import { Conflict, InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import type { StaffActor } from "../visits/planning-steps";

export const DeletionGroundSchema = z.object({
  pupilId: z.uuid(),
  // The register decides the whereabouts-unknown ground (20 school days); the school records the others.
  ground: z.enum(DELETION_GROUNDS).exclude(["whereabouts_unknown"]),
  metOn: schoolDate(),
  detail: z.string().trim().max(500).optional(),
});

export const JointEnquirySchema = z.object({
  pupilId: z.uuid(),
  /** The deletion return's episode, as Today gives it. */
  episodeKey: z.string().min(1).max(200).startsWith("deletion:"),
  laOfficer: z.string().trim().min(1).max(200),
  madeOn: schoolDate(),
  what: z.string().trim().min(1).max(4000),
});

async function pupilOf(db: Executor, schoolId: string, pupilId: string) {
  const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
}

export async function recordDeletionGround(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof DeletionGroundSchema>, now: Date) {
  const today = londonDate(now);
  if (input.metOn > today) throw new InvalidInput("metOn", `${input.metOn} is after today (${today}): record a ground once it is met`);
  await pupilOf(db, schoolId, input.pupilId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(deletionGrounds)
      .values({ schoolId, pupilId: input.pupilId, ground: input.ground, metOn: input.metOn, detail: input.detail ?? null, recordedBy: actor.userId, recordedName: actor.name })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict(`this ground was already recorded as met on ${input.metOn}`, "ground");
    await audit({ action: "deletion_ground_recorded", entity: "deletion_ground", entityId: row.id, schoolId, after: row });
    return { id: row.id, episodeKey: `deletion:${row.ground}:${row.metOn}` };
  });
}

export async function recordJointEnquiry(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof JointEnquirySchema>, now: Date) {
  const today = londonDate(now);
  if (input.madeOn > today) throw new InvalidInput("madeOn", `${input.madeOn} is after today (${today})`);
  await pupilOf(db, schoolId, input.pupilId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(laJointEnquiries)
      .values({ schoolId, pupilId: input.pupilId, episodeKey: input.episodeKey, laOfficer: input.laOfficer, madeOn: input.madeOn, what: input.what, recordedBy: actor.userId, recordedName: actor.name })
      .returning();
    await audit({ action: "la_joint_enquiry_recorded", entity: "la_joint_enquiry", entityId: row!.id, schoolId, after: row });
    return { id: row!.id };
  });
}

export async function jointEnquiriesFor(db: Executor, schoolId: string, pupilId: string, episodeKey: string): Promise<JointEnquiry[]> {
  return db
    .select({ laOfficer: laJointEnquiries.laOfficer, madeOn: laJointEnquiries.madeOn, what: laJointEnquiries.what })
    .from(laJointEnquiries)
    .where(and(eq(laJointEnquiries.schoolId, schoolId), eq(laJointEnquiries.pupilId, pupilId), eq(laJointEnquiries.episodeKey, episodeKey)))
    .orderBy(asc(laJointEnquiries.madeOn), asc(laJointEnquiries.createdAt));
}
