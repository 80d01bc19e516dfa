/**
 * One page per pupil: attendance, contacts, sightings, visits, reports,
 * agreements, documents, referrals and notes. Each sensitive field is shaped by
 * need-to-know (src/domain/people/need-to-know.ts), as its own route would be:
 * - referrals: those who may not read them get none, only `referralsWithheld`, the
 *   count, so they know to ask the DSL (even a referral's kind can tell too much);
 * - a visit report's summary is null for those who may not read reports;
 * - concerns are null outside the DSL team and the head.
 * Reach (src/domain/people/visit-reach.ts) narrows it further for a visitor or the
 * office: only the visits and documents they reach are listed, and a report's
 * summary only on a visit whose team they are on.
 */
import { and, desc, eq, gte, inArray, isNull, ne, or } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { deliveriesOfDocuments } from "../notify/outbox";
import { documents, pupilNotes, pupils, registerMarks, visitPupils, visitReports, visits } from "../../db/schema";
import { schoolYearStart, summariseAttendance } from "../../domain/attendance/attendance-summary";
import type { IsoDate } from "../../domain/attendance/iso-date";
import type { Role } from "../../domain/people/roles";
import { mayRead } from "../../domain/people/need-to-know";
import { pupilTimeline } from "../attendance/pupil-timeline";
import { listAgreements } from "../agreements/agreements";
import { listConcerns } from "../safeguarding/concerns";
import { listReferrals } from "../referrals/referrals";
import type { Reach } from "../../domain/people/visit-reach";
import { addressOf } from "../visits/propose-visit";
import { inReach, reachablePupilIds, reachableVisitIds, reportReaders } from "../people/reach";

export async function pupilRecord(db: Executor, schoolId: string, pupilId: string, today: IsoDate, roles: ReadonlySet<Role>, reach: Reach) {
  const timeline = await pupilTimeline(db, schoolId, pupilId, today, 60);
  const from = schoolYearStart(today);
  const marks = await db.select({ code: registerMarks.code, day: registerMarks.day }).from(registerMarks).where(and(eq(registerMarks.pupilId, pupilId)));
  const inYear = marks.filter((m) => m.day >= from && m.day <= today);
  const reachedVisits = await reachableVisitIds(db, schoolId, reach, today);
  const visitRows = (
    await db
      .select({ id: visits.id, day: visits.day, purpose: visits.purpose, state: visits.state, outcome: visitPupils.outcome })
      .from(visitPupils)
      .innerJoin(visits, eq(visits.id, visitPupils.visitId))
      .where(and(eq(visitPupils.pupilId, pupilId), eq(visits.schoolId, schoolId)))
      .orderBy(desc(visits.day))
  ).filter((v) => inReach(reachedVisits, v.id));
  const readsReportOf = await reportReaders(db, schoolId, reach, visitRows.map((v) => v.id));
  const reports = visitRows.length
    ? await db.select({ id: visitReports.id, visitId: visitReports.visitId, completedOn: visitReports.completedOn, completedName: visitReports.completedName, summary: visitReports.summary }).from(visitReports).where(inArray(visitReports.visitId, visitRows.map((v) => v.id)))
    : [];
  const [agreementRows, referralRows, notes, docs] = await Promise.all([
    listAgreements(db, schoolId, pupilId),
    listReferrals(db, schoolId, pupilId),
    db.select().from(pupilNotes).where(eq(pupilNotes.pupilId, pupilId)).orderBy(desc(pupilNotes.createdAt)),
    db
      .select({ id: documents.id, visitId: documents.visitId, kind: documents.kind, title: documents.title, createdAt: documents.createdAt, emailedTo: documents.emailedTo, createdBy: documents.createdBy })
      .from(documents)
      .where(and(eq(documents.schoolId, schoolId), eq(documents.pupilId, pupilId)))
      .orderBy(desc(documents.createdAt)),
  ]);
  const deliveries = await deliveriesOfDocuments(db, docs.map((d) => d.id));
  const readsReferrals = mayRead("referral", roles);
  const readsSummaries = mayRead("visitReportSummary", roles);
  return {
    attendance: summariseAttendance(inYear.map((m) => m.code), from, today),
    timeline,
    visits: visitRows.map((v) => {
      const report = reports.find((r) => r.visitId === v.id);
      return { ...v, report: report ? { ...report, summary: readsSummaries && inReach(readsReportOf, v.id) ? report.summary : null } : null };
    }),
    agreements: agreementRows,
    referrals: readsReferrals ? referralRows : [],
    referralsWithheld: readsReferrals ? 0 : referralRows.length,
    notes: notes.map((n) => ({ id: n.id, text: n.text, byName: n.byName, createdAt: n.createdAt.toISOString() })),
    documents: docs.filter((d) => d.visitId === null || inReach(reachedVisits, d.visitId)).map(({ visitId: _visit, ...d }) => ({ ...d, createdAt: d.createdAt.toISOString(), delivery: deliveries.get(d.id) ?? null })),
    concerns: mayRead("concern", roles) ? await listConcerns(db, schoolId, pupilId) : null,
    siblings: await siblingsAtHome(db, schoolId, pupilId, today, reach),
  };
}

/**
 * The brothers and sisters on roll at the same address: one visit to a home sees
 * them all, as on Today, so a visit proposed by hand may include them. Same
 * household and same address, because a visit goes to one address (propose-visit.ts);
 * only those within the caller's reach.
 */
async function siblingsAtHome(db: Executor, schoolId: string, pupilId: string, today: IsoDate, reach: Reach) {
  const [child] = await db.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), eq(pupils.id, pupilId)));
  if (!child?.householdKey) return [];
  const rows = await db
    .select()
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), eq(pupils.householdKey, child.householdKey), ne(pupils.id, pupilId), or(isNull(pupils.leftOn), gte(pupils.leftOn, today))))
    .orderBy(pupils.lastName, pupils.firstName);
  const reached = await reachablePupilIds(db, schoolId, reach, today);
  return rows
    .filter((s) => addressOf(s) === addressOf(child) && inReach(reached, s.id))
    .map((s) => ({ id: s.id, firstName: s.firstName, lastName: s.lastName, yearGroup: s.yearGroup, className: s.className }));
}
