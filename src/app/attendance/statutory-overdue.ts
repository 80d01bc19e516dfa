/**
 * The returns to the LA that fell due in a range and whether they went by
 * their due date, per kind: the compliance and figures pages' "overdue
 * returns". The duties are asked on every school day of the range, so a return
 * no longer owed at the end (the child came back) still counts if it was due.
 */
import { and, between, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { statutoryReturns } from "../../db/schema";
import { schoolYearStart } from "../../domain/attendance/attendance-summary";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { returnsDueBetween, returnsFigures, type ReturnsFigure } from "../../domain/attendance/statutory";
import { loadSchoolDay } from "./load-evaluation-input";
import { schoolPack, statutoryPupils } from "./statutory-duties";

export async function returnsOverRange(db: Executor, schoolId: string, from: IsoDate, to: IsoDate, today: IsoDate): Promise<ReturnsFigure[]> {
  const pack = await schoolPack(db, schoolId);
  const end = to < today ? to : today;
  // The sickness total reads the school year; the 10-day run may start before the range.
  const since = [schoolYearStart(from), addDays(from, -91)].sort()[0]!;
  // A pupil who left during the range (a deletion return's child) is counted too.
  const loaded = await loadSchoolDay(db, schoolId, end, { since, onRollFrom: from });
  const byUpn = new Map(loaded.pupils.map((p) => [p.upn, p.id]));
  const input = { ...loaded.input, pupils: await statutoryPupils(db, schoolId, loaded.pupils, since) };
  const due = from <= end ? returnsDueBetween(input, from, end, pack) : [];
  const sent = await db
    .select({ pupilId: statutoryReturns.pupilId, duty: statutoryReturns.duty, episodeKey: statutoryReturns.episodeKey, submittedOn: statutoryReturns.submittedOn })
    .from(statutoryReturns)
    .where(and(eq(statutoryReturns.schoolId, schoolId), between(statutoryReturns.dueOn, from, end)));
  const upnOf = new Map([...byUpn].map(([upn, id]) => [id, upn]));
  const submitted = new Map(sent.filter((r) => upnOf.has(r.pupilId)).map((r) => [`${upnOf.get(r.pupilId)} ${r.duty} ${r.episodeKey}`, r.submittedOn]));
  return returnsFigures(due, submitted, today);
}
