/**
 * Proposes a visit from an action on the Today page: siblings at one address
 * share the visit. Issue 4 takes it through approval and planning.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { pupils, visitPupils, visits } from "../../db/schema";

type PupilRow = typeof pupils.$inferSelect;
import { ACTION_KINDS } from "../../domain/attendance";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited, type Actor, type Audit } from "../audit/write-audited";
import { schoolDate } from "../../domain/attendance/school-date";
import { VISIT_PURPOSES } from "../../domain/visits/visit-purposes";

export const ProposeVisitSchema = z.object({
  pupilIds: z.array(z.uuid()).min(1),
  purpose: z.enum(VISIT_PURPOSES),
  date: schoolDate(),
  answersAction: z.enum(ACTION_KINDS).optional(),
  /** Safeguarding is involved: where the policy says so (burgh 5) the DSL agrees before the visit is approved. */
  safeguarding: z.boolean().optional(),
});

export async function proposeVisit(db: Database, actor: Actor & { userId: string }, schoolId: string, input: z.infer<typeof ProposeVisitSchema>) {
  const rows = await db.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), inArray(pupils.id, input.pupilIds)));
  if (rows.length !== new Set(input.pupilIds).size) throw new NotFound("pupil", "pupilIds");
  const addresses = new Set(rows.map(addressOf));
  if (addresses.size > 1) throw new InvalidInput("pupilIds", "one visit goes to one address: these children live at different addresses");
  return writeAudited(db, actor, (tx, audit) => insertProposedVisit(tx, audit, actor, schoolId, rows, input));
}

/** The address a visit goes to, as the visit keeps it. */
export const addressOf = (p: Pick<PupilRow, "addressLine1" | "town" | "postcode">) => [p.addressLine1, p.town, p.postcode].filter(Boolean).join(", ");

/**
 * The one place a visit row is made: from Today (above) or by another use case
 * in its own transaction (a follow-up when an agreement is not kept again).
 * `why` goes into the audit entry with its clause.
 */
export async function insertProposedVisit(
  tx: Executor,
  audit: Audit,
  actor: Actor & { userId: string },
  schoolId: string,
  children: PupilRow[],
  input: Omit<z.infer<typeof ProposeVisitSchema>, "pupilIds">,
  why?: string,
) {
  const address = children.length ? addressOf(children[0]!) || null : null;
  const [visit] = await tx
    .insert(visits)
    .values({ schoolId, purpose: input.purpose, state: "proposed", day: input.date, address, answersAction: input.answersAction ?? null, safeguarding: input.safeguarding ?? false, proposedBy: actor.userId })
    .returning();
  for (const p of children) await tx.insert(visitPupils).values({ visitId: visit!.id, pupilId: p.id });
  await audit({ action: "visit_proposed", entity: "visit", entityId: visit!.id, schoolId, after: { ...visit, pupils: children.map((p) => p.upn), ...(why ? { reason: why } : {}) } });
  return { id: visit!.id, state: visit!.state };
}
