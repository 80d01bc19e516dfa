import { InvalidInput } from "../errors";
import { addDays, epochDayOf, isWeekend, mondayOf, toIsoDate, type IsoDate } from "./iso-date";
import type { SchoolCalendar } from "./school-calendar";

/** The ranges the Compliance page offers besides a custom one. */
export const PERIODS = ["this_week", "half_term", "six_weeks"] as const;
export type Period = (typeof PERIODS)[number];

/** Weekdays closed in a row that make a holiday (a half-term break), not a bank holiday or an INSET day. */
const HOLIDAY_WEEKDAYS = 3;
/** How far back "this half-term" looks when the calendar holds no holiday (a school yet to enter its term dates). */
const HALF_TERM_CAP_DAYS = 8 * 7;

export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

/**
 * The school days of a range a person picked: `from` moved forward and `to`
 * back to the nearest school day, so "from Monday" works in a week that
 * starts with a bank holiday. Refuses a range with no school day in it.
 */
export function schoolDaysOf(calendar: SchoolCalendar, from: IsoDate, to: IsoDate): DayRange {
  if (from > to) throw new InvalidInput("to", `${to} is before from (${from})`);
  const first = calendar.isSchoolDay(from) ? from : calendar.nextSchoolDay(from);
  const last = calendar.isSchoolDay(to) ? to : calendar.previousSchoolDay(to);
  if (first > last) throw new InvalidInput("from", `there is no school day from ${from} to ${to}`);
  return { from: first, to: last };
}

/** A named period ending on the latest school day on or before `today`. */
export function periodRange(calendar: SchoolCalendar, today: IsoDate, period: Period): DayRange {
  const to = calendar.isSchoolDay(today) ? today : calendar.previousSchoolDay(today);
  const toDay = epochDayOf(to);
  switch (period) {
    case "this_week":
      return schoolDaysOf(calendar, toIsoDate(mondayOf(toDay)), to);
    case "six_weeks":
      return schoolDaysOf(calendar, toIsoDate(mondayOf(toDay) - 35), to);
    case "half_term": {
      // Since the last holiday: walk back to a run of closed weekdays long enough to be one.
      let closedRun = 0;
      for (let d = toDay - 1; d > toDay - HALF_TERM_CAP_DAYS; d--) {
        if (isWeekend(d)) continue;
        if (calendar.isSchoolEpochDay(d)) closedRun = 0;
        else if (++closedRun >= HOLIDAY_WEEKDAYS) {
          let end = d;
          while (isWeekend(end + 1) || !calendar.isSchoolEpochDay(end + 1)) end++;
          return schoolDaysOf(calendar, toIsoDate(end + 1), to);
        }
      }
      return schoolDaysOf(calendar, addDays(to, -HALF_TERM_CAP_DAYS), to);
    }
  }
}
