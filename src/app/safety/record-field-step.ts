/**
 * A step reported from the doorstep (departed, arrived, check-in, …). Each
 * carries an id made on the phone: a step replayed after a lost signal is
 * recorded once and changes nothing the second time. Any word from the team
 * settles the pending deadline, stands down an overdue alert (saying how late
 * it was) and sets the next deadline from the template's check-in rhythm.
 * A visit cancelled while its team is out still takes their steps until they
 * are back: the visit stays cancelled, but the office keeps watching for them.
 */
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { appointments, safetyAlerts, safetyDeadlines, schoolPolicies, visitEvents, visitPupils, visits, visitTeam } from "../../db/schema";
import type { PolicyTemplate } from "../../domain/policy/template";
import { decideGoingIn, goingInQuestions, idCardRefusal } from "../../domain/safety/going-in";
import { NotFound, PolicyViolation } from "../../domain/errors";
import { VISIT_OUTCOMES } from "../../domain/attendance/evaluation-input";
import { acceptedAfterCancellation, FIELD_STEPS, nextDeadline, STEPS_AFTER_CANCELLATION, teamIsOut, type FieldStep } from "../../domain/safety/field-steps";
import { moveVisit } from "../visits/visit-state";
import { loadVisit } from "../visits/load-visit";
import { writeAudited, type Audit } from "../audit/write-audited";
import { policyInForceSql, policyOfVersion } from "../policy/school-policy";
import { escalateNoAnswer } from "../visits/no-answer";
import type { VisitPurpose } from "../../domain/visits/visit-purposes";
import type { StaffActor } from "../visits/planning-steps";

export const FieldStepSchema = z.object({
  id: z.uuid(),
  step: z.enum(FIELD_STEPS),
  occurredAt: z.iso.datetime({ offset: true }),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  note: z.string().trim().max(1000).optional(),
  /** On leaving or return: what came of the visit for the children. */
  outcome: z.enum(VISIT_OUTCOMES).optional(),
  /** On "went in" (and "did not go in"): the answers to the policy's questions at the door, by question id. */
  answers: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/).max(60), z.enum(["yes", "no"])).optional(),
  /** On "went in" where an answer allows entry only with a reason (burgh 8: delegated authority). */
  reason: z.string().trim().min(1).max(1000).optional(),
  /** On "departed": the ID card the policy asks for is worn. */
  idCardWorn: z.boolean().optional(),
});
export type FieldStepInput = z.infer<typeof FieldStepSchema>;

export interface StepResult {
  recorded: boolean;
  duplicate: boolean;
  nextDeadline: { kind: string; dueAt: string; clause: string } | null;
  stoodDown: string[];
}

export async function assertOnTeam(tx: Executor, visitId: string, userId: string) {
  const [member] = await tx.select().from(visitTeam).where(and(eq(visitTeam.visitId, visitId), eq(visitTeam.userId, userId)));
  if (!member) throw notOnTeam();
}

/**
 * The visit's columns as the subqueries below must name them: drizzle leaves a
 * one-table query's columns unqualified, and inside a subquery an unqualified
 * "id" would be the subquery's own table's.
 */
const OUTER = { id: sql.raw(`"visits"."id"`), schoolId: sql.raw(`"visits"."school_id"`), day: sql.raw(`"visits"."day"`) };

const notOnTeam = () => new PolicyViolation("Only the staff assigned to this visit can report its steps.", "visit team", "visitId");

export async function recordFieldStep(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: FieldStepInput, now: Date): Promise<StepResult> {
  // A phone's clock may run ahead: a step is never later than its arrival here.
  const occurredAt = new Date(Math.min(new Date(input.occurredAt).getTime(), now.getTime()));
  return writeAudited(db, actor, async (tx, audit) => {
    // Both phones of a paired visit may report at once: one at a time per visit, so each sees the other's deadline.
    // NO KEY UPDATE, not UPDATE: the sweeper's insert of an alert for this visit takes KEY SHARE on the row
    // (its foreign key) while holding the deadline this step settles, and FOR UPDATE would deadlock with it.
    // One statement for what every step needs to know first (a check-in is the busiest request there is).
    const [found] = await tx
      .select({
        visit: visits,
        onTeam: sql<boolean>`exists (select 1 from ${visitTeam} where ${visitTeam.visitId} = ${OUTER.id} and ${visitTeam.userId} = ${actor.userId})`,
        policyVersion: sql<number>`(${policyInForceSql("version", OUTER.schoolId, OUTER.day)})`,
        policyCreatedAt: sql`(${policyInForceSql("created_at", OUTER.schoolId, OUTER.day)})`.mapWith(schoolPolicies.createdAt),
        pendingDeadlines: sql<number>`(select count(*) from ${safetyDeadlines} where ${safetyDeadlines.visitId} = ${OUTER.id} and ${safetyDeadlines.state} = 'pending')`.mapWith(Number),
        openOverdue: sql<boolean>`exists (select 1 from ${safetyAlerts} where ${safetyAlerts.visitId} = ${OUTER.id} and ${safetyAlerts.kind} = 'overdue' and ${safetyAlerts.stoodDownAt} is null and ${safetyAlerts.closedAt} is null)`,
      })
      .from(visits)
      .where(and(eq(visits.id, visitId), eq(visits.schoolId, schoolId)))
      .for("no key update", { of: visits });
    if (!found) throw new NotFound("visit", "visitId");
    if (!found.onTeam) throw notOnTeam();
    const { visit } = found;
    if (found.policyVersion === null) throw new NotFound(`a policy in force on ${visit.day}`, "day");

    const inserted = await tx
      .insert(visitEvents)
      .values({ id: input.id, visitId, schoolId, userId: actor.userId, step: input.step, occurredAt, receivedAt: now, latitude: input.latitude?.toString() ?? null, longitude: input.longitude?.toString() ?? null, note: input.note ?? null })
      .onConflictDoNothing()
      .returning({ id: visitEvents.id });
    if (inserted.length === 0) {
      // A replay: the step is already recorded. Say so, and change nothing.
      await audit({ action: "field_step_replayed", entity: "visit", entityId: visitId, schoolId, after: { id: input.id, step: input.step } });
      return { recorded: false, duplicate: true, nextDeadline: null, stoodDown: [] };
    }

    const policy = await policyOfVersion(tx, schoolId, found.policyVersion, found.policyCreatedAt);
    const door = await checkAtTheDoor(tx, policy, visitId, input);
    if (door.note) await tx.update(visitEvents).set({ note: [input.note, door.note].filter(Boolean).join("\n") }).where(eq(visitEvents.id, input.id));
    let state = visit.state;
    // A cancelled visit stays cancelled, and its children's outcome stays "cancelled": the team's steps are for their own safety.
    const cancelled = state === "cancelled";
    const finished = input.step === "returned" || input.step === "home_safe";
    if (input.step === "departed" && state === "planned") {
      // The team is checked again as it sets off, on today's facts: a risk assessment
      // amended after planning may now ask for a pair (burgh 7, 11), a DBS may have run out.
      state = await moveVisit(tx, audit, policy, await loadVisit(tx, schoolId, visitId), "start", actor.roles, { why: "the team reported \"departed\"" });
    } else if (cancelled) {
      await assertTeamOut(tx, visitId, input);
    } else if (state !== "under_way") {
      throw new PolicyViolation(`This visit is ${state.replace("_", " ")}: ${state === "planned" ? "report \"departed\" first" : "it is not under way"}.`, "visit lifecycle", "step");
    }
    if (input.outcome && !cancelled) await tx.update(visitPupils).set({ outcome: input.outcome }).where(eq(visitPupils.visitId, visitId));
    if (finished && !cancelled && state === "under_way") {
      state = await moveVisit(tx, audit, policy, await loadVisit(tx, schoolId, visitId), input.outcome === "no_contact" ? "finish_no_contact" : "finish_completed", actor.roles, { why: `the team reported "${input.step}"` });
    }
    const escalated = state === "no_contact" && visit.state !== "no_contact" ? await escalateNoAnswer(tx, policy, { id: visitId, schoolId, purpose: visit.purpose as VisitPurpose, day: visit.day }, actor.userId, now) : null;

    const stoodDown = await settle(tx, audit, { visitId, schoolId, pendingBefore: found.pendingDeadlines, openOverdue: found.openOverdue }, input.step, occurredAt, now);
    const next = nextDeadline(policy, input.step, occurredAt, { startsAt: visit.startsAt, expectedBackAt: visit.expectedBackAt });
    if (next) await tx.insert(safetyDeadlines).values({ visitId, schoolId, kind: next.kind, dueAt: next.dueAt, clause: next.clause });
    await audit({
      action: `field_${input.step}`,
      entity: "visit",
      entityId: visitId,
      schoolId,
      before: { state: visit.state },
      after: { state, step: input.step, occurredAt: occurredAt.toISOString(), nextDeadline: next?.dueAt.toISOString() ?? null, outcome: cancelled ? null : (input.outcome ?? null), ...(cancelled ? { afterCancellation: true, outcomeNotApplied: input.outcome ?? null } : {}), ...(escalated ? { noAnswerEscalated: escalated } : {}), ...door.record },
    });
    return { recorded: true, duplicate: false, nextDeadline: next ? { kind: next.kind, dueAt: next.dueAt.toISOString(), clause: next.clause } : null, stoodDown };
  });
}

/**
 * The checks at the door, on the facts the server holds: the ID card before
 * "departed", the going-in questions before "went in" (the phone asks and decides
 * with the same `decideGoingIn`; this is the check it cannot skip). What was
 * answered is kept with the step: in words on its note, and as given in the
 * step's audit event.
 */
async function checkAtTheDoor(tx: Executor, policy: PolicyTemplate, visitId: string, input: FieldStepInput): Promise<{ note: string | null; record: Record<string, unknown> }> {
  const c = policy.conduct;
  if (input.step === "departed") {
    const refused = idCardRefusal(c, input.idCardWorn);
    if (refused) throw new PolicyViolation(refused.message, refused.clause, refused.field);
    if (!c.idCard) return { note: null, record: {} };
    return { note: `ID card worn (${c.idCard.clause})`, record: { idCardWorn: true, idCardClause: c.idCard.clause } };
  }
  if (input.step !== "entered" && input.step !== "not_entered") return { note: null, record: {} };
  const answers = input.answers ?? {};
  if (input.step === "entered") {
    const [appointment] = await tx.select({ visitId: appointments.visitId }).from(appointments).where(eq(appointments.visitId, visitId)).limit(1);
    const decision = decideGoingIn(c, answers, { appointmentRecorded: appointment !== undefined });
    switch (decision.verdict) {
      case "allowed":
        break;
      case "unanswered":
      case "refused":
        throw new PolicyViolation(`"Went in" not recorded. ${decision.message}`, decision.clause, decision.field);
      case "reason_required":
        if (!input.reason) throw new PolicyViolation(`"Went in" needs a reason: ${decision.message}`, decision.clause, "reason");
        break;
    }
  }
  if (!input.answers && !input.reason) return { note: null, record: {} };
  const words = goingInQuestions(c)
    .filter((q) => answers[q.id])
    .map((q) => `${q.text} ${answers[q.id]} (${q.clause})`);
  if (input.reason) words.push(`Reason: ${input.reason}`);
  return { note: `At the door: ${words.join("; ")}`, record: { doorAnswers: answers, doorReason: input.reason ?? null, goingInClause: c.goingIn?.clause ?? null } };
}

/**
 * On a cancelled visit the team may still report coming back, if it went out
 * and has not yet said it is back. The step just inserted is left out.
 */
async function assertTeamOut(tx: Executor, visitId: string, input: FieldStepInput) {
  const earlier = await tx.select({ step: visitEvents.step }).from(visitEvents).where(and(eq(visitEvents.visitId, visitId), ne(visitEvents.id, input.id)));
  if (!teamIsOut(earlier.map((e) => e.step))) {
    throw new PolicyViolation("This visit is cancelled and its team is not out: there is nothing to report.", "visit lifecycle", "step");
  }
  if (!acceptedAfterCancellation(input.step)) {
    throw new PolicyViolation(
      `This visit is cancelled: do not set out again. Report ${STEPS_AFTER_CANCELLATION.map((s) => `"${s.replace("_", " ")}"`).join(", ")} until you are back.`,
      "visit lifecycle",
      "step",
    );
  }
}

/**
 * Word from the team settles the pending deadline and stands down overdue alerts,
 * saying how late. A deadline that had already passed when the step was taken was
 * missed, even if the sweeper has not reached it yet: it is recorded as an alert,
 * stood down at once, so a late check-in never erases a missed one.
 */
async function settle(
  tx: Executor,
  audit: Audit,
  seen: { visitId: string; schoolId: string; pendingBefore: number; openOverdue: boolean },
  step: FieldStep,
  at: Date,
  now: Date,
): Promise<string[]> {
  const { visitId, schoolId } = seen;
  // The sweeper may fire a deadline after the visit was read: this update then waits for it, finds it no longer
  // pending and leaves it; its alert stands, and is stood down below.
  const settled = await tx
    .update(safetyDeadlines)
    .set({ state: sql`case when ${safetyDeadlines.dueAt} >= ${at.toISOString()}::timestamptz then 'met' else 'fired' end`, settledAt: now })
    .where(and(eq(safetyDeadlines.visitId, visitId), eq(safetyDeadlines.state, "pending")))
    .returning();
  let raised = false;
  for (const d of settled) {
    if (d.state !== "fired") continue;
    const [alert] = await tx
      .insert(safetyAlerts)
      .values({ visitId, schoolId, kind: "overdue", deadlineId: d.id, level: "amber", dueAt: d.dueAt, raisedAt: now, escalateAt: null })
      .onConflictDoNothing()
      .returning();
    if (alert) {
      raised = true;
      await audit({ action: "alert_raised", entity: "safety_alert", entityId: alert.id, schoolId, after: { level: "amber", dueAt: d.dueAt.toISOString(), raisedBy: "late check-in" } });
    }
  }
  // Nothing to stand down unless an alert was open when the visit was read, one was raised just now,
  // or the sweeper took a deadline in between (fewer settled here than were pending).
  if (!seen.openOverdue && !raised && settled.length === seen.pendingBefore) return [];
  const open = await tx
    .select()
    .from(safetyAlerts)
    .where(and(eq(safetyAlerts.visitId, visitId), eq(safetyAlerts.kind, "overdue"), isNull(safetyAlerts.stoodDownAt), isNull(safetyAlerts.closedAt)));
  const notes: string[] = [];
  for (const alert of open) {
    const late = alert.dueAt ? Math.max(0, Math.round((at.getTime() - alert.dueAt.getTime()) / 60_000)) : 0;
    const note = `Stood down: "${step.replace("_", " ")}" received at ${at.toISOString()}, ${late} minute${late === 1 ? "" : "s"} after the check-in was due.`;
    await tx.update(safetyAlerts).set({ stoodDownAt: now, stoodDownNote: note, escalateAt: null }).where(eq(safetyAlerts.id, alert.id));
    await audit({ action: "alert_stood_down", entity: "safety_alert", entityId: alert.id, schoolId, after: { note } });
    notes.push(note);
  }
  return notes;
}
