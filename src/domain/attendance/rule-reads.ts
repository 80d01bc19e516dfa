/**
 * What each absence rule reads, beside the rules themselves: how far back its
 * window starts, and whether it follows an absence run or an unseen streak back
 * from today (which can reach any distance, so those children are read again in
 * full). The table is keyed by every rule kind: a new kind that forgets to say
 * what it reads does not compile, where a forgotten set entry would have read
 * too little and given a wrong list with no error.
 */
import type { AbsenceRuleKind, AbsenceRuleOf, PolicyTemplate } from "../policy/template";
import { isAbsenceDay, isSeenDay, type LedgerInput } from "./attendance-ledger";
import { prepareEvaluation } from "./evaluation-context";
import { epochDayOf, monthsBefore, toIsoDate, type EpochDay, type IsoDate } from "./iso-date";
import type { SchoolCalendar } from "./school-calendar";

/**
 * School days read for rules that follow an absence run or an unseen streak.
 * Any value gives the same answer (longer runs are read again in full); two
 * weeks keeps both the rows read and the children read again few.
 */
export const RECENT_SCHOOL_DAYS = 10;

interface RuleReads<K extends AbsenceRuleKind> {
  /** The first day the rule looks at on `day`. */
  windowStart: (rule: AbsenceRuleOf<K>, calendar: SchoolCalendar, day: IsoDate) => IsoDate;
  /** It follows the child's current run of absence days back from today. */
  followsAbsenceRun: boolean;
  /** It follows the child's current streak of days unseen back from today. */
  followsUnseenStreak: boolean;
}

const recent = (_rule: unknown, calendar: SchoolCalendar, day: IsoDate) => calendar.lastSchoolDays(day, RECENT_SCHOOL_DAYS)[0]!;

export const RULE_READS: { [K in AbsenceRuleKind]: RuleReads<K> } = {
  contact_parents: { windowStart: recent, followsAbsenceRun: true, followsUnseenStreak: false },
  safe_and_well_visit: { windowStart: recent, followsAbsenceRun: true, followsUnseenStreak: false },
  unannounced_visit: { windowStart: recent, followsAbsenceRun: true, followsUnseenStreak: true },
  eyes_on_visit: { windowStart: recent, followsAbsenceRun: false, followsUnseenStreak: true },
  consider_cme_referral: { windowStart: recent, followsAbsenceRun: false, followsUnseenStreak: true },
  notify_local_authority: { windowStart: (rule, calendar, day) => calendar.lastSchoolDays(day, rule.consecutiveUnauthorisedSchoolDays)[0]!, followsAbsenceRun: false, followsUnseenStreak: false },
  legal_threshold_review: { windowStart: (rule, _calendar, day) => monthsBefore(day, rule.months), followsAbsenceRun: false, followsUnseenStreak: false },
  penalty_notice_review: { windowStart: (rule, calendar, day) => toIsoDate(calendar.recentTeachingWeeks(day, rule.weeks).at(-1)!), followsAbsenceRun: false, followsUnseenStreak: false },
};

function readsOf<K extends AbsenceRuleKind>(rule: AbsenceRuleOf<K>): RuleReads<K> {
  return RULE_READS[rule.kind as K];
}

/**
 * The first day any rule of the policy looks at. Rules over a fixed span start
 * where their span does; rules over runs and streaks start RECENT_SCHOOL_DAYS
 * back, the rest being read for the children who need it.
 */
export function windowFor(policy: PolicyTemplate, calendar: SchoolCalendar, day: IsoDate): IsoDate {
  let since = day;
  for (const rule of policy.absenceRules) {
    const start = readsOf(rule).windowStart(rule, calendar, day);
    if (start < since) since = start;
  }
  return since;
}

/**
 * Children whose absence run or unseen streak (as the policy's rules follow
 * them) is not closed by a school day inside the window: all school days from
 * `since` to today are absence days, or none of them is a seen day. Only for
 * them can older records change the answer.
 */
export function openRunsAndStreaks(policy: PolicyTemplate, calendar: SchoolCalendar, input: LedgerInput, since: IsoDate): string[] {
  const runs = policy.absenceRules.some((r) => readsOf(r).followsAbsenceRun);
  const streaks = policy.absenceRules.some((r) => readsOf(r).followsUnseenStreak);
  if (!runs && !streaks) return [];
  const { ctx, pupilIndex } = prepareEvaluation(input);
  const days: EpochDay[] = [];
  for (let d = ctx.today, first = epochDayOf(since); d >= first; d--) if (calendar.isSchoolEpochDay(d)) days.push(d);
  const open: string[] = [];
  input.pupils.forEach((p, i) => {
    if (pupilIndex.get(p.upn) !== i) return;
    const runClosed = !runs || days.some((d) => !isAbsenceDay(ctx.ledger.flagsOn(i, d)));
    const streakClosed = !streaks || days.some((d) => isSeenDay(ctx.ledger.flagsOn(i, d)));
    if (!runClosed || !streakClosed) open.push(p.upn);
  });
  return open;
}
