/**
 * The office board: every visit under way (or cancelled while its team is still
 * out), who is out, where, in what vehicle, when the office must next hear from
 * them, and any alert, with the history of their check-ins.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { pupils, safetyAlerts, safetyDeadlines, staffVehicles, users, visitEvents, visitPupils, visits, visitTeam } from "../../db/schema";
import { teamIsOut } from "../../domain/safety/visit-steps";

export type BoardStatus = "on_time" | "amber" | "red" | "alarm";

export interface BoardVisit {
  visitId: string;
  state: string;
  /** Staff went out and have not reported returned or home safe: true for a visit cancelled under way until they do. */
  teamOut: boolean;
  address: string | null;
  children: string[];
  startsAt: string | null;
  expectedBackAt: string | null;
  team: { userId: string; name: string; mobile: string | null; vehicle: string | null }[];
  nextDeadline: { kind: string; dueAt: string; clause: string } | null;
  lastEvent: { step: string; at: string; by: string; latitude: string | null; longitude: string | null } | null;
  status: BoardStatus;
  alerts: {
    id: string;
    kind: string;
    level: string;
    dueAt: string | null;
    raisedAt: string;
    acknowledgements: { level: string; by: string; at: string }[];
    stoodDownNote: string | null;
    closedNote: string | null;
    open: boolean;
    latitude: string | null;
    longitude: string | null;
  }[];
  history: { step: string; at: string; by: string }[];
}

export async function officeBoard(db: Executor, schoolId: string): Promise<BoardVisit[]> {
  // Under way, plus any visit that still has an open alert (an alarm outlives the visit's state),
  // a pending deadline, or a team still out after the visit was cancelled under way.
  const [openAlertVisits, pendingVisits, cancelledWithTeamOut] = await Promise.all([
    db
      .select({ visitId: safetyAlerts.visitId })
      .from(safetyAlerts)
      .where(and(eq(safetyAlerts.schoolId, schoolId), isNull(safetyAlerts.closedAt), or(eq(safetyAlerts.kind, "alarm"), isNull(safetyAlerts.stoodDownAt)))),
    db.select({ visitId: safetyDeadlines.visitId }).from(safetyDeadlines).where(and(eq(safetyDeadlines.schoolId, schoolId), eq(safetyDeadlines.state, "pending"))),
    db
      .select({ visitId: visitEvents.visitId })
      .from(visitEvents)
      .innerJoin(visits, eq(visits.id, visitEvents.visitId))
      .where(and(eq(visits.schoolId, schoolId), eq(visits.state, "cancelled")))
      .groupBy(visitEvents.visitId)
      .having(sql`bool_or(${visitEvents.step} = 'departed') and not bool_or(${visitEvents.step} in ('returned', 'home_safe'))`),
  ]);
  const also = [...new Set([...openAlertVisits, ...pendingVisits, ...cancelledWithTeamOut].map((a) => a.visitId))];
  const rows = await db
    .select()
    .from(visits)
    .where(and(eq(visits.schoolId, schoolId), also.length ? or(eq(visits.state, "under_way"), inArray(visits.id, also)) : eq(visits.state, "under_way")));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [team, events, deadlines, alerts, children] = await Promise.all([
    db
      .select({ visitId: visitTeam.visitId, userId: users.id, name: users.name, mobile: users.mobile, make: staffVehicles.make, model: staffVehicles.model, registration: staffVehicles.registration, colour: staffVehicles.colour, driver: visitTeam.driver })
      .from(visitTeam)
      .innerJoin(users, eq(users.id, visitTeam.userId))
      .leftJoin(staffVehicles, eq(staffVehicles.userId, visitTeam.userId))
      .where(inArray(visitTeam.visitId, ids)),
    db
      .select({ visitId: visitEvents.visitId, step: visitEvents.step, at: visitEvents.occurredAt, by: users.name, latitude: visitEvents.latitude, longitude: visitEvents.longitude })
      .from(visitEvents)
      .innerJoin(users, eq(users.id, visitEvents.userId))
      .where(inArray(visitEvents.visitId, ids))
      .orderBy(asc(visitEvents.occurredAt)),
    db.select().from(safetyDeadlines).where(and(inArray(safetyDeadlines.visitId, ids), eq(safetyDeadlines.state, "pending"))),
    db.select().from(safetyAlerts).where(inArray(safetyAlerts.visitId, ids)).orderBy(desc(safetyAlerts.raisedAt)),
    db.select({ visitId: visitPupils.visitId, first: pupils.firstName, last: pupils.lastName }).from(visitPupils).innerJoin(pupils, eq(pupils.id, visitPupils.pupilId)).where(inArray(visitPupils.visitId, ids)),
  ]);
  const alertsOf = byVisit(alerts);
  const eventsOf = byVisit(events);
  const deadlinesOf = byVisit(deadlines);
  const teamOf = byVisit(team);
  const childrenOf = byVisit(children);
  return rows
    .map((v) => {
      const own = alertsOf.get(v.id) ?? [];
      const open = own.filter((a) => !a.closedAt && (a.kind === "alarm" || !a.stoodDownAt));
      const status: BoardStatus = open.some((a) => a.kind === "alarm") ? "alarm" : open.some((a) => a.level !== "amber") ? "red" : open.length ? "amber" : "on_time";
      const history = eventsOf.get(v.id) ?? [];
      const last = history.at(-1);
      const next = [...(deadlinesOf.get(v.id) ?? [])].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      return {
        visitId: v.id,
        state: v.state,
        teamOut: teamIsOut(history.map((e) => e.step)),
        address: v.address,
        children: (childrenOf.get(v.id) ?? []).map((c) => `${c.first} ${c.last}`),
        startsAt: v.startsAt?.toISOString() ?? null,
        expectedBackAt: v.expectedBackAt?.toISOString() ?? null,
        team: (teamOf.get(v.id) ?? []).map((t) => ({ userId: t.userId, name: t.name, mobile: t.mobile, vehicle: t.driver && t.registration ? `${t.colour} ${t.make} ${t.model}, ${t.registration}` : null })),
        nextDeadline: next ? { kind: next.kind, dueAt: next.dueAt.toISOString(), clause: next.clause } : null,
        lastEvent: last ? { step: last.step, at: last.at.toISOString(), by: last.by, latitude: last.latitude, longitude: last.longitude } : null,
        status,
        alerts: own.map((a) => ({
          id: a.id,
          kind: a.kind,
          level: a.level,
          dueAt: a.dueAt?.toISOString() ?? null,
          raisedAt: a.raisedAt.toISOString(),
          acknowledgements: a.acknowledgements,
          stoodDownNote: a.stoodDownNote,
          closedNote: a.closedNote,
          open: !a.closedAt && (a.kind === "alarm" || !a.stoodDownAt),
          latitude: a.latitude,
          longitude: a.longitude,
        })),
        history: history.map((e) => ({ step: e.step, at: e.at.toISOString(), by: e.by })),
      };
    })
    .sort((a, b) => rank(b.status) - rank(a.status));
}

/** Rows by visit, in their order: a board of 500 visits and thousands of check-ins is grouped in one pass. */
function byVisit<T extends { visitId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.visitId);
    if (list) list.push(r);
    else map.set(r.visitId, [r]);
  }
  return map;
}

function rank(s: BoardStatus): number {
  switch (s) {
    case "alarm":
      return 3;
    case "red":
      return 2;
    case "amber":
      return 1;
    case "on_time":
      return 0;
  }
}
