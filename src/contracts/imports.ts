import { z } from "zod";

/** POST /api/imports/marks: all or nothing; the same file twice changes nothing. */
export const MarksReport = z.object({ rows: z.number(), inserted: z.number(), changed: z.number(), unchanged: z.number(), sha256: z.string(), batchId: z.string().nullable() });
export type MarksReport = z.infer<typeof MarksReport>;

/** POST /api/imports/pupils, with what to check that did not stop the import (a file of another school's pupils, say). */
export const PupilsReport = z.object({ pupils: z.number(), added: z.number(), changed: z.number(), unchanged: z.number(), warnings: z.array(z.string()) });
export type PupilsReport = z.infer<typeof PupilsReport>;

/** GET /api/imports/wonde: connected or not, the last sync, the next, the last error in words (never the token). */
/** PUT /api/imports/wonde/schedule, and in the feed status: every `busyEvery` minutes from `busyFrom` to `busyUntil`, then hourly until `hourlyUntil` (minutes since midnight, school time). */
export const SyncScheduleBody = z.object({
  busyFrom: z.number().int().min(0).max(1439),
  busyUntil: z.number().int().min(0).max(1439),
  busyEvery: z.number().int().min(5).max(60),
  hourlyUntil: z.number().int().min(0).max(1439),
});
export type SyncScheduleBody = z.infer<typeof SyncScheduleBody>;

export const WondeFeedStatus = z.union([
  z.object({ connected: z.literal(false) }),
  z.object({
    connected: z.literal(true),
    state: z.enum(["connected", "access_revoked", "error"]),
    wondeSchoolId: z.string(),
    baseUrl: z.string(),
    tokenHeld: z.boolean(),
    syncing: z.boolean(),
    progress: z.string().nullable(),
    lastSyncAt: z.string().nullable(),
    lastRows: z.number().nullable(),
    lastMarksChanged: z.number().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    /** "2026-03-04 09:10", school time; null when no school day is in the calendar for the next year. */
    nextSync: z.string().nullable(),
    /** The school's sync schedule, minutes since midnight (its own, or Doorstep's default). */
    schedule: SyncScheduleBody,
    scheduleIsDefault: z.boolean(),
  }),
]);
export type WondeFeedStatus = z.infer<typeof WondeFeedStatus>;

/** PUT /api/imports/wonde */
export const WondeConnected = z.object({ wondeSchoolName: z.string(), feed: WondeFeedStatus });
export type WondeConnected = z.infer<typeof WondeConnected>;

/** POST /api/imports/wonde/sync: what changed, or what went wrong. */
export const WondeSyncAnswer = z.object({
  outcome: z.union([
    z.object({ status: z.literal("synced"), rows: z.number(), marksChanged: z.number(), pupilsChanged: z.number(), leavers: z.number(), listRefreshed: z.boolean() }),
    z.object({ status: z.literal("failed"), state: z.enum(["access_revoked", "error"]), error: z.string(), field: z.string().optional() }),
  ]),
  feed: WondeFeedStatus,
});
export type WondeSyncAnswer = z.infer<typeof WondeSyncAnswer>;
