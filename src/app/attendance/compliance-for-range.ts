/**
 * Compliance over a range for one school, from its own records: the replay of
 * compliance.md (the function behind `doorstep compliance`) over what the
 * school recorded, with the policy version in force each morning and the
 * actions a referral already answered left off, as the Today list leaves them.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { boundedMap } from "../bounded-map";
import { nonSchoolDays, pupils, referrals } from "../../db/schema";
import { EpisodeTracker, replayMornings, summarise, type Compliance, type Episode } from "../../domain/attendance/compliance";
import type { ActionKind } from "../../domain/attendance/actions";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { InvalidInput } from "../../domain/errors";
import { periodRange, schoolDaysOf, type DayRange, type Period } from "../../domain/attendance/compliance-periods";
import type { PolicyTemplate } from "../../domain/policy";
import { policyVersions, type PolicyVersion } from "../policy/school-policy";
import { episodeStart } from "../referrals/referrals";
import { REFERRAL_FOR_ACTION } from "../../domain/records/referral-kinds";
import { loadSchoolRange } from "./load-evaluation-input";
import { keepMornings, keptVersion, readKeptMornings, type KeptMorning } from "./kept-mornings";
import { closureReasonOf, type ClosureReason } from "../../domain/oversight/closure-reasons";

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

export interface ComplianceOptions {
  /** Use and keep the replay's mornings (kept-mornings.ts); false replays every morning from the records and keeps nothing. */
  kept?: boolean;
}

/**
 * `from` and `to` must be school days of the school, `from` on or before `to`.
 * Mornings kept from an earlier replay are read, not replayed: only the
 * mornings from the first one not kept are replayed (and kept), so a term's
 * figure after the first costs a read of its lists. A morning lists only the
 * pupils on roll that day, as the Today list of that morning did.
 */
export async function complianceForRange(db: Executor, schoolId: string, from: IsoDate, to: IsoDate, opts: ComplianceOptions = {}): Promise<SchoolCompliance> {
  const useKept = opts.kept !== false;
  const closures = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closures.map((c) => c.day));
  for (const [field, day] of [["from", from], ["to", to]] as const) {
    if (!calendar.isSchoolDay(day)) throw new InvalidInput(field, `${day} is not a school day`);
  }
  if (from > to) throw new InvalidInput("to", `${to} is before from (${from})`);

  // Read before anything the replay reads: a change after it stops this replay's mornings being kept.
  const version = useKept ? await keptVersion(db, schoolId) : 0;
  const [versions, roll, kept] = await Promise.all([
    policyVersions(db, schoolId),
    db.select({ id: pupils.id, upn: pupils.upn, firstName: pupils.firstName, lastName: pupils.lastName, leftOn: pupils.leftOn }).from(pupils).where(eq(pupils.schoolId, schoolId)),
    useKept ? readKeptMornings(db, schoolId, from, to) : Promise.resolve(new Map<IsoDate, KeptMorning>()),
  ]);
  const policyOn = policyByDay(versions);
  const pupilById = new Map(roll.map((p) => [p.id, p]));
  const pupilByUpn = new Map(roll.map((p) => [p.upn, p]));
  const days = calendar.schoolDaysBetween(from, to);
  const firstMissing = days.find((d) => !kept.has(d));
  if (firstMissing !== undefined) {
    const replayed = await replayFrom(db, schoolId, calendar, policyOn, versions, pupilByUpn, firstMissing, to);
    if (useKept) await keepMornings(db, schoolId, version, replayed);
    for (const m of replayed) kept.set(m.day, m);
  }

  const tracker = new EpisodeTracker();
  const closedBecause: Partial<Record<ClosureReason, number>> = {};
  for (const day of days) {
    const m = kept.get(day)!;
    const actions: { upn: string; action: ActionKind }[] = [];
    for (const a of m.actions) {
      const p = pupilById.get(a.pupilId);
      if (p) actions.push({ upn: p.upn, action: a.action });
    }
    tracker.add({ day, actions });
    // An episode closed on the range's first morning was listed before the range: not one of its episodes.
    if (day > from) for (const c of m.closures) closedBecause[c.reason] = (closedBecause[c.reason] ?? 0) + 1;
  }
  const result = tracker.episodes();
  const episodes = result.map((e) => {
    const p = pupilByUpn.get(e.upn)!;
    return { ...e, pupilId: p.id, firstName: p.firstName, lastName: p.lastName };
  });
  return { from, to, episodes, summary: summarise(result), policyName: policyOn(to).name, closedBecause };
}

/**
 * The mornings from `first` to `to`, replayed from the records, each with the
 * episodes it closed (against the school day before `first`, replayed too).
 */
async function replayFrom(
  db: Executor,
  schoolId: string,
  calendar: SchoolCalendar,
  policyOn: (day: IsoDate) => PolicyTemplate,
  versions: readonly PolicyVersion[],
  byUpn: ReadonlyMap<string, { id: string; leftOn: string | null }>,
  first: IsoDate,
  to: IsoDate,
): Promise<KeptMorning[]> {
  const start = calendar.previousSchoolDay(first);
  const inRange = [...new Set([policyOn(start), ...versions.filter((v) => v.effectiveFrom > start && v.effectiveFrom <= to).map((v) => v.policy)])];
  const loaded = await loadSchoolRange(db, schoolId, start, to, inRange);

  // A referral answers its action from the morning after it is recorded, for the episode it was opened in.
  const kinds = [...new Set(Object.values(REFERRAL_FOR_ACTION))];
  const recorded = await db
    .select({ pupilId: referrals.pupilId, kind: referrals.kind, openedOn: referrals.openedOn })
    .from(referrals)
    .where(and(eq(referrals.schoolId, schoolId), inArray(referrals.kind, kinds), lt(referrals.openedOn, to)));
  const openedOn = new Map<string, IsoDate[]>();
  const referralDays = new Map<string, IsoDate[]>();
  for (const r of recorded) {
    const key = `${r.pupilId} ${r.kind}`;
    openedOn.set(key, [...(openedOn.get(key) ?? []), r.openedOn]);
    referralDays.set(r.pupilId, [...(referralDays.get(r.pupilId) ?? []), r.openedOn]);
  }
  const reasonOf = closureReasonOf(loaded.input, (d) => calendar.nextSchoolDay(d), (upn, after, before) => {
    const id = byUpn.get(upn)?.id;
    return (id ? (referralDays.get(id) ?? []) : []).some((d) => d >= after && d < before);
  });

  const out: KeptMorning[] = [];
  let before: { day: IsoDate; listed: Map<string, { pupilId: string; action: ActionKind; upn: string }> } | null = null;
  replayMornings(
    policyOn(to),
    { ...loaded.input, from: start, to },
    ({ day, actions }) => {
      const listed = new Map<string, { pupilId: string; action: ActionKind; upn: string }>();
      for (const a of actions) {
        const p = byUpn.get(a.upn);
        // The morning's list is of the pupils on roll that morning.
        if (!p || (p.leftOn !== null && p.leftOn < day)) continue;
        const key = `${p.id} ${a.action}`;
        if (!listed.has(key)) listed.set(key, { pupilId: p.id, action: a.action, upn: a.upn });
      }
      if (day >= first) {
        const closures = before ? [...before.listed].filter(([k]) => !listed.has(k)).map(([, a]) => ({ pupilId: a.pupilId, action: a.action, reason: reasonOf({ upn: a.upn, lastListed: before!.day }) })) : [];
        out.push({ day, actions: [...listed.values()].map(({ pupilId, action }) => ({ pupilId, action })), closures });
      }
      before = { day, listed };
    },
    {
      policyOn,
      answered: (day, action) => {
        const kind = REFERRAL_FOR_ACTION[action.action];
        const pupil = byUpn.get(action.upn);
        if (!kind || !pupil) return false;
        const begun = episodeStart(action) ?? "";
        return (openedOn.get(`${pupil.id} ${kind}`) ?? []).some((d) => d < day && d >= begun);
      },
    },
  );
  return out;
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
