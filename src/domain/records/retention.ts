/**
 * How long Doorstep keeps each kind of record, and from when, with the rule's
 * source. Pure: today is a parameter. A record is past its period on the first
 * day after its last day kept (`keepUntil`), never before the full period.
 *
 * Sources:
 * - Registers: the School Attendance (Pupil Registration) (England) Regulations
 *   2024 (as the 2006 regulations before them): every entry in the attendance
 *   register is preserved for six years from the date on which it was made.
 * - IRMS: the Information and Records Management Society's Information
 *   Management Toolkit for Schools (2019), which the DfE's data protection
 *   guidance for schools points to.
 * Where IRMS names no row for a record Doorstep keeps, the period is marked
 * `decidedBy: "doorstep"` with the reasoning.
 */
import { daysInMonth, epochDayOf, toIsoDate, type IsoDate } from "../attendance/iso-date";

export const RETENTION_KINDS = ["register_marks", "contact_log", "safeguarding_concerns", "physical_interventions", "complaints", "transport_records"] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** What a period counts from: the day of the entry, the end of the academic year of the entry (31 August), or the child's date of birth. */
export type RetentionAnchor = "entry" | "end_of_academic_year" | "date_of_birth";

/**
 * What happens when the head says so: the rows are deleted, or their personal
 * fields overwritten where history that must not be rewritten (append-only
 * tables) still points at them.
 */
export type RetentionAction = "delete" | "anonymise";

export interface RetentionRule {
  kind: RetentionKind;
  label: string;
  years: number;
  from: RetentionAnchor;
  action: RetentionAction;
  source: string;
  decidedBy: "law" | "guidance" | "doorstep";
  /** What stays, and why, when the action cannot reach everything (append-only history). */
  kept?: string;
}

export const RETENTION_RULES: Record<RetentionKind, RetentionRule> = {
  register_marks: {
    kind: "register_marks",
    label: "Attendance register marks",
    years: 6,
    from: "entry",
    action: "delete",
    source: "School Attendance (Pupil Registration) (England) Regulations 2024: every register entry preserved for six years from the date it was made",
    decidedBy: "law",
  },
  contact_log: {
    kind: "contact_log",
    label: "Contact log: calls, texts, sightings and family replies about absence",
    years: 2,
    from: "end_of_academic_year",
    action: "delete",
    source: "IRMS Toolkit for Schools (2019), attendance: correspondence relating to any absence, current academic year + 2 years",
    decidedBy: "guidance",
  },
  safeguarding_concerns: {
    kind: "safeguarding_concerns",
    label: "Safeguarding concerns",
    years: 25,
    from: "date_of_birth",
    action: "anonymise",
    source: "IRMS Toolkit for Schools (2019), child protection information: the child's date of birth + 25 years",
    decidedBy: "guidance",
    kept: "The DSL's note history (concern_note_versions) is append-only evidence, refused change by a trigger: its versions are kept and counted, the concern's summary, details and latest notes are overwritten.",
  },
  physical_interventions: {
    kind: "physical_interventions",
    label: "Physical interventions on visits",
    years: 25,
    from: "date_of_birth",
    action: "delete",
    source: "IRMS Toolkit for Schools (2019), records of the use of reasonable force (physical intervention): the child's date of birth + 25 years",
    decidedBy: "guidance",
  },
  complaints: {
    kind: "complaints",
    label: "Complaints about a visit",
    years: 6,
    from: "entry",
    action: "delete",
    source: "IRMS Toolkit for Schools (2019), complaints files: resolution of the complaint + 6 years; Doorstep counts from the complaint's date, since it holds no resolution date apart from the outcome",
    decidedBy: "doorstep",
  },
  transport_records: {
    kind: "transport_records",
    label: "Pupils transported on a visit",
    years: 6,
    from: "entry",
    action: "delete",
    source: "IRMS names no period for a pupil carried in a member of staff's car: Doorstep keeps it 6 years from the journey (Limitation Act 1980 s.2, six years for a claim), as IRMS does for other records of a visit",
    decidedBy: "doorstep",
  },
};

/**
 * Allegations against staff are not on the list: IRMS keeps them to the member of
 * staff's normal retirement age or 10 years, whichever is longer, and Doorstep
 * holds no retirement age, so it never says one is due.
 */
export const NOT_LISTED = "Allegations against staff (IRMS: to normal retirement age or 10 years from the allegation, whichever is longer): Doorstep holds no retirement age, so they are never listed.";

function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  // 29 February with no such day in the year: kept to 1 March, never cut short.
  if (d > daysInMonth(year, m)) return `${year}-03-01`;
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** 31 August of the academic year (September to August) the date falls in. */
export function endOfAcademicYear(date: IsoDate): IsoDate {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return `${m >= 9 ? y + 1 : y}-08-31`;
}

/** The last day a record is kept; null when its anchor is unknown (no date of birth), so it is never due. */
export function keepUntil(rule: RetentionRule, facts: { entryOn: IsoDate; dateOfBirth: IsoDate | null }): IsoDate | null {
  switch (rule.from) {
    case "entry":
      return addYears(facts.entryOn, rule.years);
    case "end_of_academic_year":
      return addYears(endOfAcademicYear(facts.entryOn), rule.years);
    case "date_of_birth":
      return facts.dateOfBirth === null ? null : addYears(facts.dateOfBirth, rule.years);
  }
}

export function isPastRetention(rule: RetentionRule, facts: { entryOn: IsoDate; dateOfBirth: IsoDate | null }, today: IsoDate): boolean {
  const until = keepUntil(rule, facts);
  return until !== null && until < today;
}

/**
 * The latest anchor date (entry day or date of birth) whose record is past its
 * period today: a record is due exactly when its anchor is on or before this day,
 * so a query can select by one comparison. keepUntil only grows with its anchor.
 */
export function latestAnchorPast(rule: RetentionRule, today: IsoDate): IsoDate {
  if (rule.from === "end_of_academic_year") {
    // Every day of an academic year shares its end: the answer is a 31 August.
    const year = Number(today.slice(0, 4));
    const lastEndPassed = today > `${year}-08-31` ? year : year - 1;
    return `${lastEndPassed - rule.years}-08-31`;
  }
  const facts = (d: IsoDate) => ({ entryOn: d, dateOfBirth: d });
  // Start a little past the answer and step back: a few days at most.
  let day = epochDayOf(addYears(today, -rule.years)) + 2;
  while (!isPastRetention(rule, facts(toIsoDate(day)), today)) day--;
  return toIsoDate(day);
}
