/**
 * What a governor or head asks of the replay's episodes beyond the counts
 * (issue 16): how late the late ones were, and how each week went. Pure: the
 * episodes come from compliance.ts.
 */
import type { ActionKind } from "../attendance/actions";
import type { Episode } from "../attendance/compliance";
import { epochDayOf, mondayOf, toIsoDate, type IsoDate } from "../attendance/iso-date";

export interface Lateness {
  /** School days after the first that the action stayed on the list, over episodes closed later. */
  medianDaysLate: number | null;
  worstDaysLate: number | null;
}

/** A closed episode of n school days was answered n - 1 school days late. */
export function lateness(episodes: readonly Pick<Episode, "action" | "closed" | "schoolDays">[]): Partial<Record<ActionKind, Lateness>> {
  const late = new Map<ActionKind, number[]>();
  for (const e of episodes) {
    if (!late.has(e.action)) late.set(e.action, []);
    if (e.closed && e.schoolDays > 1) late.get(e.action)!.push(e.schoolDays - 1);
  }
  const out: Partial<Record<ActionKind, Lateness>> = {};
  for (const [kind, days] of late) out[kind] = { medianDaysLate: median(days), worstDaysLate: days.length ? Math.max(...days) : null };
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface WeekOfEpisodes {
  /** The Monday of the week the episodes began in. */
  weekOf: IsoDate;
  episodes: number;
  closedOnFirstDay: number;
  closedLater: number;
  open: number;
}

/** Episodes by the week they first fell due, in order of week; weeks with none are left out. */
export function weeklyTrend(episodes: readonly Pick<Episode, "firstListed" | "closed" | "schoolDays">[]): WeekOfEpisodes[] {
  const weeks = new Map<IsoDate, WeekOfEpisodes>();
  for (const e of episodes) {
    const weekOf = toIsoDate(mondayOf(epochDayOf(e.firstListed)));
    let w = weeks.get(weekOf);
    if (!w) weeks.set(weekOf, (w = { weekOf, episodes: 0, closedOnFirstDay: 0, closedLater: 0, open: 0 }));
    w.episodes++;
    if (!e.closed) w.open++;
    else if (e.schoolDays === 1) w.closedOnFirstDay++;
    else w.closedLater++;
  }
  return [...weeks.values()].sort((a, b) => a.weekOf.localeCompare(b.weekOf));
}

/** Open episodes that began before `day`: the actions overdue on that morning. */
export function overdueOn<E extends Pick<Episode, "firstListed" | "closed" | "lastListed">>(episodes: readonly E[], day: IsoDate): E[] {
  return episodes.filter((e) => !e.closed && e.lastListed === day && e.firstListed < day);
}
