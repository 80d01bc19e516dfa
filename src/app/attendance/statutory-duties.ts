/**
 * The law beneath the policy for one school and day: the statutory duties
 * (src/domain/attendance/statutory) over the school's register, for the LA pack
 * the trust chose for it, less the returns already submitted and the penalty
 * considerations already decided. Today shows them beside the template's
 * actions, marked "law".
 */
import { and, eq, gte, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { deletionGrounds, penaltyNoticeDecisions, schools, statutoryReturns } from "../../db/schema";
import { schoolYearStart } from "../../domain/attendance/attendance-summary";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import {
  evaluateStatutory,
  laPack,
  isReturnDuty,
  returnFormOf,
  type DeletionGround,
  type LaPack,
  type RecordedGround,
  type ReturnForm,
  type StatutoryAction,
  type StatutoryPupil,
} from "../../domain/attendance/statutory";
import { NotFound } from "../../domain/errors";
import { loadSchoolDay, type LoadedSchoolDay, type PupilRow } from "./load-evaluation-input";

/** Flags that mean the child has a social worker (import-pupils VULNERABILITY_FLAGS). */
const SOCIAL_CARE_FLAGS = new Set(["child_protection_plan", "child_in_need", "looked_after", "known_to_social_care"]);

export interface StatutoryEntry {
  pupil: PupilRow;
  action: StatutoryAction;
  /** For a return: the LA's form (its title, owner, how it is sent). */
  form: Pick<ReturnForm, "title" | "ownerRole" | "sendBy" | "sendTo"> | null;
  overdue: boolean;
}

export interface StatutoryDay {
  pack: { id: string; name: string };
  entries: StatutoryEntry[];
  loaded: LoadedSchoolDay;
}

export async function schoolPack(db: Executor, schoolId: string): Promise<LaPack> {
  const [s] = await db.select({ laPackId: schools.laPackId }).from(schools).where(eq(schools.id, schoolId));
  if (!s) throw new NotFound("school", "schoolId");
  return laPack(s.laPackId);
}

/**
 * Every duty owed on `day`, submitted returns and decided considerations left
 * out. The register is read from the start of the school year (the sickness
 * total) or ten teaching weeks back (the penalty window), whichever is earlier.
 */
export async function statutoryForDay(db: Executor, schoolId: string, day: IsoDate): Promise<StatutoryDay> {
  const { pack, actions, loaded, byUpn } = await dutiesOwed(db, schoolId, day);
  const open = await withoutAnswered(db, schoolId, day, actions, (upn) => byUpn.get(upn)?.id);
  const entries = open.map((action) => entryOf(pack, byUpn.get(action.upn)!, action, day));
  return { pack: { id: pack.id, name: pack.name }, entries, loaded };
}

function entryOf(pack: LaPack, pupil: PupilRow, action: StatutoryAction, day: IsoDate): StatutoryEntry {
  const form = isReturnDuty(action.duty) ? returnFormOf(pack, action.duty) : undefined;
  return { pupil, action, form: form ? { title: form.title, ownerRole: form.ownerRole, sendBy: form.sendBy, sendTo: form.sendTo } : null, overdue: action.dueOn < day };
}

/** Every duty the law sets on `day`, answered or not. */
async function dutiesOwed(db: Executor, schoolId: string, day: IsoDate) {
  const pack = await schoolPack(db, schoolId);
  const since = [schoolYearStart(day), addDays(day, -91)].sort()[0]!;
  const loaded = await loadSchoolDay(db, schoolId, day, { since });
  const byUpn = new Map(loaded.pupils.map((p) => [p.upn, p]));
  if (!new SchoolCalendar(loaded.input.nonSchoolDays).isSchoolDay(day)) return { pack, actions: [], loaded, byUpn };
  const input = { ...loaded.input, pupils: await statutoryPupils(db, schoolId, loaded.pupils, since) };
  return { pack, actions: evaluateStatutory(input, pack).actions, loaded, byUpn };
}

/** The pupils as the law sees them: social care from the flags, the admission date, the deletion grounds recorded since `since`. */
export async function statutoryPupils(db: Executor, schoolId: string, rows: readonly PupilRow[], since: IsoDate): Promise<StatutoryPupil[]> {
  const grounds = await db
    .select({ pupilId: deletionGrounds.pupilId, ground: deletionGrounds.ground, metOn: deletionGrounds.metOn, detail: deletionGrounds.detail })
    .from(deletionGrounds)
    .where(and(eq(deletionGrounds.schoolId, schoolId), gte(deletionGrounds.metOn, since)));
  const byPupil = new Map<string, RecordedGround[]>();
  for (const g of grounds) {
    const list = byPupil.get(g.pupilId) ?? byPupil.set(g.pupilId, []).get(g.pupilId)!;
    list.push({ ground: g.ground as DeletionGround, metOn: g.metOn, ...(g.detail ? { detail: g.detail } : {}) });
  }
  return rows.map((p) => ({
    upn: p.upn,
    vulnerable: p.vulnerabilities.length > 0,
    knownToSocialCare: p.vulnerabilities.some((v) => SOCIAL_CARE_FLAGS.has(v)),
    ...(p.admittedOn ? { joinedOn: p.admittedOn } : {}),
    ...(byPupil.has(p.id) ? { deletionGrounds: byPupil.get(p.id)! } : {}),
  }));
}

/**
 * A return leaves the list once submitted for its episode; a penalty
 * consideration once a decision is recorded within its window. Returns
 * submitted after `day` still count for `day` (a past day's list shows what was
 * owed then only if it was not sent since: the question Today asks is "what is
 * still to do").
 */
async function withoutAnswered(db: Executor, schoolId: string, day: IsoDate, actions: StatutoryAction[], pupilIdOf: (upn: string) => string | undefined): Promise<StatutoryAction[]> {
  const returnPupils = [...new Set(actions.filter((a) => isReturnDuty(a.duty)).map((a) => pupilIdOf(a.upn)).filter((id): id is string => id !== undefined))];
  const penaltyPupils = [...new Set(actions.filter((a) => a.duty === "penalty_notice_consideration").map((a) => pupilIdOf(a.upn)).filter((id): id is string => id !== undefined))];
  const submitted = new Set<string>();
  if (returnPupils.length > 0) {
    const rows = await db
      .select({ pupilId: statutoryReturns.pupilId, duty: statutoryReturns.duty, episodeKey: statutoryReturns.episodeKey })
      .from(statutoryReturns)
      .where(and(eq(statutoryReturns.schoolId, schoolId), inArray(statutoryReturns.pupilId, returnPupils)));
    for (const r of rows) submitted.add(`${r.pupilId} ${r.duty} ${r.episodeKey}`);
  }
  const decided = new Map<string, IsoDate>();
  if (penaltyPupils.length > 0) {
    const rows = await db
      .select({ pupilId: penaltyNoticeDecisions.pupilId, decidedOn: penaltyNoticeDecisions.decidedOn })
      .from(penaltyNoticeDecisions)
      .where(and(eq(penaltyNoticeDecisions.schoolId, schoolId), inArray(penaltyNoticeDecisions.pupilId, penaltyPupils), gte(penaltyNoticeDecisions.decidedOn, addDays(day, -91))));
    for (const r of rows) if ((decided.get(r.pupilId) ?? "") < r.decidedOn) decided.set(r.pupilId, r.decidedOn);
  }
  return actions.filter((a) => {
    const pid = pupilIdOf(a.upn);
    if (pid === undefined) return true;
    if (isReturnDuty(a.duty)) return !submitted.has(`${pid} ${a.duty} ${a.episodeKey}`);
    if (a.duty === "penalty_notice_consideration") {
      const on = decided.get(pid);
      return on === undefined || on < (a.facts.windowStart ?? "");
    }
    return true;
  });
}

/** The one duty with this key owed to this pupil on `day`, or NotFound naming `episodeKey`. */
export async function owedDuty(db: Executor, schoolId: string, day: IsoDate, pupilId: string, duty: string, episodeKey: string) {
  const { pack, actions, loaded, byUpn } = await dutiesOwed(db, schoolId, day);
  const action = actions.find((a) => byUpn.get(a.upn)?.id === pupilId && a.duty === duty && a.episodeKey === episodeKey);
  if (!action) throw new NotFound(`a ${duty} owed on ${day} for this pupil with that episode`, "episodeKey");
  return { entry: entryOf(pack, byUpn.get(action.upn)!, action, day), pack, loaded };
}
