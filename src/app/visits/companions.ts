/**
 * People from outside the school accompanying a visit: a social worker on a
 * joint visit, a volunteer (burgh 1: the policy "applies to ... any volunteers or
 * external professionals accompanying them"; burgh 9: "consider joint visits").
 * They are not Doorstep users; the office needs their name, organisation, role and
 * phone. Whether one makes a paired visit is the template's (conduct.companions).
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { visitCompanions } from "../../db/schema";
import { Conflict, NotFound, PolicyViolation } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { policyInForce } from "../policy/school-policy";
import { loadVisit, type VisitView } from "./load-visit";
import { reopenIfApproved, type StaffActor } from "./planning-steps";

export const CompanionSchema = z.object({
  /** Made by the client, so a form sent twice adds the person once. */
  id: z.uuid(),
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(200),
  role: z.string().trim().min(1).max(200),
  phone: z.string().trim().max(40).optional(),
});

/** A visit that happened or was closed keeps the people who went. */
const SETTLED: readonly string[] = ["completed", "no_contact", "cancelled"];

function assertOpen(visit: VisitView) {
  if (SETTLED.includes(visit.state)) throw new PolicyViolation(`Who went on a visit that is ${visit.state.replace("_", " ")} cannot change.`, "visit lifecycle", "state");
}

export async function addCompanion(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof CompanionSchema>): Promise<{ id: string; duplicate: boolean }> {
  await loadVisit(db, schoolId, visitId);
  // Sent before: nothing is written, so nothing is audited twice.
  const [seen] = await db.select().from(visitCompanions).where(eq(visitCompanions.id, input.id));
  if (seen) {
    if (seen.visitId !== visitId) throw new Conflict("this id is already used for another visit", "id");
    return { id: seen.id, duplicate: true };
  }
  return writeAudited(db, actor, async (tx, audit) => {
    const visit = await loadVisit(tx, schoolId, visitId);
    assertOpen(visit);
    const phone = input.phone ? input.phone : null;
    await tx.insert(visitCompanions).values({ id: input.id, visitId, name: input.name, organisation: input.organisation, role: input.role, phone, addedBy: actor.userId });
    await audit({ action: "visit_companion_added", entity: "visit", entityId: visitId, schoolId, after: { id: input.id, name: input.name, organisation: input.organisation, role: input.role, phone } });
    // Who goes is part of what was approved (coteford 3.6): a new person sends it back to the approver.
    const { policy } = await policyInForce(tx, schoolId, visit.day);
    await reopenIfApproved(tx, audit, policy, visit, actor, `${input.name} (${input.organisation}) now accompanies the visit`);
    return { id: input.id, duplicate: false };
  });
}

export async function removeCompanion(db: Database, actor: StaffActor, schoolId: string, visitId: string, companionId: string) {
  return writeAudited(db, actor, async (tx, audit) => {
    const visit = await loadVisit(tx, schoolId, visitId);
    const [row] = await tx.select().from(visitCompanions).where(and(eq(visitCompanions.id, companionId), eq(visitCompanions.visitId, visitId)));
    if (!row) throw new NotFound("companion", "companionId");
    assertOpen(visit);
    await tx.delete(visitCompanions).where(eq(visitCompanions.id, companionId));
    await audit({ action: "visit_companion_removed", entity: "visit", entityId: visitId, schoolId, before: { id: row.id, name: row.name, organisation: row.organisation, role: row.role } });
    const { policy } = await policyInForce(tx, schoolId, visit.day);
    await reopenIfApproved(tx, audit, policy, visit, actor, `${row.name} (${row.organisation}) no longer accompanies the visit`);
  });
}
