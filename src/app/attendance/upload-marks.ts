/**
 * A register file uploaded for one school (the Imports page): the marks go
 * through the register import, and once it has committed, today's kept list is
 * updated for the pupils whose marks it inserted or changed, as a Wonde sync
 * does (src/app/attendance/wonde/sync-feed.ts). A file that changes nothing
 * leaves the list alone. An open Today page hears of the import from the
 * import's batch (src/app/attendance/marks-changes.ts).
 */
import type { Readable } from "node:stream";
import type { DatabaseHandle } from "../../db/client";
import { updateDailyListFor } from "../../jobs/daily-lists";
import type { Actor } from "../audit/write-audited";
import { londonDate } from "../clock";
import { importMarks, type ImportReport, type MarkFormat } from "./import-marks";

export interface UploadDeps {
  now: () => Date;
  log: { error: (o: object, m: string) => void };
}

export async function uploadMarks(
  h: DatabaseHandle,
  actor: Actor,
  schoolId: string,
  source: Readable,
  format: MarkFormat,
  deps: UploadDeps,
  opts: { fileName?: string; onProgress?: (rows: number) => void } = {},
): Promise<ImportReport> {
  const { changedPupils = [], ...report } = await importMarks(h, actor, { schoolIds: [schoolId] }, source, format, { ...opts, changedPupils: true });
  if (changedPupils.length === 0) return report;
  const now = deps.now();
  const day = londonDate(now);
  try {
    await updateDailyListFor(
      h.db,
      schoolId,
      day,
      changedPupils.map((p) => p.pupilId),
      now,
    );
  } catch (e) {
    // The marks are committed whatever happens here, so the upload is answered as made. Only the kept
    // list is behind, for these pupils: a later change to their records updates them again, and the
    // morning job makes the next day's list whole (the Today page computes its list afresh meanwhile).
    // Logged by kind only: a database message can quote the values it choked on, children's records.
    const err = e as { name?: unknown; code?: unknown };
    deps.log.error({ schoolId, day, pupils: changedPupils.length, err: { name: String(err.name ?? "Error"), ...(typeof err.code === "string" ? { code: err.code } : {}) } }, "today's list was not updated after a register upload");
  }
  return report;
}
