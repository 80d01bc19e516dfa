/**
 * A subject access request (UK GDPR Art. 15; Art. 12(3): answered without undue
 * delay and within one month of receipt). Pure: the dates are parameters.
 */
import { addDays, daysInMonth, epochDayOf, isWeekend, type IsoDate } from "../attendance/iso-date";

export const SUBJECT_KINDS = ["pupil", "contact"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The DSL's decision on the child-protection records in an export (ICO: information that would cause serious harm may be withheld, Data Protection Act 2018 Sch. 3). */
export const CONCERN_DECISIONS = ["include", "withhold"] as const;
export type ConcernDecision = (typeof CONCERN_DECISIONS)[number];

export const CONCERN_DECISION_LABELS: Record<ConcernDecision, string> = {
  include: "Include the safeguarding concerns",
  withhold: "Withhold the safeguarding concerns",
};

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = { pupil: "The pupil", contact: "A parent or contact" };

/**
 * The day the answer is due. ICO guidance: the corresponding calendar date in
 * the next month, or its last day when it has none (31 January → 28 February);
 * a date on a weekend moves to the next working day. Bank holidays are not
 * known to Doorstep and do not move it (the earlier date is the safe one).
 */
export function subjectAccessDueOn(receivedOn: IsoDate): IsoDate {
  const [y, m, d] = receivedOn.split("-").map(Number) as [number, number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const day = Math.min(d, daysInMonth(year, month));
  let due = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  while (isWeekend(epochDayOf(due))) due = addDays(due, 1);
  return due;
}
