/**
 * Imports take turns per school: a transaction-scoped advisory lock, one per
 * school (key pair: 7265537 and 32 bits of the school's id; a collision only
 * makes two schools take turns), held to the commit. Register and pupil imports
 * take the same lock, so each compares with what the one before it committed.
 * Locks are taken in ascending order, so two trust-wide imports cannot deadlock.
 * On PGlite (one connection) transactions already run one at a time; the lock
 * costs nothing there.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "./client";
import type { RawRunner } from "./raw-transaction";

const IMPORT_LOCK_CLASS = 7265537;

function lockKeys(schoolIds: readonly string[]): number[] {
  return [...new Set(schoolIds.map((id) => Number.parseInt(id.replace(/-/g, "").slice(0, 8), 16) | 0))].sort((a, b) => a - b);
}

/** For imports written below the ORM (register marks). */
export async function lockSchoolsForImport(run: RawRunner, schoolIds: readonly string[]): Promise<void> {
  for (const key of lockKeys(schoolIds)) await run.query(`select pg_advisory_xact_lock(${IMPORT_LOCK_CLASS}, $1)`, [key]);
}

/** For imports written through Drizzle (pupils and families). */
export async function lockSchoolForImport(tx: Executor, schoolId: string): Promise<void> {
  for (const key of lockKeys([schoolId])) await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_CLASS}, ${key})`);
}
