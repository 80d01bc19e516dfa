import { epochDayOf, isWeekend, mondayOf, toIsoDate, type EpochDay, type IsoDate } from "./iso-date";

/**
 * Which calendar days are school days: every weekday except the school's
 * non-school days (holidays, INSET, closures). Saturdays and Sundays never are.
 */
export class SchoolCalendar {
  private readonly closed: ReadonlySet<EpochDay>;

  constructor(nonSchoolDays: Iterable<IsoDate> = []) {
    const closed = new Set<EpochDay>();
    for (const d of nonSchoolDays) closed.add(epochDayOf(d));
    this.closed = closed;
  }

  isSchoolDay(date: IsoDate): boolean {
    return this.isSchoolEpochDay(epochDayOf(date));
  }

  isSchoolEpochDay(day: EpochDay): boolean {
    return !isWeekend(day) && !this.closed.has(day);
  }

  /** The last school day strictly before `date`. Terminates: only finitely many weekdays are closed. */
  previousSchoolDay(date: IsoDate): IsoDate {
    let day = epochDayOf(date) - 1;
    while (!this.isSchoolEpochDay(day)) day--;
    return toIsoDate(day);
  }

  nextSchoolDay(date: IsoDate): IsoDate {
    let day = epochDayOf(date) + 1;
    while (!this.isSchoolEpochDay(day)) day++;
    return toIsoDate(day);
  }

  /** School days from `from` to `to`, both inclusive, in date order. */
  schoolDaysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
    const days: IsoDate[] = [];
    for (let d = epochDayOf(from), end = epochDayOf(to); d <= end; d++) {
      if (this.isSchoolEpochDay(d)) days.push(toIsoDate(d));
    }
    return days;
  }

  /** The `count` school days ending on `date` (included if it is a school day), oldest first. */
  lastSchoolDays(date: IsoDate, count: number): IsoDate[] {
    const days: IsoDate[] = [];
    let day = epochDayOf(date);
    if (!this.isSchoolEpochDay(day)) day = epochDayOf(this.previousSchoolDay(date));
    while (days.length < count) {
      days.push(toIsoDate(day));
      day = epochDayOf(this.previousSchoolDay(toIsoDate(day)));
    }
    return days.reverse();
  }

  /** Whether the calendar week (Monday to Sunday) starting `monday` holds at least one school day. */
  weekHasSchoolDay(monday: EpochDay): boolean {
    for (let d = monday; d < monday + 7; d++) if (this.isSchoolEpochDay(d)) return true;
    return false;
  }

  /**
   * The Mondays of the `count` calendar weeks ending with the week of `date` that
   * contain a school day; weeks with none (whole holidays) are passed over.
   * Most recent first.
   */
  recentTeachingWeeks(date: IsoDate, count: number): EpochDay[] {
    const mondays: EpochDay[] = [];
    // A week with no school day needs five closed weekdays, so this stops.
    for (let monday = mondayOf(epochDayOf(date)); mondays.length < count; monday -= 7) {
      if (this.weekHasSchoolDay(monday)) mondays.push(monday);
    }
    return mondays;
  }
}
