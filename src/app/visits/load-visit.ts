/**
 * A visit as the planning pages show it: the children, their parents' contacts
 * and attendance record (coteford 3.2), the team with their records, the risk
 * assessment, the appointment and the head's signature.
 */
import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { deliveriesOfDocuments, type MessageDelivery } from "../notify/outbox";
import { appointments, documents, visitEvents, familyContacts, pupils, registerMarks, riskAssessments, users, visitApprovals, visitCompanions, visitPupils, visits, visitTeam } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { schoolYearStart, summariseAttendance, type AttendanceSummary } from "../../domain/attendance/attendance-summary";
import type { IsoDate } from "../../domain/attendance/iso-date";
import type { StaffRecord } from "../../domain/people/staff-record";
import type { PolicyTemplate } from "../../domain/policy";
import { cancellationNoticeClause, type VisitState } from "../../domain/visits/visit-lifecycle";
import { loadStaffRecords } from "../people/staff-records";
import { policyInForce } from "../policy/school-policy";

export interface VisitPupil {
  id: string;
  upn: string;
  name: string;
  yearClass: string | null;
  outcome: string | null;
  parents: { name: string; relationship: string; parentalResponsibility: boolean; phone: string | null; email: string | null }[];
  attendance: AttendanceSummary;
  /** The last ten school days' marks, oldest first: "2026-11-09 AM N". */
  recentMarks: { day: IsoDate; am: string | null; pm: string | null }[];
}

export interface VisitCompanion {
  id: string;
  name: string;
  organisation: string;
  role: string;
  phone: string | null;
}

export interface VisitView {
  id: string;
  schoolId: string;
  state: VisitState;
  purpose: string;
  day: IsoDate;
  startsAt: string | null;
  expectedBackAt: string | null;
  address: string | null;
  answersAction: string | null;
  safeguarding: boolean;
  dslAgreed: boolean;
  /** Relevant background checked with the DSL (burgh 7); the note is what the team is told. */
  backgroundCheck: null | { checkedBy: string; checkedName: string; checkedAt: string; note: string };
  revision: number;
  cancelledReason: string | null;
  /**
   * Cancelling: the clause of the policy in force on the visit's day that sends
   * the reason to the head in writing (null where the policy has none), and the
   * reason once the visit is cancelled.
   */
  cancellation: { clause: string | null; reason: string | null };
  pupils: VisitPupil[];
  team: { staff: StaffRecord; driver: boolean }[];
  /** People from outside the school accompanying the visit (burgh 1, 9): not Doorstep users. */
  companions: VisitCompanion[];
  riskAssessment: null | { id: string; answers: unknown; pairDecision: boolean; riskLevel: string; completedBy: string; completedRole: string; completedAt: string };
  appointment: null | { startsAt: string; place: string; agreedWith: string; signed: boolean; signedAt: string | null };
  approval: null | { signedName: string; role: string; signedAt: string; accountName: string; current: boolean; listId: string | null };
  documents: { id: string; kind: string; title: string; createdAt: string; emailedTo: string[]; delivery: MessageDelivery | null }[];
  /** What the team reported from the phone, in order, with what was recorded at the door (the going-in answers, the ID card). */
  steps: { step: string; at: string; by: string; note: string | null }[];
}

export async function loadVisits(db: Executor, schoolId: string, visitIds: string[]): Promise<VisitView[]> {
  if (visitIds.length === 0) return [];
  const rows = await db.select().from(visits).where(and(eq(visits.schoolId, schoolId), inArray(visits.id, visitIds)));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [vp, team, ras, appts, approvals, docs] = await Promise.all([
    db.select().from(visitPupils).where(inArray(visitPupils.visitId, ids)),
    db.select().from(visitTeam).where(inArray(visitTeam.visitId, ids)),
    db
      .select({ ra: riskAssessments, by: users.name })
      .from(riskAssessments)
      .innerJoin(users, eq(users.id, riskAssessments.completedBy))
      .where(inArray(riskAssessments.visitId, ids))
      .orderBy(desc(riskAssessments.completedAt)),
    db.select().from(appointments).where(inArray(appointments.visitId, ids)),
    db
      .select({ a: visitApprovals, accountName: users.email })
      .from(visitApprovals)
      .innerJoin(users, eq(users.id, visitApprovals.approvedBy))
      .where(inArray(visitApprovals.visitId, ids))
      .orderBy(desc(visitApprovals.signedAt)),
    db
      .select({ id: documents.id, visitId: documents.visitId, kind: documents.kind, title: documents.title, createdAt: documents.createdAt, emailedTo: documents.emailedTo })
      .from(documents)
      .where(inArray(documents.visitId, ids))
      .orderBy(asc(documents.createdAt)),
  ]);
  const checkerIds = [...new Set(rows.flatMap((r) => (r.backgroundCheckedBy ? [r.backgroundCheckedBy] : [])))];
  const [deliveries, stepRows, checkers, companionRows] = await Promise.all([
    deliveriesOfDocuments(db, docs.map((d) => d.id)),
    db
      .select({ visitId: visitEvents.visitId, step: visitEvents.step, at: visitEvents.occurredAt, by: users.name, note: visitEvents.note })
      .from(visitEvents)
      .innerJoin(users, eq(users.id, visitEvents.userId))
      .where(inArray(visitEvents.visitId, ids))
      .orderBy(asc(visitEvents.occurredAt), asc(visitEvents.receivedAt)),
    checkerIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, checkerIds)) : [],
    db.select().from(visitCompanions).where(inArray(visitCompanions.visitId, ids)).orderBy(asc(visitCompanions.createdAt)),
  ]);
  // The policy of each visit's day, once per day (a list is usually one or two days).
  const policies = new Map<string, PolicyTemplate | null>();
  for (const day of new Set(rows.map((r) => r.day))) policies.set(day, await policyOfDay(db, schoolId, day));
  const pupilIds = [...new Set(vp.map((p) => p.pupilId))];
  const [pupilRows, contacts] = await Promise.all([
    pupilIds.length ? db.select().from(pupils).where(inArray(pupils.id, pupilIds)) : [],
    pupilIds.length ? db.select().from(familyContacts).where(inArray(familyContacts.pupilId, pupilIds)).orderBy(asc(familyContacts.priority)) : [],
  ]);
  const staff = await loadStaffRecords(db, [...new Set(team.map((t) => t.userId))]);
  const attendanceTo = rows.reduce((max, r) => (r.day > max ? r.day : max), "0000-00-00");
  const from = schoolYearStart(attendanceTo);
  const marks = pupilIds.length
    ? await db
        .select({ pupilId: registerMarks.pupilId, day: registerMarks.day, session: registerMarks.session, code: registerMarks.code })
        .from(registerMarks)
        .where(and(inArray(registerMarks.pupilId, pupilIds), gte(registerMarks.day, from), lte(registerMarks.day, attendanceTo)))
    : [];

  return rows.map((v) => {
    const approval = approvals.find((a) => a.a.visitId === v.id);
    const ra = ras.find((r) => r.ra.visitId === v.id);
    const appt = appts.find((a) => a.visitId === v.id);
    return {
      id: v.id,
      schoolId: v.schoolId,
      state: v.state as VisitState,
      purpose: v.purpose,
      day: v.day,
      startsAt: v.startsAt?.toISOString() ?? null,
      expectedBackAt: v.expectedBackAt?.toISOString() ?? null,
      address: v.address,
      answersAction: v.answersAction,
      safeguarding: v.safeguarding,
      dslAgreed: v.dslAgreedBy !== null,
      backgroundCheck:
        v.backgroundCheckedBy && v.backgroundCheckedAt
          ? { checkedBy: v.backgroundCheckedBy, checkedName: checkers.find((c) => c.id === v.backgroundCheckedBy)?.name ?? "", checkedAt: v.backgroundCheckedAt.toISOString(), note: v.backgroundNote ?? "" }
          : null,
      revision: v.revision,
      cancelledReason: v.cancelledReason,
      cancellation: { clause: policies.get(v.day) ? cancellationNoticeClause(policies.get(v.day)!) : null, reason: v.cancelledReason },
      pupils: vp
        .filter((p) => p.visitId === v.id)
        .map((p) => {
          const pupil = pupilRows.find((r) => r.id === p.pupilId)!;
          const own = marks.filter((m) => m.pupilId === pupil.id && m.day <= v.day);
          const byDay = new Map<string, { day: string; am: string | null; pm: string | null }>();
          for (const m of own) {
            const d = byDay.get(m.day) ?? { day: m.day, am: null, pm: null };
            if (m.session === "AM") d.am = m.code;
            else d.pm = m.code;
            byDay.set(m.day, d);
          }
          return {
            id: pupil.id,
            upn: pupil.upn,
            name: `${pupil.firstName} ${pupil.lastName}`,
            yearClass: [pupil.yearGroup, pupil.className].filter(Boolean).join(", ") || null,
            outcome: p.outcome,
            parents: contacts
              .filter((c) => c.pupilId === pupil.id)
              .map((c) => ({ name: c.name, relationship: c.relationship, parentalResponsibility: c.parentalResponsibility, phone: c.phone, email: c.email })),
            attendance: summariseAttendance(own.map((m) => m.code), from, v.day),
            recentMarks: [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1)).slice(-10),
          };
        }),
      team: team.filter((t) => t.visitId === v.id).map((t) => ({ staff: staff.find((s) => s.userId === t.userId)!, driver: t.driver })),
      companions: companionRows.filter((c) => c.visitId === v.id).map((c) => ({ id: c.id, name: c.name, organisation: c.organisation, role: c.role, phone: c.phone })),
      riskAssessment: ra
        ? { id: ra.ra.id, answers: ra.ra.answers, pairDecision: ra.ra.pairDecision, riskLevel: ra.ra.riskLevel, completedBy: ra.by, completedRole: ra.ra.completedRole, completedAt: ra.ra.completedAt.toISOString() }
        : null,
      appointment: appt ? { startsAt: appt.startsAt.toISOString(), place: appt.place, agreedWith: appt.agreedWith, signed: appt.parentSignature !== null && appt.officerSignature !== null, signedAt: appt.signedAt?.toISOString() ?? null } : null,
      approval: approval
        ? { signedName: approval.a.signedName, role: approval.a.role, signedAt: approval.a.signedAt.toISOString(), accountName: approval.accountName, current: approval.a.visitRevision === v.revision, listId: approval.a.listId }
        : null,
      documents: docs.filter((d) => d.visitId === v.id).map((d) => ({ id: d.id, kind: d.kind, title: d.title, createdAt: d.createdAt.toISOString(), emailedTo: d.emailedTo, delivery: deliveries.get(d.id) ?? null })),
      steps: stepRows.filter((e) => e.visitId === v.id).map((e) => ({ step: e.step, at: e.at.toISOString(), by: e.by, note: e.note })),
    };
  });
}

/** A visit is still shown where no policy covers its day (a school set up before its policy); it then names no clause. */
async function policyOfDay(db: Executor, schoolId: string, day: IsoDate): Promise<PolicyTemplate | null> {
  try {
    return (await policyInForce(db, schoolId, day)).policy;
  } catch (e) {
    if (e instanceof NotFound) return null;
    throw e;
  }
}

export async function loadVisit(db: Executor, schoolId: string, visitId: string): Promise<VisitView> {
  const [v] = await loadVisits(db, schoolId, [visitId]);
  if (!v) throw new NotFound("visit", "visitId");
  return v;
}
