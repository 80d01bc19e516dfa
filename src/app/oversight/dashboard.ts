/**
 * The head's, attendance lead's and DSL's home page (issue 16): what needs
 * doing and what is going wrong, as counts, each with the list behind it.
 * Read-only; a handful of grouped statements and one short replay, so it stays
 * under the 300 ms the issue sets.
 */
import { and, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { caseSampleVisits, decisionListPupils, nonSchoolDays, riskAssessments, safetyAlerts, staffChecks, staffTraining, userRoles, users, visits, visitTeam } from "../../db/schema";
import type { ActionKind } from "../../domain/attendance/actions";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { checksRunningOut, type CheckRunningOut } from "../../domain/oversight/checks-running-out";
import { overdueOn } from "../../domain/oversight/episode-figures";
import type { ReviewReminder } from "../policy/school-policy";
import { actionsForDay, latestSchoolDay } from "../attendance/actions-for-day";
import { complianceForRange, type NamedEpisode } from "../attendance/compliance-for-range";

/** How many school days back the replay looks for the start of an overdue action. */
export const OVERDUE_LOOKBACK_SCHOOL_DAYS = 10;

const FINAL = ["completed", "no_contact", "cancelled"];

export interface Dashboard {
  day: IsoDate;
  actionsByKind: Partial<Record<ActionKind, number>>;
  actionCount: number;
  visitsWaiting: { approval: number; riskAssessment: number; team: number };
  openAlerts: number;
  overdue: Pick<NamedEpisode, "pupilId" | "firstName" | "lastName" | "action" | "firstListed" | "schoolDays">[];
  checksRunningOut: CheckRunningOut[];
  policy: { name: string; review: ReviewReminder };
  /** Sampled visits not yet reviewed against the policy (burgh 13), over every sample drawn. */
  caseSampling: { sampled: number; toReview: number };
  /** Pupils on a half-term decision list with no decision yet (transform-trust 4.2), over every list built. */
  decisions: { listed: number; undecided: number };
}

export async function dashboardFor(db: Executor, schoolId: string, today: IsoDate): Promise<Dashboard> {
  const day = await latestSchoolDay(db, schoolId, today);
  // Independent reads, side by side: on PostgreSQL each takes its own pooled connection.
  const [list, waiting, alerts, overdue, checks, oversight] = await Promise.all([
    actionsForDay(db, schoolId, day),
    visitsWaiting(db, schoolId, today),
    openAlerts(db, schoolId),
    overdueActions(db, schoolId, day),
    staffChecksRunningOut(db, schoolId, today),
    reviewsWaiting(db, schoolId),
  ]);
  const actionsByKind: Partial<Record<ActionKind, number>> = {};
  for (const h of list.households) for (const p of h.pupils) for (const a of p.actions) actionsByKind[a.action] = (actionsByKind[a.action] ?? 0) + 1;

  return {
    day,
    actionsByKind,
    actionCount: list.actionCount,
    visitsWaiting: waiting,
    openAlerts: alerts,
    overdue,
    checksRunningOut: checks,
    policy: { name: list.policy.name, review: list.policy.review },
    ...oversight,
  };
}

/** Case samples and half-term decision lists still to be worked through. */
async function reviewsWaiting(db: Executor, schoolId: string): Promise<Pick<Dashboard, "caseSampling" | "decisions">> {
  const [[sampled], [listed]] = await Promise.all([
    db
      .select({ sampled: sql<number>`count(*)::int`, toReview: sql<number>`(count(*) filter (where ${caseSampleVisits.reviewedAt} is null))::int` })
      .from(caseSampleVisits)
      .where(eq(caseSampleVisits.schoolId, schoolId)),
    db
      .select({ listed: sql<number>`count(*)::int`, undecided: sql<number>`(count(*) filter (where ${decisionListPupils.decision} is null))::int` })
      .from(decisionListPupils)
      .where(eq(decisionListPupils.schoolId, schoolId)),
  ]);
  return { caseSampling: sampled ?? { sampled: 0, toReview: 0 }, decisions: listed ?? { listed: 0, undecided: 0 } };
}

/** Visits still to happen (today or later) that are not ready to go. */
async function visitsWaiting(db: Executor, schoolId: string, today: IsoDate): Promise<Dashboard["visitsWaiting"]> {
  const [waiting] = await db
    .select({
      approval: sql<number>`(count(*) filter (where ${visits.state} = 'proposed'))::int`,
      riskAssessment: sql<number>`(count(*) filter (where not exists (select 1 from ${riskAssessments} r where r.visit_id = ${visits.id})))::int`,
      team: sql<number>`(count(*) filter (where not exists (select 1 from ${visitTeam} t where t.visit_id = ${visits.id})))::int`,
    })
    .from(visits)
    .where(and(eq(visits.schoolId, schoolId), notInArray(visits.state, FINAL), sql`${visits.day} >= ${today}`));
  return waiting ?? { approval: 0, riskAssessment: 0, team: 0 };
}

async function openAlerts(db: Executor, schoolId: string): Promise<number> {
  // Open as the office board counts them: an alarm until a named person closes it, an overdue alert until stood down.
  const [alerts] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(safetyAlerts)
    .where(and(eq(safetyAlerts.schoolId, schoolId), isNull(safetyAlerts.closedAt), or(eq(safetyAlerts.kind, "alarm"), isNull(safetyAlerts.stoodDownAt))));
  return alerts?.n ?? 0;
}

/** Open episodes that began before `day`, from a replay of the last OVERDUE_LOOKBACK_SCHOOL_DAYS. */
async function overdueActions(db: Executor, schoolId: string, day: IsoDate): Promise<Dashboard["overdue"]> {
  const closures = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closures.map((c) => c.day));
  let from = day;
  for (let i = 1; i < OVERDUE_LOOKBACK_SCHOOL_DAYS; i++) from = calendar.previousSchoolDay(from);
  if (!calendar.isSchoolDay(day)) return [];
  const replay = await complianceForRange(db, schoolId, from, day);
  return overdueOn(replay.episodes, day)
    .sort((a, b) => a.firstListed.localeCompare(b.firstListed) || a.lastName.localeCompare(b.lastName))
    .map(({ pupilId, firstName, lastName, action, firstListed, schoolDays }) => ({ pupilId, firstName, lastName, action, firstListed, schoolDays }));
}

async function staffChecksRunningOut(db: Executor, schoolId: string, today: IsoDate): Promise<CheckRunningOut[]> {

  const staff = await db
    .selectDistinct({ userId: users.id, name: users.name, dbsIssuedOn: staffChecks.dbsIssuedOn })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .leftJoin(staffChecks, eq(staffChecks.userId, users.id))
    .where(and(eq(userRoles.schoolId, schoolId), eq(users.disabled, false)));
  const training = staff.length
    ? await db
        .select({ userId: staffTraining.userId, kind: staffTraining.kind, expiresOn: staffTraining.expiresOn })
        .from(staffTraining)
        .where(inArray(staffTraining.userId, staff.map((s) => s.userId)))
    : [];
  return checksRunningOut(
    staff.map((s) => ({ ...s, training: training.filter((t) => t.userId === s.userId) })),
    today,
  );
}
