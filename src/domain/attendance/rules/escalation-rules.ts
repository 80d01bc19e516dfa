import type { AbsenceRuleOf } from "../../policy/template";
import { isUnauthorisedAbsenceDay } from "../attendance-ledger";
import { epochDayOf, monthsBefore, toIsoDate } from "../iso-date";
import type { EvaluationContext, PupilSituation } from "../pupil-situation";
import type { Finding, PupilCheck } from "./finding";

/**
 * Rules that escalate a pattern of absence beyond the school: the local
 * authority, legal proceedings, penalty notices. Their windows are the same
 * for every pupil, so they are worked out once per evaluation.
 */

/** burgh local reporting duties: 10 consecutive unauthorised school days → PNAR. */
export function notifyLocalAuthority(
  rule: AbsenceRuleOf<"notify_local_authority">,
  ctx: EvaluationContext,
): PupilCheck {
  const n = rule.consecutiveUnauthorisedSchoolDays;
  const days = ctx.schoolDaysBack.subarray(0, n);
  // Fewer school days than n since anyone's earliest mark: nobody can have n unauthorised days.
  if (days.length < n) return () => null;
  const from = toIsoDate(days[n - 1]!);
  const to = toIsoDate(ctx.today);
  return (pupil: PupilSituation): Finding | null => {
    for (const day of days) if (!isUnauthorisedAbsenceDay(pupil.flagsOn(day))) return null;
    return {
      reason: `Unauthorised absence on each of the last ${n} school days, ${from} to ${to}.`,
      facts: { windowStart: from, windowEnd: to },
    };
  };
}

/**
 * coteford 4.4: attendance below 90% over three months. The window runs from the
 * same day-of-month three months back (or that month's last day if shorter) to
 * today, both inclusive. A pupil with no possible session in it has no
 * attendance % and so is not below the threshold. Sessions are counted by date,
 * as the spec's definition of attendance % reads (it does not say school days).
 */
export function legalThresholdReview(
  rule: AbsenceRuleOf<"legal_threshold_review">,
  ctx: EvaluationContext,
): PupilCheck {
  const to = toIsoDate(ctx.today);
  const from = monthsBefore(to, rule.months);
  const fromDay = epochDayOf(from);
  return (pupil: PupilSituation): Finding | null => {
    const { attended, possible } = pupil.sessionTotals(fromDay, ctx.today);
    // attended/possible < threshold/100, in integers.
    if (possible === 0 || attended * 100 >= rule.thresholdPercent * possible) return null;
    const percent = (attended * 100) / possible;
    return {
      reason: `Attendance ${Math.floor(percent * 10) / 10}% (${attended} of ${possible} sessions) from ${from} to ${to}, below ${rule.thresholdPercent}%.`,
      facts: { windowStart: from, windowEnd: to, attendancePercent: percent, sessions: possible },
    };
  };
}

/**
 * transform-trust 5.3 with the national framework: 10 sessions coded G, N, O or
 * U within the current and previous 9 calendar weeks (Monday to Sunday) that
 * contain a school day. Read literally, every session in those weeks counts,
 * the rest of the current week included.
 */
export function penaltyNoticeReview(
  rule: AbsenceRuleOf<"penalty_notice_review">,
  ctx: EvaluationContext,
): PupilCheck {
  const mondays = ctx.calendar.recentTeachingWeeks(toIsoDate(ctx.today), rule.weeks);
  const from = toIsoDate(mondays[mondays.length - 1]!);
  const to = toIsoDate(mondays[0]! + 6);
  return (pupil: PupilSituation): Finding | null => {
    let sessions = 0;
    for (const monday of mondays) sessions += pupil.sessionTotals(monday, monday + 6).unauthorisedOrLate;
    if (sessions < rule.sessions) return null;
    return {
      reason: `${sessions} sessions coded G, N, O or U in the ${rule.weeks} school weeks from ${from} to ${to}, at or above the threshold of ${rule.sessions}.`,
      facts: { windowStart: from, windowEnd: to, sessions },
    };
  };
}
