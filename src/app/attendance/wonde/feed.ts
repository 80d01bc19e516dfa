/**
 * Connecting a school's Wonde feed, and what the Imports page shows of it. The
 * token is checked against `schools/{id}` before it is kept, kept sealed
 * (token-box.ts), and never returned: the status says only whether one is held.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { wondeFeeds } from "../../../db/schema";
import { InvalidInput, NotFound } from "../../../domain/errors";
import { addDays, epochDayOf, isWeekend } from "../../../domain/attendance/iso-date";
import { DEFAULT_SYNC_SCHEDULE, minuteText, nextSyncAfter, scheduleFault, syncDue, type LocalMinute, type SyncSchedule } from "../../../domain/attendance/wonde-schedule";
import { writeAudited, type Actor } from "../../audit/write-audited";
import { listClosures } from "../school-calendar-store";
import { WONDE_BASE_URL, WondeClient, WondeError, type WondeClientOptions } from "./client";
import type { TokenBox } from "./token-box";

export interface ConnectInput {
  wondeSchoolId: string;
  token: string;
  /** Wonde's regional domain for the school, or (for tests and demonstrations) a loopback server. */
  baseUrl?: string | undefined;
}

/** https anywhere; plain http only to this machine (the fake Wonde), so a token never crosses a network in clear. */
export function checkBaseUrl(text: string | undefined): string {
  let u: URL;
  try {
    u = new URL(text?.trim() || WONDE_BASE_URL);
  } catch {
    throw new InvalidInput("baseUrl", "is not a web address (for example https://api.wonde.com/v1.0/)");
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  if (u.protocol !== "https:" && !(u.protocol === "http:" && loopback)) throw new InvalidInput("baseUrl", "must start with https:// (plain http only to this machine, for the test server)");
  if (u.username || u.password || u.search || u.hash) throw new InvalidInput("baseUrl", "must be the API's address only, with no user, query or fragment");
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u.href;
}

export async function connectWondeFeed(db: Database, actor: Actor, schoolId: string, input: ConnectInput, deps: { box: TokenBox | null; client?: Partial<WondeClientOptions> }) {
  if (!deps.box) throw new InvalidInput("token", "this server has no WONDE_TOKEN_KEY set, so it cannot keep a Wonde token: ask whoever runs Doorstep to set it");
  const baseUrl = checkBaseUrl(input.baseUrl);
  const wondeSchoolId = input.wondeSchoolId.trim();
  let school: { name: string };
  try {
    school = await new WondeClient({ ...deps.client, attempts: 2, baseUrl, token: input.token.trim() }).school(wondeSchoolId);
  } catch (e) {
    if (!(e instanceof WondeError)) throw e;
    if (e.failure === "access_revoked") throw new InvalidInput("token", "Wonde refused this token for this school: check the token, and that the school has approved Doorstep in Wonde");
    if (e.failure === "not_found") throw new InvalidInput("wondeSchoolId", `Wonde has no school ${wondeSchoolId} at ${baseUrl}`);
    throw new InvalidInput("baseUrl", `Wonde could not be asked: ${e.message}`);
  }
  const box = deps.box;
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select({ wondeSchoolId: wondeFeeds.wondeSchoolId, baseUrl: wondeFeeds.baseUrl }).from(wondeFeeds).where(eq(wondeFeeds.schoolId, schoolId));
    const row = { wondeSchoolId, baseUrl, tokenCiphertext: box.seal(input.token.trim(), schoolId), state: "connected", lastError: null, lastErrorAt: null, connectedBy: actor.name };
    // Another Wonde school, or another Wonde: the next sync reads everything again.
    const fresh = !before || before.wondeSchoolId !== wondeSchoolId || before.baseUrl !== baseUrl;
    await tx.insert(wondeFeeds).values({ schoolId, ...row }).onConflictDoUpdate({ target: wondeFeeds.schoolId, set: { ...row, ...(fresh ? { watermark: null } : {}) } });
    await audit({ action: "wonde_feed_connected", entity: "wonde_feed", entityId: schoolId, schoolId, before: before ?? null, after: { wondeSchoolId, baseUrl, wondeSchoolName: school.name } });
    return { wondeSchoolName: school.name };
  });
}

export async function disconnectWondeFeed(db: Database, actor: Actor, schoolId: string) {
  return writeAudited(db, actor, async (tx, audit) => {
    const gone = await tx.delete(wondeFeeds).where(eq(wondeFeeds.schoolId, schoolId)).returning({ wondeSchoolId: wondeFeeds.wondeSchoolId });
    if (!gone[0]) throw new NotFound("a Wonde feed for this school");
    await audit({ action: "wonde_feed_disconnected", entity: "wonde_feed", entityId: schoolId, schoolId, before: gone[0] });
    return { disconnected: true };
  });
}

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function londonMinute(at: Date): LocalMinute {
  const p = Object.fromEntries(LONDON_TIME.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

async function isSchoolDay(db: Database, schoolId: string, day: string): Promise<boolean> {
  return !isWeekend(epochDayOf(day)) && (await listClosures(db, schoolId, day, day)).length === 0;
}

export async function wondeSyncIsDue(db: Database, schoolId: string, lastSyncAt: Date | null, now: Date, schedule: SyncSchedule | null = null): Promise<boolean> {
  const at = londonMinute(now);
  return syncDue(at, lastSyncAt ? londonMinute(lastSyncAt) : null, await isSchoolDay(db, schoolId, at.day), schedule ?? DEFAULT_SYNC_SCHEDULE);
}

/** The next sync after `now` by the school's schedule and calendar (its closures for the coming year read once). */
export async function nextWondeSync(db: Database, schoolId: string, now: Date, schedule: SyncSchedule): Promise<LocalMinute | null> {
  const at = londonMinute(now);
  const last = addDays(at.day, 400);
  const closed = new Set((await listClosures(db, schoolId, at.day, last)).map((c) => c.day));
  return nextSyncAfter(at, schedule, (d) => !isWeekend(epochDayOf(d)) && !closed.has(d), (d) => addDays(d, 1));
}

export async function setWondeSchedule(db: Database, actor: Actor, schoolId: string, schedule: SyncSchedule) {
  const fault = scheduleFault(schedule);
  if (fault) throw new InvalidInput(fault.field, fault.message);
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select({ schedule: wondeFeeds.schedule }).from(wondeFeeds).where(eq(wondeFeeds.schoolId, schoolId));
    if (!before) throw new NotFound("a Wonde feed for this school");
    await tx.update(wondeFeeds).set({ schedule }).where(eq(wondeFeeds.schoolId, schoolId));
    await audit({ action: "wonde_schedule_set", entity: "wonde_feed", entityId: schoolId, schoolId, before: before.schedule, after: schedule });
    return { saved: true };
  });
}

export async function wondeFeedStatus(db: Database, schoolId: string, now: Date) {
  const [f] = await db.select().from(wondeFeeds).where(eq(wondeFeeds.schoolId, schoolId));
  if (!f) return { connected: false as const };
  const schedule = f.schedule ?? DEFAULT_SYNC_SCHEDULE;
  const next = await nextWondeSync(db, schoolId, now, schedule);
  return {
    connected: true as const,
    state: f.state as "connected" | "access_revoked" | "error",
    wondeSchoolId: f.wondeSchoolId,
    baseUrl: f.baseUrl,
    tokenHeld: true,
    syncing: f.syncingSince !== null,
    progress: f.progress,
    lastSyncAt: f.lastSyncAt?.toISOString() ?? null,
    lastRows: f.lastRows,
    lastMarksChanged: f.lastMarksChanged,
    lastError: f.lastError,
    lastErrorAt: f.lastErrorAt?.toISOString() ?? null,
    nextSync: next ? `${next.day} ${minuteText(next.minute)}` : null,
    schedule,
    scheduleIsDefault: f.schedule === null,
  };
}

