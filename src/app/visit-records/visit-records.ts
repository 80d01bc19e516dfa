/**
 * Physical interventions, allegations against staff, complaints about a visit,
 * pupils transported, multi-agency checks and alternative venues offered (issue 21): recorded, routed by the policy in force to
 * the roles its clause names (in-app notice and email, queued in the record's
 * own transaction), read only by those roles, and closed with an outcome.
 * The email says that a record was made and by whom, never what it says.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { pupils, userRoles, users, visitRecords, visits } from "../../db/schema";
import { Forbidden, InvalidInput, NotFound, PolicyViolation } from "../../domain/errors";
import type { Role } from "../../domain/people/roles";
import { checkTransport, routeRecord, visitRecordDetailsSchema, visitRecordFacts, type VisitRecordKind } from "../../domain/records/visit-records";
import { VISIT_RECORD_KIND_WORDS } from "../../domain/words";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import { notifyRoles } from "../notify/notify-roles";
import { queueEmail } from "../notify/outbox";
import { loadStaffRecords } from "../people/staff-records";
import { policyInForce } from "../policy/school-policy";
import type { StaffActor } from "../visits/planning-steps";
import { latestReferences } from "../safeguarding/external-references";

export const VisitRecordSchema = z.object({
  visitId: z.uuid().optional(),
  pupilId: z.uuid().optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  details: visitRecordDetailsSchema,
});

/** The page the routed roles read records on. */
export const VISIT_RECORDS_PAGE = "/visit-records";

async function holdsRole(db: Executor, schoolId: string, userId: string, role: Role): Promise<boolean> {
  const [row] = await db.select({ u: userRoles.userId }).from(userRoles).where(and(eq(userRoles.schoolId, schoolId), eq(userRoles.userId, userId), eq(userRoles.role, role)));
  return row !== undefined;
}

/** `origin`: where the recorder reached Doorstep, so the emailed link opens the same site. */
export async function recordVisitRecord(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof VisitRecordSchema>, now: Date, origin: string) {
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw new InvalidInput("occurredAt", "cannot be in the future");
  if (input.visitId) {
    const [v] = await db.select({ id: visits.id }).from(visits).where(and(eq(visits.id, input.visitId), eq(visits.schoolId, schoolId)));
    if (!v) throw new NotFound("visit", "visitId");
  }
  if (input.pupilId) {
    const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, input.pupilId), eq(pupils.schoolId, schoolId)));
    if (!p) throw new NotFound("pupil", "pupilId");
  }
  // What another agency says is about one child, and is kept on that child's record (burgh Appendix A Day 3).
  if (input.details.kind === "agency_check" && !input.pupilId) throw new InvalidInput("pupilId", "a multi-agency check is about a child: name the pupil");
  if (input.details.kind === "alternative_venue" && !input.pupilId && !input.visitId) throw new InvalidInput("pupilId", "an alternative venue is offered to a family: name the pupil or the visit");
  const day = londonDate(occurredAt);
  const { policy } = await policyInForce(db, schoolId, day);
  const details = input.details;
  let allegationAboutHead = false;
  if (details.kind === "allegation") {
    const [staff] = await db.select({ id: userRoles.userId }).from(userRoles).where(and(eq(userRoles.schoolId, schoolId), eq(userRoles.userId, details.againstUserId)));
    if (!staff) throw new NotFound("member of staff", "details.againstUserId");
    allegationAboutHead = await holdsRole(db, schoolId, details.againstUserId, "headteacher");
  }
  if (details.kind === "transport") {
    const [record] = await loadStaffRecords(db, [details.driverUserId]);
    if (!record || !(await db.select({ id: userRoles.userId }).from(userRoles).where(and(eq(userRoles.schoolId, schoolId), eq(userRoles.userId, details.driverUserId)))).length) {
      throw new NotFound("member of staff", "details.driverUserId");
    }
    const failures = checkTransport(policy, record, details.escortName, day);
    if (failures.length) {
      const field = failures[0]!.requirement === "escort" ? "details.escortName" : "details.driverUserId";
      throw new PolicyViolation(`This journey does not meet the policy. ${failures.map((f) => f.message).join(" ")}`, failures[0]!.clause, field);
    }
  }
  const route = routeRecord(policy, details, { allegationAboutHead });
  const label = VISIT_RECORD_KIND_WORDS[details.kind];
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(visitRecords)
      .values({ schoolId, kind: details.kind, visitId: input.visitId ?? null, pupilId: input.pupilId ?? null, occurredAt, details, routedTo: route.routedTo, routeClause: route.clause, reviewRequired: route.reviewRequired, recordedBy: actor.userId, recordedName: actor.name })
      .returning();
    // An allegation is not announced to the person it is about, even when they hold a routed role.
    const except = details.kind === "allegation" ? details.againstUserId : actor.userId;
    const told = await notifyRoles(
      tx,
      schoolId,
      route.routedTo,
      {
        kind: "visit_record",
        title: `${label} recorded by ${actor.name}`,
        body: `${route.reviewRequired ? "It caused injury or distress: consider it under child-protection or disciplinary procedures. " : ""}Follow the ${route.procedure} (${route.clause}).`,
        link: VISIT_RECORDS_PAGE,
      },
      except,
    );
    const to = told.length ? (await tx.select({ email: users.email }).from(users).where(and(inArray(users.id, told), eq(users.disabled, false)))).map((u) => u.email) : [];
    await queueEmail(
      tx,
      {
        schoolId,
        kind: "visit_record",
        to,
        subject: `${label} recorded in Doorstep`,
        body: `${actor.name} recorded a ${label.toLowerCase()} in Doorstep. It comes to you under ${route.clause}${route.reviewRequired ? " and is flagged for child-protection or disciplinary review" : ""}.\n\nSign in to read it on the visit records page: ${origin}${VISIT_RECORDS_PAGE}\n\nThe details are not sent by email.`,
      },
      now,
    );
    // The audit names the record and its route, not its content: the details are need-to-know.
    await audit({ action: "visit_record_made", entity: "visit_record", entityId: row!.id, schoolId, after: { kind: details.kind, visitId: row!.visitId, pupilId: row!.pupilId, routedTo: route.routedTo, clause: route.clause, reviewRequired: route.reviewRequired } });
    return { id: row!.id, kind: details.kind, routedTo: route.routedTo, clause: route.clause, procedure: route.procedure, reviewRequired: route.reviewRequired, notified: told.length };
  });
}

const readsRecord = (routedTo: readonly string[], roles: readonly Role[]) => roles.some((r) => routedTo.includes(r));

export interface VisitRecordFilter {
  kind?: VisitRecordKind | undefined;
  /** The records tied to one visit (the visit page) or kept on one child's record (the pupil page). */
  visitId?: string | undefined;
  pupilId?: string | undefined;
}

/** Records routed to one of the caller's roles; others' records are not listed (need-to-know). */
export async function listVisitRecords(db: Executor, schoolId: string, roles: readonly Role[], filter: VisitRecordFilter = {}) {
  const rows = await db
    .select()
    .from(visitRecords)
    .where(
      and(
        eq(visitRecords.schoolId, schoolId),
        filter.kind ? eq(visitRecords.kind, filter.kind) : undefined,
        filter.visitId ? eq(visitRecords.visitId, filter.visitId) : undefined,
        filter.pupilId ? eq(visitRecords.pupilId, filter.pupilId) : undefined,
      ),
    )
    .orderBy(desc(visitRecords.occurredAt));
  const readable = rows.filter((r) => readsRecord(r.routedTo, roles));
  const refs = await latestReferences(db, schoolId, "visit_record", readable.map((r) => r.id));
  return readable.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), outcomeAt: r.outcomeAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(), facts: visitRecordFacts(r.details), externalRef: refs.get(r.id) ?? null }));
}

export const VisitRecordOutcomeSchema = z.object({ outcome: z.string().trim().min(1).max(10000), status: z.enum(["open", "closed"]) });

/** The outcome is written by someone the record was routed to. */
export async function recordVisitRecordOutcome(db: Database, actor: StaffActor, schoolId: string, recordId: string, input: z.infer<typeof VisitRecordOutcomeSchema>, now: Date) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(visitRecords).where(and(eq(visitRecords.id, recordId), eq(visitRecords.schoolId, schoolId))).for("update");
    // Outside its route a record does not exist for the caller.
    if (!before || !readsRecord(before.routedTo, actor.roles)) throw new NotFound("visit record", "recordId");
    if (before.kind === "allegation" && (before.details as { againstUserId?: string }).againstUserId === actor.userId) throw new Forbidden("an allegation cannot be decided by the person it is about", "recordId");
    await tx.update(visitRecords).set({ outcome: input.outcome, status: input.status, outcomeBy: actor.userId, outcomeAt: now }).where(eq(visitRecords.id, recordId));
    await audit({ action: "visit_record_outcome", entity: "visit_record", entityId: recordId, schoolId, before: { status: before.status }, after: { status: input.status } });
  });
}
