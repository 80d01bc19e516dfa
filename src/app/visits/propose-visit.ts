/**
 * Proposes a visit from an action on the Today page: siblings at one address
 * share the visit. Issue 4 takes it through approval and planning.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { pupils, visitPupils, visits } from "../../db/schema";
import { ACTION_KINDS } from "../../domain/attendance";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";
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
  const addresses = new Set(rows.map((p) => [p.addressLine1, p.town, p.postcode].filter(Boolean).join(", ")));
  if (addresses.size > 1) throw new InvalidInput("pupilIds", "one visit goes to one address: these children live at different addresses");
  return writeAudited(db, actor, async (tx, audit) => {
    const [visit] = await tx
      .insert(visits)
      .values({ schoolId, purpose: input.purpose, state: "proposed", day: input.date, address: [...addresses][0] ?? null, answersAction: input.answersAction ?? null, safeguarding: input.safeguarding ?? false, proposedBy: actor.userId })
      .returning();
    for (const p of rows) await tx.insert(visitPupils).values({ visitId: visit!.id, pupilId: p.id });
    await audit({ action: "visit_proposed", entity: "visit", entityId: visit!.id, schoolId, after: { ...visit, pupils: rows.map((p) => p.upn) } });
    return { id: visit!.id, state: visit!.state };
  });
}
