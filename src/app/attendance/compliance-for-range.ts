/**
 * Compliance over a range for one school, from its own records: the replay of
 * compliance.md (the function behind `doorstep compliance`) over what the
 * school recorded, with the policy version in force each morning and the
 * actions a referral already answered left off, as the Today list leaves them.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { boundedMap } from "../bounded-map";
import { nonSchoolDays, referrals } from "../../db/schema";
import { compliance, type Compliance, type Episode } from "../../domain/attendance/compliance";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { InvalidInput } from "../../domain/errors";
import { periodRange, schoolDaysOf, type DayRange, type Period } from "../../domain/attendance/compliance-periods";
import type { PolicyTemplate } from "../../domain/policy";
import { policyVersions, type PolicyVersion } from "../policy/school-policy";
import { episodeStart } from "../referrals/referrals";
import { REFERRAL_FOR_ACTION } from "../../domain/records/referral-kinds";
import { loadSchoolRange, type PupilRow } from "./load-evaluation-input";
import { closureReasons, type ClosureReason } from "../../domain/oversight/closure-reasons";

export interface NamedEpisode extends Episode {
  pupilId: string;
  firstName: string;
  lastName: string;
}

export interface SchoolCompliance extends Omit<Compliance, "episodes"> {
  episodes: NamedEpisode[];
  /** The policy in force on `to`. */
  policyName: string;
  /** Why the closed episodes closed, from what was recorded on their last listed day (closure-reasons.ts). */
  closedBecause: Partial<Record<ClosureReason, number>>;
}

/** `from` and `to` must be school days of the school, `from` on or before `to`. */
export async function complianceForRange(db: Executor, schoolId: string, from: IsoDate, to: IsoDate): Promise<SchoolCompliance> {
  const closures = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closures.map((c) => c.day));
  for (const [field, day] of [["from", from], ["to", to]] as const) {
    if (!calendar.isSchoolDay(day)) throw new InvalidInput(field, `${day} is not a school day`);
  }
  if (from > to) throw new InvalidInput("to", `${to} is before from (${from})`);

  const versions = await policyVersions(db, schoolId);
  const policyOn = policyByDay(versions);
  const inRange = [...new Set([policyOn(from), ...versions.filter((v) => v.effectiveFrom > from && v.effectiveFrom <= to).map((v) => v.policy)])];
  const loaded = await loadSchoolRange(db, schoolId, from, to, inRange);
  const byUpn = new Map<string, PupilRow>(loaded.pupils.map((p) => [p.upn, p]));

  // A referral answers its action from the morning after it is recorded, for the episode it was opened in.
  const kinds = [...new Set(Object.values(REFERRAL_FOR_ACTION))];
  const recorded = await db
    .select({ pupilId: referrals.pupilId, kind: referrals.kind, openedOn: referrals.openedOn })
    .from(referrals)
    .where(and(eq(referrals.schoolId, schoolId), inArray(referrals.kind, kinds), lt(referrals.openedOn, to)));
  const openedOn = new Map<string, IsoDate[]>();
  for (const r of recorded) {
    const key = `${r.pupilId} ${r.kind}`;
    openedOn.set(key, [...(openedOn.get(key) ?? []), r.openedOn]);
  }

  const result = compliance(policyOn(to), loaded.input, {
    policyOn,
    answered: (day, action) => {
      const kind = REFERRAL_FOR_ACTION[action.action];
      const pupil = byUpn.get(action.upn);
      if (!kind || !pupil) return false;
      const start = episodeStart(action) ?? "";
      return (openedOn.get(`${pupil.id} ${kind}`) ?? []).some((d) => d < day && d >= start);
    },
  });
  const episodes = result.episodes.map((e) => {
    const p = byUpn.get(e.upn)!;
    return { ...e, pupilId: p.id, firstName: p.firstName, lastName: p.lastName };
  });
  const referralDays = new Map<string, IsoDate[]>();
  for (const r of recorded) referralDays.set(r.pupilId, [...(referralDays.get(r.pupilId) ?? []), r.openedOn]);
  const closedBecause = closureReasons(result.episodes, loaded.input, (d) => calendar.nextSchoolDay(d), (upn, after, before) => {
    const id = byUpn.get(upn)?.id;
    return (id ? (referralDays.get(id) ?? []) : []).some((d) => d >= after && d < before);
  });
  return { ...result, episodes, policyName: policyOn(to).name, closedBecause };
}

/**
 * How many schools a trust's replay keeps in flight: while Node replays one
 * school, PostgreSQL (another core) reads the next, so the trust's figure costs
 * about the larger of the two rather than their sum. More than three only
 * queues rows in memory; the pool has ten connections.
 */
export const TRUST_CONCURRENCY = 3;

/**
 * complianceForRange for each of a trust's schools over the same range, in the
 * order given, `concurrency` schools at a time. Each school's answer is
 * exactly complianceForRange's; the first failure is thrown once the schools
 * already started have finished.
 */
export async function complianceForSchools(db: Executor, schoolIds: readonly string[], from: IsoDate, to: IsoDate, concurrency = TRUST_CONCURRENCY): Promise<SchoolCompliance[]> {
  return boundedMap(schoolIds, concurrency, (id) => complianceForRange(db, id, from, to));
}

/**
 * The range a person asked for, on the school's calendar: a named period
 * ending on the latest school day, or their own dates moved onto school days.
 */
export async function rangeAsked(db: Executor, schoolId: string, asked: { period?: Period; from?: IsoDate; to?: IsoDate }, today: IsoDate): Promise<DayRange> {
  const closures = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closures.map((c) => c.day));
  if (asked.from !== undefined || asked.to !== undefined) {
    if (asked.from === undefined) throw new InvalidInput("from", "required with to");
    if (asked.to === undefined) throw new InvalidInput("to", "required with from");
    return schoolDaysOf(calendar, asked.from, asked.to);
  }
  return periodRange(calendar, today, asked.period ?? "this_week");
}

/** The version in force on a day: the latest effective by then, the highest version on a tie (as policyInForce). */
function policyByDay(versions: readonly PolicyVersion[]): (day: IsoDate) => PolicyTemplate {
  const ordered = [...versions].sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return (day) => {
    const v = ordered.find((x) => x.effectiveFrom <= day) ?? ordered.at(-1);
    if (!v) throw new InvalidInput("from", "the school has no policy yet");
    return v.policy;
  };
}
