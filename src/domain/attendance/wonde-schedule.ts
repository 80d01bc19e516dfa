/**
 * When a school's Wonde feed syncs (Doorstep default; the schedule):
 * every 10 minutes from 08:30 to 10:30, while registers close and late marks
 * and corrections arrive, then on the hour until 16:00, on school days only.
 * Pure: the school's local date and minute are parameters.
 */
import type { IsoDate } from "./iso-date";

export const SYNC_MINUTES: readonly number[] = [
  ...Array.from({ length: 13 }, (_, i) => 8 * 60 + 30 + i * 10),
  ...[11, 12, 13, 14, 15, 16].map((h) => h * 60),
];

export interface LocalMinute {
  day: IsoDate;
  /** Minutes since midnight, school time. */
  minute: number;
}

const key = (t: LocalMinute) => `${t.day} ${String(t.minute).padStart(4, "0")}`;

/** The latest slot at or before `now` today, or null before the first (or on a day that is not a school day). */
export function currentSlot(now: LocalMinute, isSchoolDay: boolean): LocalMinute | null {
  if (!isSchoolDay) return null;
  const passed = SYNC_MINUTES.filter((m) => m <= now.minute);
  return passed.length ? { day: now.day, minute: passed[passed.length - 1]! } : null;
}

/** A sync is due when a slot has passed since the last one (a server down at 09:00 syncs when it is back, once). */
export function syncDue(now: LocalMinute, lastSync: LocalMinute | null, isSchoolDay: boolean): boolean {
  const slot = currentSlot(now, isSchoolDay);
  return slot !== null && (lastSync === null || key(lastSync) < key(slot));
}

/** The next slot after `now`; `schoolDayAfter` gives the following school day. */
export function nextSlot(now: LocalMinute, isSchoolDay: boolean, schoolDayAfter: (day: IsoDate) => IsoDate): LocalMinute {
  const later = isSchoolDay ? SYNC_MINUTES.find((m) => m > now.minute) : undefined;
  return later !== undefined ? { day: now.day, minute: later } : { day: schoolDayAfter(now.day), minute: SYNC_MINUTES[0]! };
}

export function minuteText(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
