/**
 * When a school's Wonde feed syncs (Doorstep default; the schedule):
 * every 10 minutes from 08:30 to 10:30, while registers close and late marks
 * and corrections arrive, then on the hour until 16:00, on school days only.
 * Pure: the school's local date and minute are parameters.
 */
import type { IsoDate } from "./iso-date";

/** A school's own schedule (set on the Imports page): every `busyEvery` minutes from `busyFrom` to `busyUntil`, then on the hour until `hourlyUntil`. Minutes since midnight, school time. */
export interface SyncSchedule {
  busyFrom: number;
  busyUntil: number;
  busyEvery: number;
  hourlyUntil: number;
}

export const DEFAULT_SYNC_SCHEDULE: SyncSchedule = { busyFrom: 8 * 60 + 30, busyUntil: 10 * 60 + 30, busyEvery: 10, hourlyUntil: 16 * 60 };

/** The field at fault and why, or null for a schedule Doorstep can keep. */
export function scheduleFault(s: SyncSchedule): { field: keyof SyncSchedule; message: string } | null {
  const day = (m: number) => Number.isInteger(m) && m >= 0 && m < 24 * 60;
  if (!day(s.busyFrom)) return { field: "busyFrom", message: "is a time of day, such as 08:30" };
  if (!day(s.busyUntil) || s.busyUntil < s.busyFrom) return { field: "busyUntil", message: "is a time of day no earlier than the start" };
  if (!Number.isInteger(s.busyEvery) || s.busyEvery < 5 || s.busyEvery > 60) return { field: "busyEvery", message: "is between 5 and 60 minutes (Wonde asks that feeds are not read more often)" };
  if (!day(s.hourlyUntil) || s.hourlyUntil < s.busyUntil) return { field: "hourlyUntil", message: "is a time of day no earlier than the end of the busy period" };
  return null;
}

/** The minutes of the day a schedule syncs at, in order. */
export function scheduleMinutes(s: SyncSchedule): number[] {
  const out: number[] = [];
  for (let m = s.busyFrom; m <= s.busyUntil; m += s.busyEvery) out.push(m);
  for (let h = Math.floor(s.busyUntil / 60) + 1; h * 60 <= s.hourlyUntil; h++) out.push(h * 60);
  return out;
}

export const SYNC_MINUTES: readonly number[] = scheduleMinutes(DEFAULT_SYNC_SCHEDULE);

export interface LocalMinute {
  day: IsoDate;
  /** Minutes since midnight, school time. */
  minute: number;
}

const key = (t: LocalMinute) => `${t.day} ${String(t.minute).padStart(4, "0")}`;

/** The latest slot at or before `now` today, or null before the first (or on a day that is not a school day). */
export function currentSlot(now: LocalMinute, isSchoolDay: boolean, schedule: SyncSchedule = DEFAULT_SYNC_SCHEDULE): LocalMinute | null {
  if (!isSchoolDay) return null;
  const passed = scheduleMinutes(schedule).filter((m) => m <= now.minute);
  return passed.length ? { day: now.day, minute: passed[passed.length - 1]! } : null;
}

/** A sync is due when a slot has passed since the last one (a server down at 09:00 syncs when it is back, once). */
export function syncDue(now: LocalMinute, lastSync: LocalMinute | null, isSchoolDay: boolean, schedule: SyncSchedule = DEFAULT_SYNC_SCHEDULE): boolean {
  const slot = currentSlot(now, isSchoolDay, schedule);
  return slot !== null && (lastSync === null || key(lastSync) < key(slot));
}

/** The next slot after `now`; `schoolDayAfter` gives the following school day. */
export function nextSlot(now: LocalMinute, isSchoolDay: boolean, schoolDayAfter: (day: IsoDate) => IsoDate, schedule: SyncSchedule = DEFAULT_SYNC_SCHEDULE): LocalMinute {
  const minutes = scheduleMinutes(schedule);
  const later = isSchoolDay ? minutes.find((m) => m > now.minute) : undefined;
  return later !== undefined ? { day: now.day, minute: later } : { day: schoolDayAfter(now.day), minute: minutes[0]! };
}

/**
 * The next sync strictly after `now`, given the schedule and the school's calendar
 * (`isSchoolDay` for any date, `dayAfter` the calendar's next date). Null when no
 * school day comes within `horizonDays` (a school closed for good).
 */
export function nextSyncAfter(now: LocalMinute, schedule: SyncSchedule, isSchoolDay: (day: IsoDate) => boolean, dayAfter: (day: IsoDate) => IsoDate, horizonDays = 400): LocalMinute | null {
  const minutes = scheduleMinutes(schedule);
  let day = now.day;
  for (let i = 0; i <= horizonDays; i++, day = dayAfter(day)) {
    if (!isSchoolDay(day)) continue;
    const m = i === 0 ? minutes.find((x) => x > now.minute) : minutes[0];
    if (m !== undefined) return { day, minute: m };
  }
  return null;
}

export function minuteText(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
