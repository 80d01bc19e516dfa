/**
 * The list for one school and day: the engine run over the school's data with
 * the policy version in force that day, pupils named, siblings together, most
 * urgent first. The Today page, the trust view and the daily job all call this.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { nonSchoolDays } from "../../db/schema";
import { evaluate, SchoolCalendar, type Action } from "../../domain/attendance";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { policyInForce, reviewReminder, type ReviewReminder } from "../policy/school-policy";
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

export async function actionsForDay(db: Executor, schoolId: string, day: IsoDate): Promise<DayList> {
  const version = await policyInForce(db, schoolId, day);
  const policyInfo = { version: version.version, templateId: version.templateId, name: version.policy.name, review: reviewReminder(version.policy, day) };
  const loaded = await loadSchoolDay(db, schoolId, day);
  const calendar = new SchoolCalendar(loaded.input.nonSchoolDays);
  if (!calendar.isSchoolDay(day)) return { schoolId, day, schoolDay: false, policy: policyInfo, households: [], actionCount: 0 };

  let actions = evaluate(version.policy, loaded.input).actions;

  // A run or streak that starts at the window's first school day may be longer: read those children in full.
  const firstWindowDay = calendar.isSchoolDay(loaded.windowStart) ? loaded.windowStart : calendar.nextSchoolDay(loaded.windowStart);
  const cut = new Set(actions.filter((a) => (a.facts.runStart ?? "9999") <= firstWindowDay || (a.facts.unseenSince ?? "9999") <= firstWindowDay).map((a) => a.upn));
  if (cut.size > 0) {
    const ids = loaded.pupils.filter((p) => cut.has(p.upn)).map((p) => p.id);
    const full = await loadSchoolDay(db, schoolId, day, { pupilIds: ids, since: addDays(day, -3660) });
    const redone = evaluate(version.policy, full.input).actions;
    actions = [...actions.filter((a) => !cut.has(a.upn)), ...redone].sort((a, b) => a.priority - b.priority || a.upn.localeCompare(b.upn));
  }

  const byUpn = new Map(loaded.pupils.map((p) => [p.upn, p]));
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
  for (const h of households.values()) {
    if (h.householdKey.startsWith("pupil:")) continue;
    for (const p of loaded.pupils) {
      if (p.householdKey === h.householdKey && !h.pupils.some((e) => e.pupil.id === p.id)) h.pupils.push({ pupil: p, actions: [] });
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

/** `day` if it is a school day, else the school day before it (the Today page on a weekend shows Friday). */
export async function latestSchoolDay(db: Executor, schoolId: string, day: IsoDate): Promise<IsoDate> {
  const closed = await db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const calendar = new SchoolCalendar(closed.map((c) => c.day));
  return calendar.isSchoolDay(day) ? day : calendar.previousSchoolDay(day);
}
