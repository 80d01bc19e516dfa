/**
 * The list for one school and day: the engine run over the school's data with
 * the policy version in force that day, less the actions a recorded referral
 * already answers, pupils named, siblings together, most urgent first. The
 * Today page, the trust view and the daily job all call this.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { nonSchoolDays } from "../../db/schema";
import { evaluate, SchoolCalendar, type Action } from "../../domain/attendance";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { policyInForce, reviewReminder, type ReviewReminder } from "../policy/school-policy";
import { withoutAnsweredActions } from "../referrals/referrals";
import { loadSchoolDay, type PupilRow } from "./load-evaluation-input";

export interface PupilActions {
  pupil: PupilRow;
  actions: Action[];
}

export interface HouseholdActions {
  /** Siblings at one address share one visit, so they are listed together. */
  householdKey: string;
  address: string;
  pupils: PupilActions[];
  /** The most urgent priority among them (1 is most urgent). */
  priority: number;
}

export interface DayList {
  schoolId: string;
  day: IsoDate;
  schoolDay: boolean;
  policy: { version: number; templateId: string; name: string; review: ReviewReminder };
  households: HouseholdActions[];
  actionCount: number;
}

export interface DayListOptions {
  /**
   * Only these pupils (the kept list updated after a sync: src/jobs/daily-lists.ts).
   * Each pupil's actions depend on their own record alone, so they are the ones the
   * whole school's list holds for them; siblings are added from among these only.
   */
  pupilIds?: string[];
}

export async function actionsForDay(db: Executor, schoolId: string, day: IsoDate, opts: DayListOptions = {}): Promise<DayList> {
  const version = await policyInForce(db, schoolId, day);
  const policyInfo = { version: version.version, templateId: version.templateId, name: version.policy.name, review: reviewReminder(version.policy, day) };
  // Reads what this policy's rules look at: children whose run or streak reaches back further are read in full.
  const loaded = await loadSchoolDay(db, schoolId, day, { policy: version.policy, ...(opts.pupilIds ? { pupilIds: opts.pupilIds } : {}) });
  const calendar = new SchoolCalendar(loaded.input.nonSchoolDays);
  if (!calendar.isSchoolDay(day)) return { schoolId, day, schoolDay: false, policy: policyInfo, households: [], actionCount: 0 };

  const byUpn = new Map(loaded.pupils.map((p) => [p.upn, p]));
  // An action leaves the list once the referral or notification it calls for is recorded.
  const actions = await withoutAnsweredActions(db, schoolId, day, evaluate(version.policy, loaded.input).actions, (upn) => byUpn.get(upn)?.id);

  const households = new Map<string, HouseholdActions>();
  for (const action of actions) {
    const pupil = byUpn.get(action.upn)!;
    const key = pupil.householdKey ?? `pupil:${pupil.id}`;
    let h = households.get(key);
    if (!h) {
      h = { householdKey: key, address: [pupil.addressLine1, pupil.town, pupil.postcode].filter(Boolean).join(", "), pupils: [], priority: action.priority };
      households.set(key, h);
    }
    let entry = h.pupils.find((p) => p.pupil.id === pupil.id);
    if (!entry) h.pupils.push((entry = { pupil, actions: [] }));
    entry.actions.push(action);
    h.priority = Math.min(h.priority, action.priority);
  }
  // Siblings with nothing due are shown too: one visit to the address sees them all.
  const siblings = new Map<string, PupilRow[]>();
  for (const p of loaded.pupils) {
    if (p.householdKey !== null && households.has(p.householdKey)) {
      const list = siblings.get(p.householdKey);
      if (list) list.push(p);
      else siblings.set(p.householdKey, [p]);
    }
  }
  for (const h of households.values()) {
    if (h.householdKey.startsWith("pupil:")) continue;
    for (const p of siblings.get(h.householdKey) ?? []) {
      if (!h.pupils.some((e) => e.pupil.id === p.id)) h.pupils.push({ pupil: p, actions: [] });
    }
  }
  return {
    schoolId,
    day,
    schoolDay: true,
    policy: policyInfo,
    households: [...households.values()].sort((a, b) => a.priority - b.priority),
    actionCount: actions.length,
  };
}

/** The list as a caller of limited reach sees it: only the children they reach, and the households left with one (`null`: all). */
export function listWithin(list: DayList, reached: ReadonlySet<string> | null): DayList {
  if (reached === null) return list;
  const households = list.households
    .map((h) => ({ ...h, pupils: h.pupils.filter((p) => reached.has(p.pupil.id)) }))
    // A household left with only siblings who have nothing due was listed for a child out of reach.
    .filter((h) => h.pupils.some((p) => p.actions.length > 0))
    .map((h) => ({ ...h, priority: Math.min(...h.pupils.flatMap((p) => p.actions.map((a) => a.priority))) }));
  return { ...list, households, actionCount: households.reduce((n, h) => n + h.pupils.reduce((m, p) => m + p.actions.length, 0), 0) };
}

/** `day` if it is a school day, else the school day before it (the Today page on a weekend shows Friday). */
export async function latestSchoolDay(db: Executor, schoolId: string, day: IsoDate): Promise<IsoDate> {
  const closed = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closed.map((c) => c.day));
  return calendar.isSchoolDay(day) ? day : calendar.previousSchoolDay(day);
}
