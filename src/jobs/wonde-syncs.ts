/**
 * The Wonde feeds' schedules (each school's own, or the default in
 * src/domain/attendance/wonde-schedule.ts), checked
 * every minute on every instance: a feed whose slot has passed since its last
 * try is synced; two instances meeting the same feed are kept to one sync by
 * its claim (src/app/attendance/wonde/sync-feed.ts). A feed whose access was
 * revoked waits for the school to connect again or press "Sync now".
 */
import { ne } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { wondeFeeds } from "../db/schema";
import { wondeSyncIsDue } from "../app/attendance/wonde/feed";
import { syncWondeFeed, type SyncOutcome } from "../app/attendance/wonde/sync-feed";
import type { TokenBox } from "../app/attendance/wonde/token-box";
import { repeatEvery } from "./repeat";

export async function runDueWondeSyncs(h: DatabaseHandle, box: TokenBox, now: () => Date): Promise<{ schoolId: string; outcome: SyncOutcome }[]> {
  const feeds = await h.db.select({ schoolId: wondeFeeds.schoolId, lastSyncAt: wondeFeeds.lastSyncAt, lastErrorAt: wondeFeeds.lastErrorAt, schedule: wondeFeeds.schedule }).from(wondeFeeds).where(ne(wondeFeeds.state, "access_revoked"));
  const done: { schoolId: string; outcome: SyncOutcome }[] = [];
  for (const f of feeds) {
    const lastTry = [f.lastSyncAt, f.lastErrorAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    if (!(await wondeSyncIsDue(h.db, f.schoolId, lastTry, now(), f.schedule))) continue;
    done.push({ schoolId: f.schoolId, outcome: await syncWondeFeed(h, f.schoolId, { box, now }) });
  }
  return done;
}

export function scheduleWondeSyncs(h: DatabaseHandle, box: TokenBox, now: () => Date, log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void }, everyMs = 60_000): () => void {
  const loop = repeatEvery(
    everyMs,
    async () => {
      for (const { schoolId, outcome } of await runDueWondeSyncs(h, box, now)) {
        if (outcome.status === "failed") log.error({ schoolId, state: outcome.state, err: { message: outcome.error } }, "Wonde sync failed");
        else if (outcome.status === "synced") log.info({ schoolId, rows: outcome.rows, marksChanged: outcome.marksChanged }, "Wonde sync");
      }
    },
    (e) => log.error({ err: { message: e.message } }, "Wonde sync run failed"),
    { unref: true },
  );
  return loop.stop;
}
