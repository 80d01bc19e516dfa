import type { AbsenceRuleOf } from "../../policy/template";
import type { PupilSituation } from "../pupil-situation";
import type { Finding, PupilCheck } from "./finding";

/**
 * Rules that send someone to the door (or the phone) because a child is absent
 * or unseen. Each follows the wording of shared/spec/evaluate.md; the clause a
 * school's template gives is what the list cites.
 */

/** burgh 6.1: Day 1 with no contact. */
export function contactParents(_rule: AbsenceRuleOf<"contact_parents">): PupilCheck {
  return (pupil: PupilSituation): Finding | null => {
    const run = pupil.run;
    if (!run || !pupil.todayMarksIncludeN || pupil.parentReachedDuring(run)) return null;
    return {
      reason: `No reason given for today's absence (N), Day ${run.days} since ${run.start}, and no parent or carer reached since ${run.start}.`,
      facts: { runStart: run.start, dayNumber: run.days },
    };
  };
}

/** burgh 6.2 (by Day 3, sooner for vulnerable children); scargill safe and well check (Day 1). */
export function safeAndWellVisit(rule: AbsenceRuleOf<"safe_and_well_visit">): PupilCheck {
  return (pupil: PupilSituation): Finding | null => {
    const run = pupil.run;
    if (!run) return null;
    const fromDay = pupil.vulnerable ? rule.vulnerableFromDay : rule.fromDay;
    if (run.days < fromDay) return null;
    const unreached = !pupil.parentReachedDuring(run);
    const unexplained = pupil.todayMarksIncludeN;
    const due =
      rule.trigger === "unreached_or_unexplained" ? unreached || unexplained : unreached && unexplained;
    // A visit already made during this run (a cancelled one was not made) answers the rule.
    if (!due || pupil.visitMadeDuring(run)) return null;
    const why = [
      unreached ? "no parent or carer reached" : null,
      unexplained ? "today's mark is still N (no reason given)" : null,
    ]
      .filter(Boolean)
      .join(" and ");
    const who = pupil.vulnerable ? " for a vulnerable child" : "";
    return {
      reason: `Day ${run.days} of absence since ${run.start}${who}: ${why}; no home visit made since.`,
      facts: { runStart: run.start, dayNumber: run.days },
    };
  };
}

/** burgh 6.3: at most N school days without eyes on; the visit must take place on Day N+1. */
export function eyesOnVisit(rule: AbsenceRuleOf<"eyes_on_visit">): PupilCheck {
  return (pupil: PupilSituation): Finding | null => {
    const streak = pupil.streak;
    if (!streak || streak.days <= rule.maxSchoolDaysUnseen) return null;
    return {
      reason: `Not seen by school staff or a verified professional on ${streak.days} school days since ${streak.since}; the policy allows at most ${rule.maxSchoolDaysUnseen}.`,
      facts: { unseenSince: streak.since, unseenDays: streak.days },
    };
  };
}

/** scargill three day absence check: absent N consecutive days and not seen. */
export function unannouncedVisit(rule: AbsenceRuleOf<"unannounced_visit">): PupilCheck {
  return (pupil: PupilSituation): Finding | null => {
    const run = pupil.run;
    const streak = pupil.streak;
    if (!run || !streak || run.days < rule.minAbsenceDays || streak.days < rule.minUnseenDays) return null;
    return {
      reason: `Absent for ${run.days} consecutive school days since ${run.start} and not seen by staff on ${streak.days} school days since ${streak.since}.`,
      facts: { runStart: run.start, dayNumber: run.days, unseenSince: streak.since, unseenDays: streak.days },
    };
  };
}

/** burgh 9: nobody answered a visit while the child was unseen, and no parent has been reached since. */
export function considerCmeReferral(_rule: AbsenceRuleOf<"consider_cme_referral">): PupilCheck {
  return (pupil: PupilSituation): Finding | null => {
    const streak = pupil.streak;
    if (!streak) return null;
    // If any no-contact visit in the streak has no reached contact on or after it, the latest one has none either.
    const visit = pupil.latestNoContactVisitSince(streak.sinceDay);
    if (!visit || pupil.parentReachedOnOrAfter(visit.date)) return null;
    return {
      reason: `Nobody answered the home visit on ${visit.date}, no parent or carer has been reached since, and the child has not been seen since ${streak.since}.`,
      facts: { noContactVisit: visit.date, unseenSince: streak.since, unseenDays: streak.days },
    };
  };
}
