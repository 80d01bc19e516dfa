/**
 * CPOMS/MyConcern references on the records a policy keeps there as well
 * (scargill "recorded using MyConcern"; coteford 2.7, 4.1), and the plain-text
 * hand-off the DSL pastes in. A reference is added, never changed (a new one
 * supersedes it), so a submitted visit report, which cannot be updated, can
 * still carry one.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { agreements, externalReferences, pupils, referrals, visitRecords, visitReports, visits } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import type { Role } from "../../domain/people/roles";
import type { PolicyTemplate } from "../../domain/policy";
import { visitRecordFacts } from "../../domain/records/visit-records";
import { VISIT_RECORD_KIND_WORDS } from "../../domain/words";
import { handOffText, REFERENCED_ENTITIES, type HandOff, type ReferencedEntity } from "../../domain/records/hand-off";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import { policyInForce } from "../policy/school-policy";
import type { StaffActor } from "../visits/planning-steps";

export const ExternalReferenceSchema = z.object({
  entity: z.enum(REFERENCED_ENTITIES),
  entityId: z.uuid(),
  reference: z.string().trim().min(1).max(100),
});

/** The latest reference of each record, by id. */
export async function latestReferences(db: Executor, schoolId: string, entity: ReferencedEntity, ids: readonly string[]): Promise<Map<string, { system: string; reference: string; recordedName: string; at: string }>> {
  const out = new Map<string, { system: string; reference: string; recordedName: string; at: string }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(externalReferences)
    .where(and(eq(externalReferences.schoolId, schoolId), eq(externalReferences.entity, entity), inArray(externalReferences.entityId, [...ids])))
    .orderBy(desc(externalReferences.createdAt));
  for (const r of rows) if (!out.has(r.entityId)) out.set(r.entityId, { system: r.system, reference: r.reference, recordedName: r.recordedName, at: r.createdAt.toISOString() });
  return out;
}

function systemOf(policy: PolicyTemplate): { system: string; clause: string } {
  const r = policy.conduct.recordingSystem;
  return { system: r.value.system === "other" ? (r.value.detail ?? "the school's records") : r.value.system, clause: r.clause };
}

const pupilName = async (db: Executor, pupilId: string | null) => {
  if (!pupilId) return null;
  const [p] = await db.select({ first: pupils.firstName, last: pupils.lastName, upn: pupils.upn }).from(pupils).where(eq(pupils.id, pupilId));
  return p ? `${p.first} ${p.last} (UPN ${p.upn})` : null;
};

/**
 * What the hand-off says of each kind of record, and the day whose policy names
 * the system. A visit record is found only by the roles it was routed to.
 */
async function describe(db: Executor, schoolId: string, entity: ReferencedEntity, entityId: string, roles: readonly Role[]): Promise<{ day: string; title: string; facts: HandOff["facts"] }> {
  switch (entity) {
    case "visit_report": {
      const [r] = await db.select().from(visitReports).where(and(eq(visitReports.id, entityId), eq(visitReports.schoolId, schoolId)));
      if (!r) throw new NotFound("visit report", "entityId");
      const [v] = await db.select({ day: visits.day, address: visits.address }).from(visits).where(eq(visits.id, r.visitId));
      return {
        day: r.completedOn,
        title: `Home visit report, ${v?.day ?? r.completedOn}`,
        facts: [
          ["Children", r.children.map((c) => `${c.name}: ${c.seen ? "seen" : "not seen"}${c.outcome ? `, ${c.outcome}` : ""}`).join("\n")],
          ["Address", v?.address],
          ["Reason for the visit", r.reason],
          ["Staff present", r.staffPresent.join(", ")],
          ["People present", r.peoplePresent],
          ["Summary", r.summary],
          ["Actions agreed", r.actionsAgreed],
          ["Follow-up actions", r.followUpActions],
          ["Completed by", `${r.completedName} (${r.completedRole}) on ${r.completedOn}`],
        ],
      };
    }
    case "agreement": {
      const [a] = await db.select().from(agreements).where(and(eq(agreements.id, entityId), eq(agreements.schoolId, schoolId)));
      if (!a) throw new NotFound("agreement", "entityId");
      return {
        day: londonDate(a.createdAt),
        title: "Agreement made with parents after a home visit",
        facts: [
          ["Pupil", await pupilName(db, a.pupilId)],
          ["Agreed with", a.agreedWith],
          ["Terms", a.terms],
          ["Review on", a.reviewOn],
          ["Status", a.status.replace("_", " ")],
        ],
      };
    }
    case "referral": {
      const [r] = await db.select().from(referrals).where(and(eq(referrals.id, entityId), eq(referrals.schoolId, schoolId)));
      if (!r) throw new NotFound("referral", "entityId");
      return {
        day: r.openedOn,
        title: `Referral: ${r.kind.replaceAll("_", " ")}`,
        facts: [
          ["Pupil", await pupilName(db, r.pupilId)],
          ["Opened", `${r.openedOn} by ${r.decidedName}`],
          ["Rule", r.rule],
          ["Reason", r.reason],
          ["Status", r.status],
          ["Outcome", r.outcome ? `${r.outcome}${r.outcomeOn ? ` (${r.outcomeOn})` : ""}` : null],
        ],
      };
    }
    case "visit_record": {
      const [r] = await db.select().from(visitRecords).where(and(eq(visitRecords.id, entityId), eq(visitRecords.schoolId, schoolId)));
      if (!r || !roles.some((x) => r.routedTo.includes(x))) throw new NotFound("visit record", "entityId");
      return {
        day: londonDate(r.occurredAt),
        title: VISIT_RECORD_KIND_WORDS[r.kind as keyof typeof VISIT_RECORD_KIND_WORDS] ?? r.kind,
        facts: [
          ["Pupil", await pupilName(db, r.pupilId)],
          ["When", r.occurredAt.toISOString()],
          ["Recorded by", r.recordedName],
          ...visitRecordFacts(r.details),
          ["Sent to", `${r.routedTo.join(", ")} (${r.routeClause})`],
          ["Review required", r.reviewRequired ? "child-protection or disciplinary review" : null],
          ["Outcome", r.outcome],
        ],
      };
    }
  }
}

export async function recordExternalReference(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof ExternalReferenceSchema>) {
  const { day } = await describe(db, schoolId, input.entity, input.entityId, actor.roles);
  const { system } = systemOf((await policyInForce(db, schoolId, day)).policy);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(externalReferences)
      .values({ schoolId, entity: input.entity, entityId: input.entityId, system, reference: input.reference, recordedBy: actor.userId!, recordedName: actor.name })
      .returning();
    await audit({ action: "external_reference_recorded", entity: input.entity, entityId: input.entityId, schoolId, after: { system, reference: input.reference } });
    return { id: row!.id, system, reference: input.reference };
  });
}

export async function handOff(db: Executor, schoolId: string, entity: ReferencedEntity, entityId: string, roles: readonly Role[]): Promise<string> {
  const d = await describe(db, schoolId, entity, entityId, roles);
  const { system, clause } = systemOf((await policyInForce(db, schoolId, d.day)).policy);
  const ref = (await latestReferences(db, schoolId, entity, [entityId])).get(entityId);
  return handOffText({ system, clause, title: d.title, facts: d.facts, doorstepId: entityId, reference: ref?.reference ?? null });
}
