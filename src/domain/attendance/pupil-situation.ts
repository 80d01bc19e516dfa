import {
  DAY,
  isAbsenceDay,
  isAllHolidayDay,
  isSeenDay,
  type AttendanceLedger,
  type SessionTotals,
} from "./attendance-ledger";
import type { Contact, Visit } from "./evaluation-input";
import { epochDayOf, toIsoDate, type EpochDay, type IsoDate } from "./iso-date";
import type { SchoolCalendar } from "./school-calendar";

/** What every rule can see on the morning the list is made. */
export interface EvaluationContext {
  today: EpochDay;
  calendar: SchoolCalendar;
  ledger: AttendanceLedger;
  /** School days from today backwards, as far as the earliest mark of any pupil. */
  schoolDaysBack: Int32Array;
}

/** The consecutive school days of absence ending today; today is Day `days`. */
export interface AbsenceRun {
  start: IsoDate;
  startDay: EpochDay;
  days: number;
}

/**
 * The consecutive school days ending today that are not seen days, all-`G`
 * days passed over. `since` is the first school day counted.
 */
export interface UnseenStreak {
  since: IsoDate;
  sinceDay: EpochDay;
  days: number;
}

export function schoolDaysBack(calendar: SchoolCalendar, today: EpochDay, earliest: EpochDay): Int32Array {
  const days: number[] = [];
  for (let d = today; d >= earliest; d--) if (calendar.isSchoolEpochDay(d)) days.push(d);
  return Int32Array.from(days);
}

/** One pupil seen through the definitions of shared/spec/evaluate.md; each measure is computed at most once. */
export class PupilSituation {
  private runMemo: AbsenceRun | null | undefined;
  private streakMemo: UnseenStreak | null | undefined;

  constructor(
    private readonly ctx: EvaluationContext,
    readonly index: number,
    readonly upn: string,
    readonly vulnerable: boolean,
  ) {}

  get today(): EpochDay {
    return this.ctx.today;
  }

  /** Null when today is not an absence day. */
  get run(): AbsenceRun | null {
    if (this.runMemo === undefined) this.runMemo = this.measureRun();
    return this.runMemo;
  }

  /** Null when today is a seen day, or no school day counts. */
  get streak(): UnseenStreak | null {
    if (this.streakMemo === undefined) this.streakMemo = this.measureStreak();
    return this.streakMemo;
  }

  get todayMarksIncludeN(): boolean {
    return (this.ctx.ledger.flagsOn(this.index, this.ctx.today) & DAY.HAS_N) !== 0;
  }

  flagsOn(day: EpochDay): number {
    return this.ctx.ledger.flagsOn(this.index, day);
  }

  sessionTotals(from: EpochDay, to: EpochDay): SessionTotals {
    return this.ctx.ledger.sessionTotals(this.index, from, to);
  }

  /**
   * "reached": a contact with `reached: true` dated within the absence run. The
   * run is read as the span from its first school day to today, so a parent
   * reached on the Saturday inside a run counts; a contact before the run does not.
   */
  parentReachedDuring(run: AbsenceRun): Contact | undefined {
    return this.ctx.ledger
      .contactsOf(this.index)
      .find((c) => c.reached && this.within(c.date, run.startDay, this.ctx.today));
  }

  /** A home visit made during the run (same span as `parentReachedDuring`); a `cancelled` visit was not made. */
  visitMadeDuring(run: AbsenceRun): Visit | undefined {
    return this.ctx.ledger
      .visitsOf(this.index)
      .find((v) => v.outcome !== "cancelled" && this.within(v.date, run.startDay, this.ctx.today));
  }

  /**
   * The latest visit with outcome `no_contact` dated from `from` to today. For
   * burgh 9, "during the unseen streak" is read as from the streak's first
   * counted school day to today.
   */
  latestNoContactVisitSince(from: EpochDay): Visit | undefined {
    let latest: Visit | undefined;
    for (const v of this.ctx.ledger.visitsOf(this.index)) {
      if (v.outcome === "no_contact" && this.within(v.date, from, this.ctx.today) && (!latest || v.date > latest.date)) {
        latest = v;
      }
    }
    return latest;
  }

  /** A contact that reached a parent dated on or after `date` (spec burgh 9: "on or after that visit's date"). */
  parentReachedOnOrAfter(date: IsoDate): Contact | undefined {
    return this.ctx.ledger.contactsOf(this.index).find((c) => c.reached && c.date >= date);
  }

  private within(date: IsoDate, from: EpochDay, to: EpochDay): boolean {
    const d = epochDayOf(date);
    return d >= from && d <= to;
  }

  private measureRun(): AbsenceRun | null {
    let days = 0;
    let startDay = 0;
    // Days before the earliest mark carry no mark, so are not absence days: the run stops there.
    for (const day of this.ctx.schoolDaysBack) {
      if (!isAbsenceDay(this.flagsOn(day))) break;
      days++;
      startDay = day;
    }
    return days === 0 ? null : { start: toIsoDate(startDay), startDay, days };
  }

  private measureStreak(): UnseenStreak | null {
    const earliest = this.ctx.ledger.earliestMarkDay(this.index);
    if (earliest === null) return null;
    let days = 0;
    let sinceDay = 0;
    for (const day of this.ctx.schoolDaysBack) {
      if (day < earliest) break;
      const flags = this.flagsOn(day);
      if (isSeenDay(flags)) break;
      // A day whose marks are all G is a known holiday: it neither counts nor breaks the streak.
      // Read literally, "all" covers every mark that day, not-possible codes included.
      if (isAllHolidayDay(flags)) continue;
      days++;
      sinceDay = day;
    }
    return days === 0 ? null : { since: toIsoDate(sinceDay), sinceDay, days };
  }
}
