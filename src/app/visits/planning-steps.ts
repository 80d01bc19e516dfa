/**
 * The steps between "this child needs a visit" and staff leaving the building.
 * Each loads the visit, asks the domain whether the policy in force allows the
 * step, writes, and audits, in one transaction.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { appointments, riskAssessments, safetyDeadlines, visitApprovals, visitEvents, visitPupils, visits, visitTeam } from "../../db/schema";
import { InvalidInput, NotFound, PolicyViolation } from "../../domain/errors";
import { isDrawablePngDataUrl } from "../../rendering/png-check";
import { isRole, type Role } from "../../domain/people/roles";
import type { PolicyTemplate } from "../../domain/policy";
import { owedCancellationNotice } from "../documents/notices";
import { teamIsOut } from "../../domain/safety/field-steps";
import { approversOf, cancellationNoticeClause, cancellationNoticeTo, changeNoticeOf, needsApproval } from "../../domain/visits/visit-lifecycle";
import { moveVisit, teamFailures } from "./visit-state";
import { writeAudited, type Audit, type Actor } from "../audit/write-audited";
import { londonDate } from "../clock";
import { notifyRoles } from "../notify/notify-roles";
import { listStaff } from "../people/list-staff";
import { loadStaffRecords } from "../people/staff-records";
import { policyInForce } from "../policy/school-policy";
import { loadVisit, type VisitView } from "./load-visit";

export interface StaffActor extends Actor {
  userId: string;
  roles: readonly Role[];
}

async function context(db: Executor, schoolId: string, visitId: string) {
  const visit = await loadVisit(db, schoolId, visitId);
  const { policy } = await policyInForce(db, schoolId, visit.day);
  return { visit, policy };
}

/**
 * Coteford 3.6: once approved, a change of time, team or address goes back to
 * the head, who is told. The visit needs a new signature.
 */
export async function reopenIfApproved(tx: Executor, audit: Audit, policy: PolicyTemplate, visit: VisitView, actor: StaffActor, what: string) {
  if (visit.state !== "approved" && visit.state !== "planned") return false;
  const set = { revision: visit.revision + 1 };
  if (needsApproval(policy)) await moveVisit(tx, audit, policy, visit, "reopen_for_approval", actor.roles, { set, action: "visit_changed_after_approval", why: what });
  else {
    // Nobody signs under this policy (hunsbury-park): the state stands, and the change is still told and traced.
    await tx.update(visits).set(set).where(eq(visits.id, visit.id));
    await audit({ action: "visit_changed_after_approval", entity: "visit", entityId: visit.id, schoolId: visit.schoolId, before: { state: visit.state, revision: visit.revision }, after: { state: visit.state, ...set, what } });
  }
  const notice = changeNoticeOf(policy);
  await notifyRoles(tx, visit.schoolId, notice.to, {
    kind: "visit_changed",
    title: `Visit changed after approval: ${visit.pupils.map((p) => p.name).join(", ")}`,
    body: `${what}. ${needsApproval(policy) ? "It needs your approval again before it goes ahead." : ""} (${notice.clause})`.trim(),
    link: `/visits/${visit.id}`,
  });
  return true;
}

export async function approveVisits(db: Database, actor: StaffActor, schoolId: string, visitIds: string[], signedName: string, now: Date) {
  if (!signedName.trim()) throw new InvalidInput("signedName", "type your name to sign the approval");
  if (visitIds.length === 0) throw new InvalidInput("visitIds", "choose at least one visit");
  const listId = visitIds.length > 1 ? randomUUID() : null;
  return writeAudited(db, actor, async (tx, audit) => {
    for (const visitId of visitIds) {
      const { visit, policy } = await context(tx, schoolId, visitId);
      const role = actor.roles.find((r) => approversOf(policy).includes(r)) ?? actor.roles[0]!;
      await tx.insert(visitApprovals).values({ visitId, listId, approvedBy: actor.userId, signedName: signedName.trim(), role, signedAt: now, visitRevision: visit.revision });
      await moveVisit(tx, audit, policy, visit, "approve", actor.roles);
    }
    return { approved: visitIds.length, listId };
  });
}

/** Burgh 5: where safeguarding is involved the DSL agrees before the head authorises. */
export async function dslAgree(db: Database, actor: StaffActor, schoolId: string, visitId: string) {
  if (!actor.roles.some((r) => r === "dsl" || r === "deputy_dsl")) throw new PolicyViolation("Only the DSL or a deputy DSL can agree on safeguarding grounds.", "burgh 5", "role");
  return writeAudited(db, actor, async (tx, audit) => {
    await loadVisit(tx, schoolId, visitId);
    await tx.update(visits).set({ dslAgreedBy: actor.userId }).where(eq(visits.id, visitId));
    await audit({ action: "visit_dsl_agreed", entity: "visit", entityId: visitId, schoolId });
  });
}

export const TeamSchema = z.object({ members: z.array(z.object({ userId: z.uuid(), driver: z.boolean().default(false) })).max(6) });

export async function assignTeam(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof TeamSchema>) {
  const staffIds = new Set((await listStaff(db, schoolId)).map((s) => s.id));
  input.members.forEach((m, i) => {
    if (!staffIds.has(m.userId)) throw new NotFound("member of staff", `members[${i}].userId`);
  });
  return writeAudited(db, actor, async (tx, audit) => {
    const { visit, policy } = await context(tx, schoolId, visitId);
    if (["under_way", "completed", "no_contact", "cancelled"].includes(visit.state)) throw new PolicyViolation(`The team of a visit that is ${visit.state.replace("_", " ")} cannot change.`, "visit lifecycle", "state");
    const records = await loadStaffRecords(tx, input.members.map((m) => m.userId));
    const team = input.members.map((m) => ({ staff: records.find((r) => r.userId === m.userId)!, driver: m.driver }));
    const failures = teamFailures(policy, visit, team);
    if (failures.length) throw new PolicyViolation(`This team cannot make the visit. ${failures.map((f) => `${f.message} (${f.clause})`).join(" ")}`, failures[0]!.clause, "members");
    const before = visit.team.map((t) => t.staff.userId).sort().join(",");
    await tx.delete(visitTeam).where(eq(visitTeam.visitId, visitId));
    for (const m of input.members) await tx.insert(visitTeam).values({ visitId, userId: m.userId, driver: m.driver });
    await audit({ action: "visit_team_assigned", entity: "visit", entityId: visitId, schoolId, before: visit.team.map((t) => ({ userId: t.staff.userId, name: t.staff.name, driver: t.driver })), after: team.map((t) => ({ userId: t.staff.userId, name: t.staff.name, driver: t.driver })) });
    if (before && before !== input.members.map((m) => m.userId).sort().join(",")) await reopenIfApproved(tx, audit, policy, visit, actor, `The team changed to ${team.map((t) => t.staff.name).join(" and ")}`);
  });
}

/** States whose plan is history: the visit happened or was closed without contact. */
const PLAN_SETTLED: readonly string[] = ["completed", "no_contact"];

export const PlanSchema = z.object({ startsAt: z.iso.datetime({ offset: true }), expectedBackAt: z.iso.datetime({ offset: true }), address: z.string().trim().min(3).max(300).optional() });

/** Lodges the visit plan with the office: who, where, when back (burgh 7; coteford 2.4). */
export async function planVisit(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof PlanSchema>) {
  const startsAt = new Date(input.startsAt);
  const back = new Date(input.expectedBackAt);
  if (back <= startsAt) throw new InvalidInput("expectedBackAt", "must be after the start");
  return writeAudited(db, actor, async (tx, audit) => {
    const { visit, policy } = await context(tx, schoolId, visitId);
    const changedTime = visit.startsAt !== null && visit.startsAt !== startsAt.toISOString();
    const changedAddress = input.address !== undefined && visit.address !== null && input.address !== visit.address;
    if (changedTime || changedAddress) {
      if (PLAN_SETTLED.includes(visit.state)) throw new PolicyViolation(`The plan of a visit that is ${visit.state.replace("_", " ")} cannot change.`, "visit lifecycle", "state");
      const after = { startsAt, expectedBackAt: back, address: input.address ?? visit.address, day: londonDate(startsAt) };
      await tx.update(visits).set(after).where(eq(visits.id, visitId));
      if (changedTime && visit.appointment) {
        // The appointment is the visit's time: the confirmation letter printed from it must say the new one.
        // What the parent and officer signed was the old time, so the signatures go, as when the appointment is changed.
        await tx.update(appointments).set({ startsAt, parentSignature: null, officerSignature: null, signedAt: null }).where(eq(appointments.visitId, visitId));
        await audit({ action: "appointment_changed", entity: "visit", entityId: visitId, schoolId, before: visit.appointment, after: { startsAt: startsAt.toISOString(), place: visit.appointment.place, agreedWith: visit.appointment.agreedWith } });
      }
      // In every state, not only after approval: the office recording that a team out is at
      // another address (burgh 7, coteford 2.4) is a change someone must be able to trace.
      await audit({
        action: "visit_plan_changed",
        entity: "visit",
        entityId: visitId,
        schoolId,
        before: { state: visit.state, startsAt: visit.startsAt, expectedBackAt: visit.expectedBackAt, address: visit.address, day: visit.day },
        after: { state: visit.state, startsAt: startsAt.toISOString(), expectedBackAt: back.toISOString(), address: after.address, day: after.day },
      });
      await reopenIfApproved(tx, audit, policy, visit, actor, changedTime ? `The time changed to ${startsAt.toISOString()}` : `The address changed to ${input.address}`);
      return loadVisit(tx, schoolId, visitId);
    }
    await moveVisit(tx, audit, policy, visit, "plan", actor.roles, { set: { startsAt, expectedBackAt: back, address: input.address ?? visit.address, day: londonDate(startsAt) } });
    return loadVisit(tx, schoolId, visitId);
  });
}

export const RiskAssessmentSchema = z.object({
  knownHistory: z.string().trim().max(4000),
  previousIncidents: z.string().trim().max(4000),
  animals: z.string().trim().max(1000),
  environment: z.string().trim().max(2000),
  occupants: z.string().trim().max(2000),
  loneWorking: z.string().trim().max(2000),
  pairDecision: z.boolean(),
  riskLevel: z.enum(["low", "medium", "high"]),
});

/** Coteford 2.5: conducted by the business manager, and amended before a visit when new risks appear. */
export async function recordRiskAssessment(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof RiskAssessmentSchema>, now: Date) {
  return writeAudited(db, actor, async (tx, audit) => {
    const { visit, policy } = await context(tx, schoolId, visitId);
    const ra = policy.conduct.riskAssessment;
    const by = ra?.value.by;
    if (by && isRole(by) && !actor.roles.includes(by)) throw new PolicyViolation(`The risk assessment is completed by the ${by.replace("_", " ")} under this policy.`, ra!.clause, "role");
    const { pairDecision, riskLevel, ...answers } = input;
    const role = by && isRole(by) ? by : actor.roles[0]!;
    const [row] = await tx.insert(riskAssessments).values({ visitId, schoolId, answers, pairDecision, riskLevel, completedBy: actor.userId, completedRole: role, completedAt: now }).returning();
    await audit({ action: visit.riskAssessment ? "risk_assessment_amended" : "risk_assessment_completed", entity: "visit", entityId: visitId, schoolId, before: visit.riskAssessment, after: row });
    return { id: row!.id };
  });
}

export const AppointmentSchema = z.object({ startsAt: z.iso.datetime({ offset: true }), place: z.string().trim().min(3).max(300), agreedWith: z.string().trim().min(1).max(200) });

export async function setAppointment(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof AppointmentSchema>) {
  const startsAt = new Date(input.startsAt);
  return writeAudited(db, actor, async (tx, audit) => {
    const { visit, policy } = await context(tx, schoolId, visitId);
    if (["under_way", "completed", "no_contact", "cancelled"].includes(visit.state)) throw new PolicyViolation("The appointment of a visit that has started or ended cannot change.", "visit lifecycle", "state");
    const values = { startsAt, place: input.place, agreedWith: input.agreedWith, agreedBy: actor.userId, parentSignature: null, officerSignature: null, signedAt: null };
    await tx.insert(appointments).values({ visitId, ...values }).onConflictDoUpdate({ target: appointments.visitId, set: values });
    await tx.update(visits).set({ startsAt, day: londonDate(startsAt), purpose: visit.purpose === "unannounced" ? "appointment" : visit.purpose }).where(eq(visits.id, visitId));
    await audit({ action: visit.appointment ? "appointment_changed" : "appointment_made", entity: "visit", entityId: visitId, schoolId, before: visit.appointment, after: { startsAt: startsAt.toISOString(), place: input.place, agreedWith: input.agreedWith } });
    // A first appointment made after the plan moves the visit as much as changing one does (coteford 3.6, hunsbury-park 4).
    const wasAt = visit.appointment?.startsAt ?? visit.startsAt;
    if (wasAt !== null && wasAt !== startsAt.toISOString()) await reopenIfApproved(tx, audit, policy, visit, actor, `The appointment moved to ${startsAt.toISOString()}`);
  });
}

/** Checked as a PNG when sent: it is kept, and drawn into every confirmation letter after. */
const SignaturePng = z.string().max(300_000).refine(isDrawablePngDataUrl, "must be a PNG signature (data:image/png;base64,…)");
export const SignaturesSchema = z.object({ parentSignature: SignaturePng, officerSignature: SignaturePng });

/** Scargill: the parent's and the attendance officer's signatures are kept with the appointment record. */
export async function signAppointment(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof SignaturesSchema>, now: Date) {
  return writeAudited(db, actor, async (tx, audit) => {
    const visit = await loadVisit(tx, schoolId, visitId);
    if (!visit.appointment) throw new NotFound("appointment", "visitId");
    await tx.update(appointments).set({ ...input, signedAt: now }).where(eq(appointments.visitId, visitId));
    await audit({ action: "appointment_signed", entity: "visit", entityId: visitId, schoolId, after: { signedAt: now.toISOString() } });
  });
}

export const CancelSchema = z.object({ reason: z.string().trim().max(2000) });

export interface Cancellation {
  ok: true;
  state: "cancelled";
  reason: string | null;
  /** The clause that sends the reason to the head in writing; null where the policy has none. */
  clause: string | null;
  /** The visit was already cancelled: nothing changed and nobody was told again. */
  duplicate: boolean;
  /** Staff are still out: the office board keeps the visit until they report returned or home safe. */
  teamOut: boolean;
}

/** Thrown inside the transaction to leave it without writing; never leaves this module. */
class AlreadyCancelled extends Error {}

/**
 * A cancellation reaches the headteacher in writing (coteford 3.8, 3.9; transform-trust 4.5, 4.7; hunsbury-park 4).
 * Cancelling twice (a double click, a retry after a lost reply) answers with the
 * first cancellation and changes nothing. A visit under way keeps its team's
 * safety: their pending check-in stays (a cancelled visit does not bring anyone
 * home), they can still report checking in, leaving and getting home, and each of
 * those sets the next deadline as usual. A team not yet out has its deadlines stood down.
 */
export async function cancelVisit(db: Database, actor: StaffActor, schoolId: string, visitId: string, reason: string, now: Date): Promise<Cancellation> {
  try {
    return await writeAudited(db, actor, async (tx, audit) => {
      // One cancellation at a time per visit, so two at once cannot both notify the head (NO KEY UPDATE:
      // see recordFieldStep, the sweeper's alert inserts must not deadlock with it).
      const [row] = await tx.select({ state: visits.state }).from(visits).where(and(eq(visits.id, visitId), eq(visits.schoolId, schoolId))).for("no key update");
      if (!row) throw new NotFound("visit", "visitId");
      if (row.state === "cancelled") throw new AlreadyCancelled();
      const { visit, policy } = await context(tx, schoolId, visitId);
      await moveVisit(tx, audit, policy, visit, "cancel", actor.roles, { facts: { reason }, set: { cancelledReason: reason.trim() } });
      await tx.update(visitPupils).set({ outcome: "cancelled" }).where(eq(visitPupils.visitId, visitId));
      // A team already out is still somebody's responsibility until they say they are back:
      // their check-in stays and escalates as before. Only a team not yet out is stood down.
      const teamOut = await isTeamOut(tx, visitId);
      const stoodDown = teamOut
        ? []
        : await tx
            .update(safetyDeadlines)
            .set({ state: "stood_down", settledAt: now })
            .where(and(eq(safetyDeadlines.visitId, visitId), eq(safetyDeadlines.state, "pending")))
            .returning();
      if (stoodDown.length) {
        await audit({
          action: "safety_deadline_stood_down",
          entity: "visit",
          entityId: visitId,
          schoolId,
          before: stoodDown.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString(), clause: d.clause })),
          after: { reason: "visit cancelled", teamOut },
        });
      }
      await notifyRoles(tx, schoolId, [...cancellationNoticeTo(policy)], {
        kind: "visit_cancelled",
        title: `Visit cancelled: ${visit.pupils.map((p) => p.name).join(", ")}`,
        body: `${actor.name} cancelled the visit to ${visit.address ?? "the family"} planned for ${visit.day}. Reason: ${reason.trim()}${teamOut ? " The team is still out: the office board shows the visit until they report that they are back." : ""}`,
        link: `/visits/${visit.id}`,
      });
      await owedCancellationNotice(tx, audit, actor, schoolId, visit, policy, reason.trim(), now);
      return { ok: true as const, state: "cancelled" as const, reason: reason.trim(), clause: cancellationNoticeClause(policy), duplicate: false, teamOut };
    });
  } catch (e) {
    if (!(e instanceof AlreadyCancelled)) throw e;
    const { visit, policy } = await context(db, schoolId, visitId);
    return { ok: true, state: "cancelled", reason: visit.cancelledReason, clause: cancellationNoticeClause(policy), duplicate: true, teamOut: await isTeamOut(db, visitId) };
  }
}

async function isTeamOut(db: Executor, visitId: string): Promise<boolean> {
  const steps = await db.select({ step: visitEvents.step }).from(visitEvents).where(eq(visitEvents.visitId, visitId));
  return teamIsOut(steps.map((s) => s.step));
}


export async function listVisitIds(db: Executor, schoolId: string, filter: { states?: string[]; from?: string; to?: string; userId?: string }) {
  const rows = await db
    .select({ id: visits.id, day: visits.day, userId: visitTeam.userId })
    .from(visits)
    .leftJoin(visitTeam, eq(visitTeam.visitId, visits.id))
    .where(and(eq(visits.schoolId, schoolId), filter.states?.length ? inArray(visits.state, filter.states) : undefined));
  return [
    ...new Set(
      rows
        .filter((r) => (!filter.from || r.day >= filter.from) && (!filter.to || r.day <= filter.to) && (!filter.userId || r.userId === filter.userId))
        .sort((a, b) => (a.day < b.day ? -1 : 1))
        .map((r) => r.id),
    ),
  ];
}
