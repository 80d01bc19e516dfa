/**
 * Calendar dates as the school knows them: Europe/London calendar days written
 * YYYY-MM-DD. They are never derived from timestamps, so there is no time zone
 * and no clock here; arithmetic is on whole days counted from 1970-01-01
 * (proleptic Gregorian, H. Hinnant's days-from-civil algorithm).
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Whole days since 1970-01-01; the engine's fast representation of an IsoDate. */
export type EpochDay = number;

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysFromCivil(y: number, m: number, d: number): EpochDay {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: EpochDay): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The day number of a well-formed date, or null if it is not a real YYYY-MM-DD date. */
export function parseIsoDate(value: string): EpochDay | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === "string" && parseIsoDate(value) !== null;
}

/**
 * The dates Doorstep accepts from people and files. MIS exports write "no end
 * date" as 9999-12-31, and a date past 9999 no longer sorts as text: every date
 * through the door is held to this century, so no range over them is unbounded.
 */
export const SCHOOL_DATE_MIN: IsoDate = "2000-01-01";
export const SCHOOL_DATE_MAX: IsoDate = "2099-12-31";
export const SCHOOL_DATE_RANGE_TEXT = `a real date from ${SCHOOL_DATE_MIN} to ${SCHOOL_DATE_MAX}`;

export function isSchoolDate(value: unknown): value is IsoDate {
  return isIsoDate(value) && value >= SCHOOL_DATE_MIN && value <= SCHOOL_DATE_MAX;
}

/**
 * Day number of a date already known to be valid (validated at the door).
 * Reads the digits directly: the engine calls this once per register mark.
 */
export function epochDayOf(date: IsoDate): EpochDay {
  const y =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return daysFromCivil(y, m, d);
}

export function toIsoDate(day: EpochDay): IsoDate {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function weekdayOf(day: EpochDay): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7 + 1) as Weekday;
}

export function isWeekend(day: EpochDay): boolean {
  return weekdayOf(day) >= 6;
}

/** The Monday that starts the calendar week (Monday to Sunday) holding `day`. */
export function mondayOf(day: EpochDay): EpochDay {
  return day - (weekdayOf(day) - 1);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(epochDayOf(date) + days);
}

/**
 * The same day-of-month `months` months earlier, or that month's last day if it
 * is shorter (2026-05-31 less 3 months is 2026-02-28).
 */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = civilFromDays(epochDayOf(date));
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return toIsoDate(daysFromCivil(year, month, Math.min(d, daysInMonth(year, month))));
}

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekdayOf(epochDayOf(date)) - 1]!;
}
