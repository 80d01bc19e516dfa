import { schoolYearStart } from "../attendance-summary";
import type { AttendanceCode } from "../codes";
import { addDays, epochDayOf, toIsoDate, type EpochDay, type IsoDate } from "../iso-date";
import type { SchoolCalendar } from "../school-calendar";
import { DUTY_PRIORITY, REGULATION, type StatutoryAction, type StatutoryDuty, type StatutoryFacts } from "./duties";
import { returnFormOf, type LaPack } from "./la-packs";
import { isSicknessDay, isUnauthorisedDay, type PupilRegister } from "./register";
import { DELETION_GROUND_CLAUSE, GROUNDS_NEEDING_JOINT_ENQUIRIES, WHEREABOUTS_UNKNOWN_SCHOOL_DAYS, type RecordedGround } from "./deletion-grounds";

/** A pupil as the law sees them: the register's pupil, with what the admission register and the vulnerability flags add. */
export interface StatutoryPupil {
  upn: string;
  vulnerable?: boolean;
  /** Has a social worker (child in need, child protection plan, looked after); defaults to `vulnerable`. */
  knownToSocialCare?: boolean;
  /** The day the pupil's name was added to the admission register. */
  joinedOn?: IsoDate;
  /** Deletion grounds the school recorded as met (PRR 2024 reg 9); the register alone decides whereabouts unknown. */
  deletionGrounds?: readonly RecordedGround[];
}

export interface DutyContext {
  today: EpochDay;
  todayIso: IsoDate;
  calendar: SchoolCalendar;
  pack: LaPack;
}

export type DutyCheck = (pupil: StatutoryPupil, register: PupilRegister, ctx: DutyContext) => StatutoryAction[];

function action(upn: string, duty: StatutoryDuty, dueOn: IsoDate, episodeKey: string, reason: string, facts: StatutoryFacts): StatutoryAction {
  return { upn, duty, source: "law", regulation: REGULATION[duty], reason, priority: DUTY_PRIORITY[duty], dueOn, episodeKey, facts };
}

/** The `n`-th school day after `date` (not counting `date`). */
function schoolDaysAfter(calendar: SchoolCalendar, date: IsoDate, n: number): IsoDate {
  let d = date;
  for (let i = 0; i < n; i++) d = calendar.nextSchoolDay(d);
  return d;
}

/** School days from today backwards while `holds`, oldest first. */
function runEndingToday(register: PupilRegister, ctx: DutyContext, holds: (codes: readonly AttendanceCode[]) => boolean): EpochDay[] {
  const days: EpochDay[] = [];
  let d = ctx.today;
  // A day with no marks breaks any run, so this stops at the pupil's earliest mark.
  while (holds(register.countedOn(d))) {
    days.push(d);
    d = epochDayOf(ctx.calendar.previousSchoolDay(toIsoDate(d)));
  }
  return days.reverse();
}

/**
 * PRR 2024 reg 13: the LA is told of a pupil absent without authorisation for
 * 10 continuous school days, once per episode (the run of unauthorised days).
 * A pack with follow-ups (Hertfordshire) owes a further form each so many
 * school days the episode goes on.
 */
export const tenDayReturn: DutyCheck = (pupil, register, ctx) => {
  const form = returnFormOf(ctx.pack, "ten_day_return");
  if (!form) return [];
  const run = runEndingToday(register, ctx, isUnauthorisedDay);
  const n = form.thresholdSchoolDays;
  if (run.length < n) return [];
  const start = toIsoDate(run[0]!);
  const out: StatutoryAction[] = [];
  for (let k = 0, reach = n; reach <= run.length; k++, reach += form.followUpEverySchoolDays) {
    const reachedOn = toIsoDate(run[reach - 1]!);
    const label = k === 0 ? "" : ` (follow-up ${k})`;
    out.push(
      action(
        pupil.upn,
        "ten_day_return",
        schoolDaysAfter(ctx.calendar, reachedOn, form.dueWithinSchoolDays),
        k === 0 ? `unauthorised:${start}` : `unauthorised:${start}:follow-up-${k}`,
        `${reach} consecutive school days of unauthorised absence (G, N, O, U) from ${start} to ${reachedOn}${label}: return to the local authority.`,
        { episodeStart: start, days: run.length, windowStart: start, windowEnd: ctx.todayIso },
      ),
    );
    if (form.followUpEverySchoolDays === 0) break;
  }
  return out;
};

/**
 * PRR 2024 reg 13: 15 school days of absence through sickness, consecutive or
 * in total over the school year. A run of sickness that began in the previous
 * school year is counted whole.
 */
export const sicknessReturn: DutyCheck = (pupil, register, ctx) => {
  const form = returnFormOf(ctx.pack, "sickness_return");
  if (!form) return [];
  const run = runEndingToday(register, ctx, isSicknessDay);
  const yearStart = schoolYearStart(ctx.todayIso);
  const from = run.length > 0 && toIsoDate(run[0]!) < yearStart ? toIsoDate(run[0]!) : yearStart;
  let count = 0;
  let reachedOn: IsoDate | undefined;
  let first: IsoDate | undefined;
  for (const day of ctx.calendar.schoolDaysBetween(from, ctx.todayIso)) {
    if (!isSicknessDay(register.countedOn(epochDayOf(day)))) continue;
    first ??= day;
    count++;
    if (count === form.thresholdSchoolDays) reachedOn = day;
  }
  if (reachedOn === undefined) return [];
  const consecutive = run.length >= form.thresholdSchoolDays;
  return [
    action(
      pupil.upn,
      "sickness_return",
      schoolDaysAfter(ctx.calendar, reachedOn, form.dueWithinSchoolDays),
      `sickness:${from}`,
      `${count} school days of absence through sickness (I) since ${first!}${consecutive ? `, ${run.length} of them consecutive to today` : " in the school year"}; the 15th was ${reachedOn}: return to the local authority.`,
      { episodeStart: first!, days: count, windowStart: from, windowEnd: ctx.todayIso },
    ),
  ];
};

/** PRR 2024 reg 13: a new entry to the admission register is returned by the end of the fifth school day after joining. */
export const newPupilReturn: DutyCheck = (pupil, _register, ctx) => {
  const form = returnFormOf(ctx.pack, "new_pupil_return");
  if (!form || pupil.joinedOn === undefined || pupil.joinedOn > ctx.todayIso) return [];
  // Joiners of earlier school years were returned then.
  if (pupil.joinedOn < schoolYearStart(ctx.todayIso)) return [];
  const dueOn = schoolDaysAfter(ctx.calendar, pupil.joinedOn, form.thresholdSchoolDays);
  return [
    action(pupil.upn, "new_pupil_return", dueOn, `joined:${pupil.joinedOn}`, `Added to the admission register on ${pupil.joinedOn}: return to the local authority by the end of ${dueOn}.`, {
      episodeStart: pupil.joinedOn,
    }),
  ];
};

/**
 * PRR 2024 reg 13: a deletion return, as soon as a reg 9 ground is met and
 * before the name leaves the register. Each ground the school recorded is one
 * return; 20 continuous school days of unauthorised absence (terms and
 * holidays as the calendar has them) open the whereabouts-unknown ground,
 * whose return is complete only with the joint enquiries with the LA recorded.
 */
export const deletionReturn: DutyCheck = (pupil, register, ctx) => {
  const form = returnFormOf(ctx.pack, "deletion_return");
  if (!form) return [];
  const out: StatutoryAction[] = [];
  for (const g of pupil.deletionGrounds ?? []) {
    if (g.metOn > ctx.todayIso || g.ground === "whereabouts_unknown") continue;
    const dueOn = ctx.calendar.isSchoolDay(g.metOn) ? g.metOn : ctx.calendar.nextSchoolDay(g.metOn);
    const enquire = GROUNDS_NEEDING_JOINT_ENQUIRIES.has(g.ground);
    out.push(
      action(pupil.upn, "deletion_return", schoolDaysAfter(ctx.calendar, dueOn, form.dueWithinSchoolDays), `deletion:${g.ground}:${g.metOn}`, `Deletion ground met on ${g.metOn} (${DELETION_GROUND_CLAUSE[g.ground]})${g.detail ? `: ${g.detail}` : ""}. Return to the local authority before the name leaves the register${enquire ? ", with the joint enquiries with the LA recorded" : ""}.`, {
        episodeStart: g.metOn,
        deletionGround: g.ground,
        needsJointEnquiries: enquire,
      }),
    );
  }
  const run = runEndingToday(register, ctx, isUnauthorisedDay);
  // The law's 20 days; a pack may not wait longer.
  const n = Math.min(form.thresholdSchoolDays, WHEREABOUTS_UNKNOWN_SCHOOL_DAYS);
  if (run.length >= n) {
    const start = toIsoDate(run[0]!);
    const reachedOn = toIsoDate(run[n - 1]!);
    out.push(
      action(
        pupil.upn,
        "deletion_return",
        schoolDaysAfter(ctx.calendar, reachedOn, form.dueWithinSchoolDays),
        `deletion:whereabouts_unknown:${start}`,
        `${run.length} continuous school days of unauthorised absence from ${start} (the ${n}th on ${reachedOn}): if the child's whereabouts are still unknown after reasonable enquiries made jointly with the local authority, the name may be deleted (${DELETION_GROUND_CLAUSE.whereabouts_unknown}). Record the enquiries (who at the LA, when, what), then return to the LA before the name leaves the register.`,
        { episodeStart: start, days: run.length, windowStart: start, windowEnd: ctx.todayIso, deletionGround: "whereabouts_unknown", needsJointEnquiries: true },
      ),
    );
  }
  return out;
};

/** WTISA 2024: `N` is a holding code, to be replaced within 5 school days; the marks still `N` past that. */
export const nCodeOverdue: DutyCheck = (pupil, register, ctx) => {
  const overdue: string[] = [];
  let earliestDue: IsoDate | undefined;
  for (const day of register.days()) {
    if (day >= ctx.today) continue;
    const date = toIsoDate(day);
    if (!ctx.calendar.isSchoolEpochDay(day)) continue;
    const due = schoolDaysAfter(ctx.calendar, date, 5);
    if (due >= ctx.todayIso) continue;
    for (const m of register.marksOn(day)) {
      if (m.code !== "N") continue;
      overdue.push(`${date} ${m.session}`);
      if (earliestDue === undefined || due < earliestDue) earliestDue = due;
    }
  }
  if (overdue.length === 0) return [];
  overdue.sort();
  return [
    action(pupil.upn, "n_code_overdue", earliestDue!, "n-overdue", `${overdue.length} mark${overdue.length === 1 ? "" : "s"} still N more than 5 school days on: ${overdue.join(", ")}.`, {
      overdueN: overdue,
      sessions: overdue.length,
    }),
  ];
};

/** WTISA 2024: a child with a social worker who is absent without explanation: tell the social worker today. */
export const tellSocialWorker: DutyCheck = (pupil, register, ctx) => {
  if (!(pupil.knownToSocialCare ?? pupil.vulnerable ?? false)) return [];
  if (!register.marksOn(ctx.today).some((m) => m.code === "N")) return [];
  return [
    action(pupil.upn, "tell_social_worker", ctx.todayIso, `unexplained:${ctx.todayIso}`, `Known to social care and absent without explanation (N) on ${ctx.todayIso}: tell the child's social worker today.`, {
      windowStart: ctx.todayIso,
      windowEnd: ctx.todayIso,
    }),
  ];
};

/**
 * WTISA 2024 national framework: 10 sessions of unauthorised absence (G, N, O,
 * U) within a rolling period of 10 school weeks, which may span terms (weeks
 * with no school day are passed over), means the school must consider a
 * penalty notice or other support first (a notice to improve, 3 to 6 weeks
 * as the LA sets).
 */
export const penaltyNoticeConsideration: DutyCheck = (pupil, register, ctx) => {
  const threshold = 10;
  const mondays = ctx.calendar.recentTeachingWeeks(ctx.todayIso, 10);
  const from = toIsoDate(mondays[mondays.length - 1]!);
  let sessions = 0;
  let reachedOn: IsoDate | undefined;
  for (const day of ctx.calendar.schoolDaysBetween(from, ctx.todayIso)) {
    for (const m of register.marksOn(epochDayOf(day))) {
      if (m.code !== "G" && m.code !== "N" && m.code !== "O" && m.code !== "U") continue;
      sessions++;
      if (sessions === threshold) reachedOn = day;
    }
  }
  if (reachedOn === undefined) return [];
  const weeks = ctx.pack.noticeToImproveWeeks;
  const end = addDays(ctx.todayIso, weeks * 7);
  return [
    action(
      pupil.upn,
      "penalty_notice_consideration",
      ctx.todayIso,
      `sessions:${from}`,
      `${sessions} sessions of unauthorised absence (G, N, O, U) in the 10 school weeks from ${from} to ${ctx.todayIso}; the 10th was ${reachedOn}: consider a penalty notice (a notice to improve first: ${ctx.todayIso} to ${end}).`,
      { sessions, windowStart: from, windowEnd: ctx.todayIso, noticeToImprove: { start: ctx.todayIso, end, weeks } },
    ),
  ];
};

export const DUTY_CHECKS: Record<StatutoryDuty, DutyCheck> = {
  ten_day_return: tenDayReturn,
  sickness_return: sicknessReturn,
  new_pupil_return: newPupilReturn,
  deletion_return: deletionReturn,
  n_code_overdue: nCodeOverdue,
  tell_social_worker: tellSocialWorker,
  penalty_notice_consideration: penaltyNoticeConsideration,
};
