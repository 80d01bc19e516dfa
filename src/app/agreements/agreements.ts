/**
 * Agreements made with parents, reviewed on a date. Not kept: a note on the
 * pupil's attendance record and a reminder letter (coteford 4.2-4.3,
 * transform-trust 5.2); not kept again: a follow-up visit is proposed
 * (coteford 4.3 "continued failure"). Each cites the school's own clause, or
 * none where its policy has no such provision: the clauses and the number of
 * breaches are the template's (`agreements`, src/domain/policy/template.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { agreements, pupilNotes, pupils, visits } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { owedReminderLetter } from "../documents/notices";
import { londonDate } from "../clock";
import { policyInForce } from "../policy/school-policy";
import type { StaffActor } from "../visits/planning-steps";
import { insertProposedVisit } from "../visits/propose-visit";
import { schoolDate } from "../../domain/attendance/school-date";
import { latestReferences } from "../safeguarding/external-references";

export const AgreementSchema = z.object({
  pupilId: z.uuid(),
  visitId: z.uuid().optional(),
  terms: z.string().trim().min(1).max(4000),
  agreedWith: z.string().trim().min(1).max(200),
  reviewOn: schoolDate(),
});

export async function recordAgreement(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof AgreementSchema>, now: Date) {
  const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, input.pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  // The visit it was made on is one of this school's: an id from elsewhere would link another school's record.
  if (input.visitId) {
    const [v] = await db.select({ id: visits.id }).from(visits).where(and(eq(visits.id, input.visitId), eq(visits.schoolId, schoolId)));
    if (!v) throw new NotFound("visit", "visitId");
  }
  if (input.reviewOn < londonDate(now)) throw new InvalidInput("reviewOn", "the review date cannot be in the past");
  return writeAudited(db, actor, async (tx, audit) => {
    // Dated by the app's clock, like everything else a letter says: the reminder letter quotes this date to the family.
    const [row] = await tx.insert(agreements).values({ ...input, visitId: input.visitId ?? null, schoolId, createdBy: actor.userId, createdAt: now }).returning();
    await audit({ action: "agreement_recorded", entity: "agreement", entityId: row!.id, schoolId, after: row });
    return { id: row!.id };
  });
}

export const AgreementReviewSchema = z.object({ kept: z.boolean(), note: z.string().trim().max(2000).optional(), nextReviewOn: schoolDate().optional() });

export interface ReviewResult {
  status: "kept" | "not_kept";
  noteAdded: boolean;
  reminderLetterDue: boolean;
  followUpVisitId: string | null;
  /** The letter kept on the record, and the email queued to the family (an empty list: no address on record, print and post it). */
  reminderLetter: { documentId: string; messageId: string; queuedTo: string[] } | null;
}

export async function reviewAgreement(db: Database, actor: StaffActor, schoolId: string, agreementId: string, input: z.infer<typeof AgreementReviewSchema>, now: Date, origin?: string): Promise<ReviewResult> {
  return writeAudited(db, actor, async (tx, audit) => {
    const [a] = await tx.select().from(agreements).where(and(eq(agreements.id, agreementId), eq(agreements.schoolId, schoolId)));
    if (!a) throw new NotFound("agreement", "agreementId");
    const today = londonDate(now);
    const rules = (await policyInForce(tx, schoolId, today)).policy.agreements;
    const cite = (clause: string | null) => (clause ? ` (${clause})` : "");
    if (input.kept) {
      await tx.update(agreements).set({ status: "kept", reviewOn: input.nextReviewOn ?? a.reviewOn }).where(eq(agreements.id, agreementId));
      await audit({ action: "agreement_kept", entity: "agreement", entityId: agreementId, schoolId, after: { note: input.note ?? null } });
      return { status: "kept" as const, noteAdded: false, reminderLetterDue: false, followUpVisitId: null, reminderLetter: null };
    }
    const breaches = a.breaches + 1;
    await tx.update(agreements).set({ status: "not_kept", breaches, reviewOn: input.nextReviewOn ?? a.reviewOn }).where(eq(agreements.id, agreementId));
    await tx.insert(pupilNotes).values({ schoolId, pupilId: a.pupilId, text: `Agreement not kept (review ${today}): "${a.terms}"${input.note ? `. ${input.note}` : ""}${cite(rules.attendanceNote)}`, byName: actor.name });
    let followUpVisitId: string | null = null;
    const followUp = rules.followUpVisit;
    if (breaches >= followUp.value.afterBreaches) {
      const [p] = await tx.select().from(pupils).where(eq(pupils.id, a.pupilId));
      const visit = await insertProposedVisit(tx, audit, actor, schoolId, [p!], { purpose: "follow_up", date: today }, `continued failure to keep an agreement (${followUp.clause})`);
      followUpVisitId = visit.id;
    }
    await audit({ action: "agreement_not_kept", entity: "agreement", entityId: agreementId, schoolId, after: { breaches, note: input.note ?? null, followUpVisitId } });
    // The letter is owed by this review: kept and queued in its transaction, so a mail server that is down cannot lose it.
    const reminderLetter = await owedReminderLetter(tx, audit, actor, schoolId, agreementId, now, origin);
    return { status: "not_kept" as const, noteAdded: true, reminderLetterDue: true, followUpVisitId, reminderLetter };
  });
}

export async function listAgreements(db: Executor, schoolId: string, pupilId?: string) {
  const rows = await db.select().from(agreements).where(and(eq(agreements.schoolId, schoolId), pupilId ? eq(agreements.pupilId, pupilId) : undefined)).orderBy(asc(agreements.reviewOn));
  const refs = await latestReferences(db, schoolId, "agreement", rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), externalRef: refs.get(r.id) ?? null }));
}
