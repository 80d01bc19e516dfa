/**
 * Every figure of the oversight pages for one school and range (issue 16):
 * compliance from the replay, the DfE's attendance figures, visits and
 * safety. The head's pages, the governors' report (through governors-view.ts,
 * which strips it of children) and `doorstep figures` all call this, so a
 * figure on a page is the command's figure for the same range.
 */
import { and, between, eq, sql } from "drizzle-orm";
import { rowsOf, type Executor } from "../../db/client";
import { withPlannerSettings } from "../../db/planner-settings";
import { incidents, nonSchoolDays, pupils, safetyAlerts, visitPupils, visits } from "../../db/schema";
import { schoolYearStart } from "../../domain/attendance/attendance-summary";
import { classifyCode, isAbsence, isAttendanceCode, isCounted } from "../../domain/attendance/codes";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { periodRange } from "../../domain/attendance/compliance-periods";
import { dfeAttendance, newlyPersistentlyAbsent, type DfeAttendance } from "../../domain/oversight/dfe-attendance";
import { lateness, median, weeklyTrend, type Lateness, type WeekOfEpisodes } from "../../domain/oversight/episode-figures";
import type { ClosureReason } from "../../domain/oversight/closure-reasons";
import type { KindSummary } from "../../domain/attendance/compliance";
import { complianceForRange } from "../attendance/compliance-for-range";
import { caseSamplingCounts } from "./case-sampling";
import { returnsOverRange } from "../attendance/statutory-overdue";
import type { ReturnsFigure } from "../../domain/attendance/statutory";

export interface ChildNamed {
  pupilId: string;
  firstName: string;
  lastName: string;
  yearGroup: string | null;
}

export interface SchoolFigures {
  from: IsoDate;
  to: IsoDate;
  policyName: string;
  compliance: {
    summary: Record<string, KindSummary & Lateness>;
    closedBecause: Partial<Record<ClosureReason, number>>;
    weekly: WeekOfEpisodes[];
    /** Children on an eyes-on list in the range: unseen longer than the policy allows (burgh 6.3). */
    unseen: (ChildNamed & { since: IsoDate })[];
  };
  attendance: DfeAttendance & { halfTermFrom: IsoDate; newlyPersistentlyAbsent: ChildNamed[] };
  visits: {
    byPurposeAndOutcome: { purpose: string; outcome: string; count: number }[];
    cancellations: { reason: string; count: number }[];
  };
  safety: {
    /** Overdue alerts: a check-in that did not come in time. */
    checkInsMissed: number;
    alarms: number;
    alertsByLevel: { level: string; count: number }[];
    /** From raising to the first acknowledgement, over the alerts acknowledged. */
    medianMinutesToAcknowledge: number | null;
    worstMinutesToAcknowledge: number | null;
    incidentsByKind: { kind: string; count: number }[];
  };
  /** Sampled visits with a day in the range and the findings on them (burgh 13). */
  caseSampling: Awaited<ReturnType<typeof caseSamplingCounts>>;
  /** Returns to the LA due in the range (up to today), per kind, and how many were not submitted by their due date. */
  returns: ReturnsFigure[];
}

const UNSEEN_ACTION = "eyes_on_visit";

/** `today` is the school's date now: a return due today and not yet sent is not overdue. */
export async function schoolFigures(db: Executor, schoolId: string, from: IsoDate, to: IsoDate, today: IsoDate): Promise<SchoolFigures> {
  const f = (await figuresOf(db, schoolId, from, to, true)) as Omit<SchoolFigures, "returns">;
  return { ...f, returns: await returnsOverRange(db, schoolId, from, to, today) };
}

/**
 * A school's row on the trust's side-by-side page: the same figures as
 * schoolFigures but for what the row does not show, the returns to the LA and
 * the newly persistently absent (which read the school's whole year).
 */
export type SchoolRowFigures = Omit<SchoolFigures, "returns" | "attendance"> & { attendance: DfeAttendance };

export function schoolRowFigures(db: Executor, schoolId: string, from: IsoDate, to: IsoDate): Promise<SchoolRowFigures> {
  return figuresOf(db, schoolId, from, to, false);
}

/** `yearly`: the newly persistently absent too, from the school year's marks. */
async function figuresOf(db: Executor, schoolId: string, from: IsoDate, to: IsoDate, yearly: boolean): Promise<SchoolRowFigures & { attendance: Partial<SchoolFigures["attendance"]> }> {
  const c = await complianceForRange(db, schoolId, from, to);
  const late = lateness(c.episodes);
  const summary: SchoolFigures["compliance"]["summary"] = {};
  for (const [kind, s] of Object.entries(c.summary)) summary[kind] = { ...s, ...(late[kind as keyof typeof late] ?? { medianDaysLate: null, worstDaysLate: null }) };

  const roll = await db.select({ id: pupils.id, upn: pupils.upn, firstName: pupils.firstName, lastName: pupils.lastName, yearGroup: pupils.yearGroup }).from(pupils).where(eq(pupils.schoolId, schoolId));
  const byId = new Map(roll.map((p) => [p.id, p]));
  const named = (id: string): ChildNamed => {
    const p = byId.get(id)!;
    return { pupilId: p.id, firstName: p.firstName, lastName: p.lastName, yearGroup: p.yearGroup };
  };
  const unseenSince = new Map<string, IsoDate>();
  for (const e of c.episodes) if (e.action === UNSEEN_ACTION && !(unseenSince.get(e.pupilId)! <= e.firstListed)) unseenSince.set(e.pupilId, e.firstListed);
  const unseen = [...unseenSince].map(([id, since]) => ({ ...named(id), since })).sort((a, b) => a.since.localeCompare(b.since) || a.lastName.localeCompare(b.lastName));

  // Attendance over the range, and over the school year to the half-term's start and to `to` for the newly persistently absent.
  let halfTermFrom = from;
  let yearFrom = to;
  if (yearly) {
    const closures = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
    const calendar = new SchoolCalendar(closures.map((x) => x.day));
    halfTermFrom = periodRange(calendar, to, "half_term").from;
    yearFrom = schoolYearStart(to);
  }
  // Without `yearly`, only the range is read (yearFrom after it: no mark counts for the year).
  const earliest = !yearly || from < yearFrom ? from : yearFrom;
  // Counted in PostgreSQL, a row per pupil, code and part of the year: a year of a school's marks is ~380,000 rows.
  // With the replay's planner settings: compiling and parallelising it cost more than it takes.
  const marks = rowsOf<{ pupilId: string; code: string; inRange: boolean; inYear: boolean; beforeHalfTerm: boolean; n: number }>(
    await withPlannerSettings(
      db,
      sql`select m.pupil_id as "pupilId", m.code, m.day >= ${from}::date as "inRange", m.day >= ${yearFrom}::date as "inYear", m.day < ${halfTermFrom}::date as "beforeHalfTerm", count(*)::int as n
          from register_marks m
          where m.school_id = ${schoolId}::uuid and m.day between ${earliest}::date and ${to}::date
          group by 1, 2, 3, 4, 5`,
    ),
  );
  const inRange = new Map<string, string[]>();
  const sessions = { before: new Map<string, { possible: number; missed: number }>(), now: new Map<string, { possible: number; missed: number }>() };
  for (const m of marks) {
    if (m.inRange) {
      const codes = inRange.get(m.pupilId) ?? inRange.set(m.pupilId, []).get(m.pupilId)!;
      for (let i = 0; i < m.n; i++) codes.push(m.code);
    }
    if (!yearly || !m.inYear || !isAttendanceCode(m.code)) continue;
    const cls = classifyCode(m.code);
    if (!isCounted(cls)) continue;
    const missed = isAbsence(cls) || cls === "late_unauthorised" ? m.n : 0;
    for (const [map, inside] of [[sessions.now, true], [sessions.before, m.beforeHalfTerm]] as const) {
      if (!inside) continue;
      const s = map.get(m.pupilId) ?? map.set(m.pupilId, { possible: 0, missed: 0 }).get(m.pupilId)!;
      s.possible += m.n;
      s.missed += missed;
    }
  }
  const dfe = dfeAttendance(
    roll.map((p) => ({ upn: p.id, yearGroup: p.yearGroup, codes: inRange.get(p.id) ?? [] })),
    from,
    to,
  );

  const visitRows = await db
    .select({ purpose: visits.purpose, outcome: sql<string>`coalesce(${visitPupils.outcome}, ${visits.state})`, count: sql<number>`count(distinct ${visits.id})::int` })
    .from(visits)
    .leftJoin(visitPupils, eq(visitPupils.visitId, visits.id))
    .where(and(eq(visits.schoolId, schoolId), between(visits.day, from, to)))
    .groupBy(visits.purpose, sql`coalesce(${visitPupils.outcome}, ${visits.state})`);
  const cancellations = await db
    .select({ reason: sql<string>`coalesce(${visits.cancelledReason}, 'not given')`, count: sql<number>`count(*)::int` })
    .from(visits)
    .where(and(eq(visits.schoolId, schoolId), eq(visits.state, "cancelled"), between(visits.day, from, to)))
    .groupBy(sql`coalesce(${visits.cancelledReason}, 'not given')`);

  const londonDay = (col: unknown) => sql`(${col} at time zone 'Europe/London')::date`;
  const alerts = await db
    .select({ kind: safetyAlerts.kind, level: safetyAlerts.level, raisedAt: safetyAlerts.raisedAt, acknowledgements: safetyAlerts.acknowledgements })
    .from(safetyAlerts)
    .where(and(eq(safetyAlerts.schoolId, schoolId), sql`${londonDay(safetyAlerts.raisedAt)} between ${from} and ${to}`));
  const levels = new Map<string, number>();
  const minutes: number[] = [];
  for (const a of alerts) {
    levels.set(a.level, (levels.get(a.level) ?? 0) + 1);
    const first = a.acknowledgements.map((k) => Date.parse(k.at)).sort((x, y) => x - y)[0];
    if (first !== undefined) minutes.push(Math.round((first - a.raisedAt.getTime()) / 6000) / 10);
  }
  const incidentRows = await db
    .select({ kind: incidents.kind, count: sql<number>`count(*)::int` })
    .from(incidents)
    .where(and(eq(incidents.schoolId, schoolId), sql`${londonDay(incidents.occurredAt)} between ${from} and ${to}`))
    .groupBy(incidents.kind);

  const byName = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  return {
    from,
    to,
    policyName: c.policyName,
    compliance: { summary, closedBecause: c.closedBecause, weekly: weeklyTrend(c.episodes), unseen },
    attendance: yearly ? { ...dfe, halfTermFrom, newlyPersistentlyAbsent: newlyPersistentlyAbsent(sessions.before, sessions.now).map(named) } : dfe,
    visits: { byPurposeAndOutcome: byName(visitRows, "purpose"), cancellations: byName(cancellations, "reason") },
    safety: {
      checkInsMissed: alerts.filter((a) => a.kind === "overdue").length,
      alarms: alerts.filter((a) => a.kind === "alarm").length,
      alertsByLevel: [...levels].map(([level, count]) => ({ level, count })).sort((a, b) => a.level.localeCompare(b.level)),
      medianMinutesToAcknowledge: median(minutes),
      worstMinutesToAcknowledge: minutes.length ? Math.max(...minutes) : null,
      incidentsByKind: byName(incidentRows, "kind"),
    },
    caseSampling: await caseSamplingCounts(db, schoolId, from, to),
  };
}
