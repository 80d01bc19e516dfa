/**
 * The school's figures as governors receive them (issue 16): no child's name,
 * address or UPN, and every count from 1 to 4 as "fewer than 5". Built from
 * SchoolFigures by leaving children out, never by hiding them on the page, so
 * the report and its PDF cannot carry a name they were never given.
 */
import type { IsoDate } from "../../domain/attendance/iso-date";
import { suppressSmall, type SuppressedCount } from "../../domain/attendance/small-numbers";
import type { SchoolFigures } from "./school-figures";
import type { ReturnDuty } from "../../domain/attendance/statutory";

export interface GovernorFigures {
  from: IsoDate;
  to: IsoDate;
  policyName: string;
  compliance: {
    summary: Record<string, { episodes: SuppressedCount; closedOnFirstDay: SuppressedCount; closedLater: SuppressedCount; open: SuppressedCount; medianDaysLate: number | null; worstDaysLate: number | null }>;
    closedBecause: Record<string, SuppressedCount>;
    weekly: { weekOf: IsoDate; episodes: SuppressedCount; closedOnFirstDay: SuppressedCount; closedLater: SuppressedCount; open: SuppressedCount }[];
    unseenChildren: SuppressedCount;
  };
  attendance: {
    halfTermFrom: IsoDate;
    byYearGroup: GovernorYearGroup[];
    whole: GovernorYearGroup;
    newlyPersistentlyAbsent: SuppressedCount;
  };
  visits: { byPurposeAndOutcome: { purpose: string; outcome: string; count: SuppressedCount }[]; cancellations: { reason: string; count: SuppressedCount }[] };
  safety: {
    checkInsMissed: SuppressedCount;
    alarms: SuppressedCount;
    alertsByLevel: { level: string; count: SuppressedCount }[];
    medianMinutesToAcknowledge: number | null;
    worstMinutesToAcknowledge: number | null;
    incidentsByKind: { kind: string; count: SuppressedCount }[];
  };
  caseSampling: Record<"samples" | "sampled" | "reviewed" | "reportComplete" | "clauseFollowed" | "checkInsKept" | "metPolicy", SuppressedCount>;
  returns: { duty: ReturnDuty; due: SuppressedCount; submittedOnTime: SuppressedCount; submittedLate: SuppressedCount; notSubmitted: SuppressedCount; overdue: SuppressedCount }[];
}

export interface GovernorYearGroup {
  yearGroup: string;
  pupils: SuppressedCount;
  /** Left out for a group of fewer than 5 pupils: one child's absence would show. */
  attendancePercent: number | null;
  persistentlyAbsent: SuppressedCount;
  severelyAbsent: SuppressedCount;
}


/**
 * A cancellation's reason is free text a member of staff typed and may name a
 * family, so governors get it only as one of the reasons the policies list.
 */
export function cancellationReasonGroup(reason: string): string {
  const r = reason.toLowerCase();
  if (/\b(dog|dogs|animal|animals)\b/.test(r)) return "animals";
  if (/unsafe|danger|threat|aggress|violen/.test(r)) return "unsafe";
  if (/wait|no answer|no reply|minutes/.test(r)) return "waiting limit";
  if (/late|time|delay/.test(r)) return "late";
  return "other";
}

/**
 * `suppress: false` gives the same shape with every count as it is, for the
 * head's figures page (the children are still left out: the head's page lists
 * them separately).
 */
export function governorFigures(f: SchoolFigures, suppress = true): GovernorFigures {
  const s = suppress ? suppressSmall : (x: number): SuppressedCount => x;
  const summary: GovernorFigures["compliance"]["summary"] = {};
  for (const [kind, k] of Object.entries(f.compliance.summary)) {
    summary[kind] = { episodes: s(k.episodes), closedOnFirstDay: s(k.closedOnFirstDay), closedLater: s(k.closedLater), open: s(k.open), medianDaysLate: k.medianDaysLate, worstDaysLate: k.worstDaysLate };
  }
  const closedBecause: Record<string, SuppressedCount> = {};
  for (const [reason, n] of Object.entries(f.compliance.closedBecause)) closedBecause[reason] = s(n ?? 0);
  const group = (g: SchoolFigures["attendance"]["whole"]): GovernorYearGroup => ({
    yearGroup: g.yearGroup,
    pupils: s(g.pupils),
    attendancePercent: g.pupils >= 5 || !suppress ? g.attendancePercent : null,
    persistentlyAbsent: s(g.persistentlyAbsent),
    severelyAbsent: s(g.severelyAbsent),
  });
  const cancellations = new Map<string, number>();
  for (const c of f.visits.cancellations) {
    const key = cancellationReasonGroup(c.reason);
    cancellations.set(key, (cancellations.get(key) ?? 0) + c.count);
  }
  return {
    from: f.from,
    to: f.to,
    policyName: f.policyName,
    compliance: {
      summary,
      closedBecause,
      weekly: f.compliance.weekly.map((w) => ({ weekOf: w.weekOf, episodes: s(w.episodes), closedOnFirstDay: s(w.closedOnFirstDay), closedLater: s(w.closedLater), open: s(w.open) })),
      unseenChildren: s(f.compliance.unseen.length),
    },
    attendance: {
      halfTermFrom: f.attendance.halfTermFrom,
      byYearGroup: f.attendance.byYearGroup.map(group),
      whole: group(f.attendance.whole),
      newlyPersistentlyAbsent: s(f.attendance.newlyPersistentlyAbsent.length),
    },
    visits: {
      byPurposeAndOutcome: f.visits.byPurposeAndOutcome.map((v) => ({ ...v, count: s(v.count) })),
      cancellations: [...cancellations].sort().map(([reason, count]) => ({ reason, count: s(count) })),
    },
    safety: {
      checkInsMissed: s(f.safety.checkInsMissed),
      alarms: s(f.safety.alarms),
      alertsByLevel: f.safety.alertsByLevel.map((a) => ({ ...a, count: s(a.count) })),
      medianMinutesToAcknowledge: f.safety.medianMinutesToAcknowledge,
      worstMinutesToAcknowledge: f.safety.worstMinutesToAcknowledge,
      incidentsByKind: f.safety.incidentsByKind.map((i) => ({ ...i, count: s(i.count) })),
    },
    caseSampling: {
      samples: s(f.caseSampling.samples),
      sampled: s(f.caseSampling.sampled),
      reviewed: s(f.caseSampling.reviewed),
      reportComplete: s(f.caseSampling.reportComplete),
      clauseFollowed: s(f.caseSampling.clauseFollowed),
      checkInsKept: s(f.caseSampling.checkInsKept),
      metPolicy: s(f.caseSampling.metPolicy),
    },
    returns: f.returns.map((r) => ({ duty: r.duty, due: s(r.due), submittedOnTime: s(r.submittedOnTime), submittedLate: s(r.submittedLate), notSubmitted: s(r.notSubmitted), overdue: s(r.overdue) })),
  };
}
