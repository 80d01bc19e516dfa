/** What a member of staff needs on the doorstep, on one phone screen. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { appointments, familyContacts, pupils, riskAssessments, safetyDeadlines, users, visitEvents, visitPupils, visits } from "../../db/schema";
import { dangerReportStatus } from "./danger-report";
import { NotFound } from "../../domain/errors";
import { STEPS_AFTER_CANCELLATION, teamIsOut } from "../../domain/safety/field-steps";
import { policyInForce } from "../policy/school-policy";
import { assertOnTeam } from "./record-field-step";

export async function fieldView(db: Executor, schoolId: string, visitId: string, userId: string) {
  const [visit] = await db.select().from(visits).where(and(eq(visits.id, visitId), eq(visits.schoolId, schoolId)));
  if (!visit) throw new NotFound("visit", "visitId");
  await assertOnTeam(db, visitId, userId);
  const { policy } = await policyInForce(db, schoolId, visit.day);
  const [children, ra, next, events, appointment] = await Promise.all([
    db.select({ id: pupils.id, first: pupils.firstName, last: pupils.lastName }).from(visitPupils).innerJoin(pupils, eq(pupils.id, visitPupils.pupilId)).where(eq(visitPupils.visitId, visitId)),
    db.select().from(riskAssessments).where(eq(riskAssessments.visitId, visitId)).orderBy(desc(riskAssessments.completedAt)).limit(1),
    // The pending deadline or, once the sweeper has fired it, the missed one: the phone keeps saying
    // "overdue, check in now" until the team is heard from (a late check-in sets the next one).
    db
      .select()
      .from(safetyDeadlines)
      .where(and(eq(safetyDeadlines.visitId, visitId), inArray(safetyDeadlines.state, ["pending", "fired"])))
      .orderBy(sql`${safetyDeadlines.state} = 'pending' desc`, desc(safetyDeadlines.dueAt))
      .limit(1),
    db.select({ id: visitEvents.id, step: visitEvents.step, at: visitEvents.occurredAt, by: users.name }).from(visitEvents).innerJoin(users, eq(users.id, visitEvents.userId)).where(eq(visitEvents.visitId, visitId)).orderBy(asc(visitEvents.occurredAt)),
    db.select({ startsAt: appointments.startsAt }).from(appointments).where(eq(appointments.visitId, visitId)),
  ]);
  const danger = policy.conduct.immediateDanger;
  const dangerReport = danger.value.fullReportRequired ? await dangerReportStatus(db, visitId, policy.conduct) : null;
  // Every child's contacts: siblings may have different parents (a father for one, a grandmother for another).
  const contacts = children.length
    ? await db
        .select({ name: familyContacts.name, relationship: familyContacts.relationship, phone: familyContacts.phone, pupilId: familyContacts.pupilId, parentalResponsibility: familyContacts.parentalResponsibility })
        .from(familyContacts)
        .where(inArray(familyContacts.pupilId, children.map((ch) => ch.id)))
        .orderBy(asc(familyContacts.priority))
    : [];
  const parents = mergeContacts(contacts, children);
  const teamOut = teamIsOut(events.map((e) => e.step));
  const answers = (ra[0]?.answers ?? {}) as Record<string, string>;
  const c = policy.conduct;
  return {
    visitId,
    state: visit.state,
    /** The team went out and has not yet reported returned or home safe. */
    teamOut,
    /** Cancelled while the team was out: the steps the team can still report, and why the visit was cancelled. */
    afterCancellation: visit.state === "cancelled" && teamOut ? { reason: visit.cancelledReason, steps: STEPS_AFTER_CANCELLATION } : null,
    purpose: visit.purpose,
    address: visit.address,
    /** Opens the phone's own maps app; Doorstep itself calls no map service. */
    mapLink: visit.address ? `geo:0,0?q=${encodeURIComponent(visit.address)}` : null,
    startsAt: visit.startsAt?.toISOString() ?? null,
    /** The time agreed with the family (the appointment, else the planned start): a parent running late is late for this. */
    arrangedAt: (appointment[0]?.startsAt ?? visit.startsAt)?.toISOString() ?? null,
    expectedBackAt: visit.expectedBackAt?.toISOString() ?? null,
    children: children.map((ch) => `${ch.first} ${ch.last}`),
    parents,
    risk: ra[0]
      ? { level: ra[0].riskLevel, paired: ra[0].pairDecision, animals: answers.animals ?? "", environment: answers.environment ?? "", previousIncidents: answers.previousIncidents ?? "", occupants: answers.occupants ?? "" }
      : null,
    backgroundNote: visit.backgroundCheckedAt ? visit.backgroundNote ?? "" : null,
    rules: {
      checkIns: c.checkIns ? { ...c.checkIns.value, clause: c.checkIns.clause } : null,
      waitingLimitMinutes: c.waitingLimitMinutes ? { minutes: c.waitingLimitMinutes.value, clause: c.waitingLimitMinutes.clause } : null,
      lateArrivalLimitMinutes: c.lateArrivalLimitMinutes ? { minutes: c.lateArrivalLimitMinutes.value, clause: c.lateArrivalLimitMinutes.clause } : null,
      appointmentRequiredToEnter: c.appointmentRequiredToEnter ? { required: c.appointmentRequiredToEnter.value, clause: c.appointmentRequiredToEnter.clause } : null,
      calledCard: policy.calledCard ? { clause: policy.calledCard.clause } : null,
      goingIn: c.goingIn ? { ...c.goingIn.value, clause: c.goingIn.clause } : null,
      idCard: c.idCard ? { text: c.idCard.value.text, clause: c.idCard.clause } : null,
      immediateDanger: { ...danger.value, clause: danger.clause },
    },
    /** What the going-in decision needs from the record, so the phone decides as the server will. */
    appointmentRecorded: appointment.length > 0,
    /** transform-trust 2.5: a full report after an alarm, asked for until an incident report on the visit follows it. */
    dangerReport,
    nextDeadline: next[0] && (next[0].state === "pending" || teamOut) ? { kind: next[0].kind, dueAt: next[0].dueAt.toISOString(), clause: next[0].clause, overdue: next[0].state === "fired" } : null,
    events: events.map((e) => ({ id: e.id, step: e.step, at: e.at.toISOString(), by: e.by })),
  };
}

type Contact = { name: string; relationship: string; phone: string | null; pupilId: string; parentalResponsibility: boolean };

/** One line per person: a mother of two siblings is listed once, naming both children. */
function mergeContacts(contacts: Contact[], children: { id: string; first: string; last: string }[]) {
  const byPerson = new Map<string, { name: string; relationship: string; phone: string | null; parentalResponsibility: boolean; children: string[] }>();
  for (const c of contacts) {
    const child = children.find((ch) => ch.id === c.pupilId);
    const key = `${c.name.trim().toLowerCase()}|${(c.phone ?? "").replace(/\s/g, "")}`;
    const entry = byPerson.get(key) ?? { name: c.name, relationship: c.relationship, phone: c.phone, parentalResponsibility: false, children: [] };
    // Responsibility for any of the children at the address: burgh 8 asks who may be spoken with.
    entry.parentalResponsibility ||= c.parentalResponsibility;
    if (child) entry.children.push(`${child.first} ${child.last}`);
    byPerson.set(key, entry);
  }
  return [...byPerson.values()];
}
