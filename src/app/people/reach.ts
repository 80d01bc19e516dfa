/**
 * Reads what the reach rule (src/domain/people/visit-reach.ts) needs from the
 * database and applies it: the visits and pupils a member of staff reaches, and the
 * 404 for one outside it. Everything school-wide is answered without a query.
 */
import { and, eq, gte, inArray, or } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { agreements, documents, visitPupils, visits, visitTeam } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { needsTodaysList, reachesDocument, reachesPupil, reachesVisit, readsVisitReport, type Reach, type VisitFacts } from "../../domain/people/visit-reach";
import { onBoardVisitIds } from "../safety/office-board";
import { actionsForDay, latestSchoolDay } from "../attendance/actions-for-day";

/** `null`: the whole school. */
export type ReachSet = ReadonlySet<string> | null;

export const inReach = (set: ReachSet, id: string) => set === null || set.has(id);

/** The facts of the visits that could be in reach: those the user is on, and for the office those on the board or ahead. */
async function candidateVisits(db: Executor, schoolId: string, reach: Extract<Reach, { kind: "own" }>, today: IsoDate, only?: string[]): Promise<Map<string, VisitFacts>> {
  const board = reach.office ? await onBoardVisitIds(db, schoolId) : new Set<string>();
  const mine = db.select({ id: visitTeam.visitId }).from(visitTeam).where(eq(visitTeam.userId, reach.userId));
  const rows = await db
    .select({ id: visits.id, day: visits.day, state: visits.state })
    .from(visits)
    .where(
      and(
        eq(visits.schoolId, schoolId),
        only ? inArray(visits.id, only) : undefined,
        reach.office ? or(inArray(visits.id, mine), gte(visits.day, today), board.size ? inArray(visits.id, [...board]) : undefined) : inArray(visits.id, mine),
      ),
    );
  const team = new Map<string, string[]>();
  if (rows.length) for (const t of await db.select().from(visitTeam).where(inArray(visitTeam.visitId, rows.map((r) => r.id)))) team.set(t.visitId, [...(team.get(t.visitId) ?? []), t.userId]);
  return new Map(rows.map((r) => [r.id, { day: r.day, state: r.state, team: team.get(r.id) ?? [], onBoard: board.has(r.id) }]));
}

export async function reachableVisitIds(db: Executor, schoolId: string, reach: Reach, today: IsoDate): Promise<ReachSet> {
  if (reach.kind === "school") return null;
  const facts = await candidateVisits(db, schoolId, reach, today);
  return new Set([...facts].filter(([, v]) => reachesVisit(reach, v, today)).map(([id]) => id));
}

/** The pupils on the Today list the office works from (the latest school day). */
async function todaysListPupils(db: Executor, schoolId: string, today: IsoDate): Promise<Set<string>> {
  const list = await actionsForDay(db, schoolId, await latestSchoolDay(db, schoolId, today));
  return new Set(list.households.flatMap((h) => h.pupils.map((p) => p.pupil.id)));
}

export async function reachablePupilIds(db: Executor, schoolId: string, reach: Reach, today: IsoDate): Promise<ReachSet> {
  if (reach.kind === "school") return null;
  const facts = await candidateVisits(db, schoolId, reach, today);
  const onList = needsTodaysList(reach) ? await todaysListPupils(db, schoolId, today) : new Set<string>();
  const links = facts.size ? await db.select().from(visitPupils).where(inArray(visitPupils.visitId, [...facts.keys()])) : [];
  const visitsOf = new Map<string, VisitFacts[]>();
  for (const l of links) visitsOf.set(l.pupilId, [...(visitsOf.get(l.pupilId) ?? []), facts.get(l.visitId)!]);
  const candidates = new Set([...visitsOf.keys(), ...onList]);
  return new Set([...candidates].filter((id) => reachesPupil(reach, { visits: visitsOf.get(id) ?? [], onTodaysList: onList.has(id) }, today)));
}

async function visitFacts(db: Executor, schoolId: string, reach: Extract<Reach, { kind: "own" }>, visitId: string, today: IsoDate): Promise<VisitFacts | null> {
  return (await candidateVisits(db, schoolId, reach, today, [visitId])).get(visitId) ?? null;
}

export async function assertVisitInReach(db: Executor, schoolId: string, reach: Reach, visitId: string, today: IsoDate) {
  if (reach.kind === "school") return;
  const v = await visitFacts(db, schoolId, reach, visitId, today);
  if (!v || !reachesVisit(reach, v, today)) throw new NotFound("visit", "visitId");
}

/** A visit's report (read or written): its team, and the school-wide roles. */
export async function assertReportInReach(db: Executor, schoolId: string, reach: Reach, visitId: string, today: IsoDate) {
  if (reach.kind === "school") return;
  const v = await visitFacts(db, schoolId, reach, visitId, today);
  if (!v || !reachesVisit(reach, v, today) || !readsVisitReport(reach, v)) throw new NotFound("visit", "visitId");
}

/** The visits (of those given) whose report text the user reads. */
export async function reportReaders(db: Executor, schoolId: string, reach: Reach, visitIds: string[]): Promise<ReachSet> {
  if (reach.kind === "school") return null;
  const team = visitIds.length ? await db.select().from(visitTeam).where(and(inArray(visitTeam.visitId, visitIds), eq(visitTeam.userId, reach.userId))) : [];
  return new Set(visitIds.filter((id) => readsVisitReport(reach, { team: team.filter((t) => t.visitId === id).map((t) => t.userId) })));
}

export async function assertPupilInReach(db: Executor, schoolId: string, reach: Reach, pupilIds: string | readonly string[], today: IsoDate, field = "pupilId") {
  if (reach.kind === "school") return;
  const reached = await reachablePupilIds(db, schoolId, reach, today);
  for (const id of typeof pupilIds === "string" ? [pupilIds] : pupilIds) if (!inReach(reached, id)) throw new NotFound("pupil", field);
}

export async function assertDocumentInReach(db: Executor, schoolId: string, reach: Reach, documentId: string, today: IsoDate) {
  if (reach.kind === "school") return;
  const [doc] = await db.select({ visitId: documents.visitId, pupilId: documents.pupilId }).from(documents).where(and(eq(documents.id, documentId), eq(documents.schoolId, schoolId)));
  if (!doc) throw new NotFound("document", "documentId");
  const reached = doc.visitId
    ? await visitFacts(db, schoolId, reach, doc.visitId, today).then((visit) => visit !== null && reachesDocument(reach, { visit, pupilReached: false }, today))
    : reachesDocument(reach, { visit: null, pupilReached: doc.pupilId !== null && inReach(await reachablePupilIds(db, schoolId, reach, today), doc.pupilId) }, today);
  if (!reached) throw new NotFound("document", "documentId");
}

export async function assertAgreementInReach(db: Executor, schoolId: string, reach: Reach, agreementId: string, today: IsoDate) {
  if (reach.kind === "school") return;
  const [a] = await db.select({ pupilId: agreements.pupilId }).from(agreements).where(and(eq(agreements.id, agreementId), eq(agreements.schoolId, schoolId)));
  if (!a || !inReach(await reachablePupilIds(db, schoolId, reach, today), a.pupilId)) throw new NotFound("agreement", "agreementId");
}
