/** Reading a school's kept daily list in tests (src/jobs/daily-lists.ts), as rows that compare whole. */
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { dailyActions } from "../db/schema";

/** A register file in the canonical columns. */
export const marksCsv = (rows: string[]) => ["upn,date,session,code", ...rows].join("\n");

/** The kept list for a school and day, one sorted line per action (pupil, action, rule, priority, policy version, reason). */
export async function keptList(db: DatabaseHandle, schoolId: string, day: string): Promise<string[]> {
  return (await db.db.select().from(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), eq(dailyActions.day, day))))
    .map((r) => `${r.pupilId} ${r.action} ${r.rule} ${r.priority} ${r.policyVersion} ${r.reason}`)
    .sort();
}
