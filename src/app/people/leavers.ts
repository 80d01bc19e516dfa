/**
 * A member of staff who leaves (issue 20). Disabling the account, in one
 * transaction: every session ends at once, the calendar feed stops, the devices
 * that took alerts are forgotten, and the leaver comes off the team of every visit
 * not yet made, the head being told of each so another can be chosen. A visit
 * already under way keeps them: they are still out, and the office still watches.
 * Everything they recorded stays. Who may disable whom is the staff-record rule:
 * whoever could have granted every role the person holds.
 */
import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { calendarFeeds, pushSubscriptions, users, visits, visitTeam } from "../../db/schema";
import { InvalidInput } from "../../domain/errors";
import type { IsoDate } from "../../domain/attendance/iso-date";
import type { Granter } from "../../domain/people/role-grants";
import { writeAudited, type Actor } from "../audit/write-audited";
import { deleteAllSessions } from "../auth/sessions";
import { notifyRoles } from "../notify/notify-roles";
import { mayKeepRecord } from "./staff-records";

/** Visits not yet made: a leaver's place on them is another's to take. */
const NOT_YET_MADE = ["proposed", "approved", "planned"];

export interface Leaving {
  sessionsEnded: number;
  calendarFeedsStopped: number;
  devicesForgotten: number;
  /** The visits the leaver was taken off. */
  offVisits: { visitId: string; day: string }[];
}

export async function disableStaff(db: Database, actor: Actor & { userId: string }, keeper: Granter, schoolId: string, userId: string, today: IsoDate, now: Date): Promise<Leaving> {
  if (userId === actor.userId) throw new InvalidInput("userId", "you cannot disable your own account: ask another administrator");
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [who] = await tx.update(users).set({ disabled: true }).where(eq(users.id, userId)).returning({ name: users.name });
    const sessionsEnded = await deleteAllSessions(tx, userId);
    const feeds = await tx.update(calendarFeeds).set({ revokedAt: now }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))).returning({ tokenHash: calendarFeeds.tokenHash });
    const devices = await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).returning({ id: pushSubscriptions.id });
    const onTeams = await tx
      .select({ visitId: visits.id, day: visits.day, address: visits.address })
      .from(visitTeam)
      .innerJoin(visits, eq(visits.id, visitTeam.visitId))
      .where(and(eq(visitTeam.userId, userId), eq(visits.schoolId, schoolId), inArray(visits.state, NOT_YET_MADE), gte(visits.day, today)));
    if (onTeams.length) {
      await tx.delete(visitTeam).where(and(eq(visitTeam.userId, userId), inArray(visitTeam.visitId, onTeams.map((v) => v.visitId))));
      for (const v of onTeams) {
        await notifyRoles(tx, schoolId, ["headteacher"], {
          kind: "team_member_left",
          title: `${who!.name} has left: a visit needs another member of staff`,
          body: `${who!.name}'s account was disabled, so they are no longer on the team of the visit on ${v.day}${v.address ? ` to ${v.address}` : ""}. Choose another member of staff before it goes ahead.`,
          link: `/visits/${v.visitId}`,
        });
        await audit({ action: "visit_team_member_left", entity: "visit", entityId: v.visitId, schoolId, after: { userId, name: who!.name } });
      }
    }
    const leaving: Leaving = { sessionsEnded, calendarFeedsStopped: feeds.length, devicesForgotten: devices.length, offVisits: onTeams.map((v) => ({ visitId: v.visitId, day: v.day })) };
    await audit({ action: "staff_disabled", entity: "user", entityId: userId, schoolId, after: leaving });
    return leaving;
  });
}

export async function enableStaff(db: Database, actor: Actor & { userId: string }, keeper: Granter, schoolId: string, userId: string): Promise<void> {
  await mayKeepRecord(db, keeper, schoolId, userId);
  await writeAudited(db, actor, async (tx, audit) => {
    await tx.update(users).set({ disabled: false }).where(eq(users.id, userId));
    await audit({ action: "staff_enabled", entity: "user", entityId: userId, schoolId });
  });
}
