/**
 * The latest change to a school's register marks, for the Today stream: every
 * import that changes marks, an upload or a Wonde sync (which hands its marks to
 * the same import), leaves one import_batches row, dated in the order the
 * imports commit (src/app/attendance/import-marks.ts).
 */
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { importBatches } from "../../db/schema";
import { WONDE_ACTOR, WONDE_SYNC_FILE } from "./wonde/sync-feed";

export interface MarksChange {
  /** The import batch: a new one is news. */
  id: string;
  at: Date;
  marksChanged: number;
  /** "mis": a Wonde sync; "upload": a file (the Imports page, the command line). */
  source: "mis" | "upload";
}

export async function lastMarksChange(db: Executor, schoolId: string): Promise<MarksChange | null> {
  const [b] = await db
    .select({ id: importBatches.id, at: importBatches.createdAt, inserted: importBatches.inserted, changed: importBatches.changed, importedBy: importBatches.importedBy, fileName: importBatches.fileName })
    .from(importBatches)
    .where(and(eq(importBatches.schoolId, schoolId), eq(importBatches.kind, "register_marks")))
    .orderBy(desc(importBatches.createdAt))
    .limit(1);
  if (!b) return null;
  const fromSync = b.importedBy === WONDE_ACTOR.name && (b.fileName?.startsWith(WONDE_SYNC_FILE) ?? false);
  return { id: b.id, at: b.at, marksChanged: b.inserted + b.changed, source: fromSync ? "mis" : "upload" };
}
