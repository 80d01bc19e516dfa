/**
 * Each member of staff can subscribe to their visits from a calendar app. The
 * URL carries a random token (stored only as its SHA-256) and can be revoked;
 * the feed shows times and the address, never the child's name. It stops (404,
 * as a revoked link) once the account is disabled or holds no role.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { calendarFeeds, userRoles, users, visits, visitTeam } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { icalText } from "../../domain/visits/ical-text";
import { writeAudited, type Actor } from "../audit/write-audited";
import { hashToken, newToken } from "../auth/sessions";

export async function issueCalendarFeed(db: Database, actor: Actor & { userId: string }): Promise<{ token: string }> {
  const token = newToken();
  await writeAudited(db, actor, async (tx, audit) => {
    await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    await tx.insert(calendarFeeds).values({ tokenHash: hashToken(token), userId: actor.userId });
    await audit({ action: "calendar_feed_issued", entity: "user", entityId: actor.userId });
  });
  return { token };
}

export async function revokeCalendarFeed(db: Database, actor: Actor & { userId: string }) {
  await writeAudited(db, actor, async (tx, audit) => {
    const n = await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt))).returning();
    await audit({ action: "calendar_feed_revoked", entity: "user", entityId: actor.userId, after: { revoked: n.length } });
  });
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

export async function calendarFeed(db: Executor, token: string, now: Date): Promise<string> {
  const [feed] = await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) throw new NotFound("calendar feed");
  // The link outlives the person's access otherwise: a disabled account, or one left
  // with no role anywhere, is answered as a revoked link is, addresses and all withheld.
  const [owner] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, feed.userId));
  const [role] = await db.select({ id: userRoles.id }).from(userRoles).where(eq(userRoles.userId, feed.userId)).limit(1);
  if (!owner || owner.disabled || !role) throw new NotFound("calendar feed");
  const rows = await db
    .select({ id: visits.id, state: visits.state, purpose: visits.purpose, day: visits.day, startsAt: visits.startsAt, expectedBackAt: visits.expectedBackAt, address: visits.address, schoolId: visits.schoolId })
    .from(visitTeam)
    .innerJoin(visits, eq(visits.id, visitTeam.visitId))
    .where(eq(visitTeam.userId, feed.userId));
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Doorstep//Home visits//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Doorstep home visits"];
  for (const v of rows) {
    if (v.state === "cancelled") continue;
    lines.push("BEGIN:VEVENT", `UID:${v.id}@doorstep`, `DTSTAMP:${stamp(now)}`);
    if (v.startsAt) {
      lines.push(`DTSTART:${stamp(v.startsAt)}`, `DTEND:${stamp(v.expectedBackAt ?? new Date(v.startsAt.getTime() + 3600_000))}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${v.day.replaceAll("-", "")}`);
    }
    lines.push(`SUMMARY:${icalText(`Home visit (${v.purpose.replaceAll("_", " ")})`)}`);
    if (v.address) lines.push(`LOCATION:${icalText(v.address)}`);
    lines.push(`STATUS:${v.state === "proposed" ? "TENTATIVE" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.join("\r\n") + "\r\n";
}
