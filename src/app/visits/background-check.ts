/**
 * Burgh 7: before the visit, staff "check relevant background with the DSL".
 * The DSL (or a deputy) records on the visit that the check is done and what
 * the team needs to know; under a policy that asks for it the plan is not
 * lodged until then (src/domain/visits/visit-lifecycle.ts). The note is for the
 * team: the safeguarding file itself stays with the DSL.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { visits } from "../../db/schema";
import { PolicyViolation } from "../../domain/errors";
import { ROLE_LABELS, type Role } from "../../domain/people/roles";
import { isFinal } from "../../domain/visits/visit-lifecycle";
import { writeAudited } from "../audit/write-audited";
import { policyInForce } from "../policy/school-policy";
import { loadVisit } from "./load-visit";
import type { StaffActor } from "./planning-steps";

export const BackgroundCheckSchema = z.object({
  /** What the team should know before setting off; empty when there is nothing to add. */
  note: z.string().trim().max(4000),
});

/** Where the policy names nobody, the DSL team records it (KCSIE: the DSL holds the background). */
const DEFAULT_CHECKERS: readonly Role[] = ["dsl", "deputy_dsl"];

export type BackgroundCheckResult = "recorded" | "amended" | "unchanged";

export async function recordBackgroundCheck(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof BackgroundCheckSchema>, now: Date): Promise<BackgroundCheckResult> {
  // The same answer sent twice (a double tap, a retried request) is one check: nothing to write, nothing to audit.
  // Only the check's own columns: the whole visit is loaded once, inside the write.
  const [current] = await db
    .select({ by: visits.backgroundCheckedBy, at: visits.backgroundCheckedAt, note: visits.backgroundNote })
    .from(visits)
    .where(and(eq(visits.id, visitId), eq(visits.schoolId, schoolId)));
  if (current?.by && current.at && (current.note ?? "") === input.note) return "unchanged";
  return writeAudited(db, actor, async (tx, audit) => {
    const visit = await loadVisit(tx, schoolId, visitId);
    const { policy } = await policyInForce(tx, schoolId, visit.day);
    const rule = policy.conduct.dslBackgroundCheck;
    const by = rule?.value.by ?? DEFAULT_CHECKERS;
    if (!actor.roles.some((r) => by.includes(r))) {
      throw new PolicyViolation(`Only the ${by.map((r) => ROLE_LABELS[r]).join(" or ")} records the background check.`, rule?.clause ?? "Doorstep default: the DSL team holds the background", "role");
    }
    if (isFinal(visit.state)) throw new PolicyViolation(`This visit is ${visit.state.replace("_", " ")}: its background check can no longer change.`, "visit lifecycle", "state");
    const before = visit.backgroundCheck;
    await tx.update(visits).set({ backgroundCheckedBy: actor.userId, backgroundCheckedAt: now, backgroundNote: input.note }).where(eq(visits.id, visitId));
    await audit({
      action: before ? "visit_background_check_amended" : "visit_background_checked",
      entity: "visit",
      entityId: visitId,
      schoolId,
      before: before ? { checkedBy: before.checkedBy, checkedAt: before.checkedAt, note: before.note } : null,
      after: { checkedBy: actor.userId, checkedAt: now.toISOString(), note: input.note, clause: rule?.clause ?? null },
    });
    return before ? "amended" : "recorded";
  });
}
