import type { IsoDate } from "../iso-date";

/**
 * The grounds on which a pupil's name is deleted from the admission register
 * (The School Attendance (Pupil Registration) (England) Regulations 2024, reg
 * 9), each a reason the LA must be told of by a deletion return (reg 13)
 * before the name goes. `missing_education` is the Children missing education
 * guidance (2024)'s case of a child who left with no school known to be
 * taking them: the school and the LA's CME officer enquire before deletion.
 */
export const DELETION_GROUNDS = [
  "registered_elsewhere",
  "home_educated",
  "moved_away",
  "whereabouts_unknown",
  "missing_education",
  "medically_unfit",
  "in_custody",
  "permanently_excluded",
  "died",
  "compulsory_age_ended",
] as const;

export type DeletionGround = (typeof DELETION_GROUNDS)[number];

export const DELETION_GROUND_CLAUSE: Record<DeletionGround, string> = {
  registered_elsewhere: "PRR 2024 reg 9: registered as a pupil at another school",
  home_educated: "PRR 2024 reg 9: the parent has told the school in writing the child is educated otherwise than at school",
  moved_away: "PRR 2024 reg 9: no longer ordinarily resident at a place from which the school is reasonably accessible",
  whereabouts_unknown: "PRR 2024 reg 9: 20 continuous school days of unauthorised absence, whereabouts unknown after reasonable enquiries by the school and the LA jointly",
  missing_education: "Children missing education (2024): left with no school known to be taking the child; the school and the LA enquire jointly before deletion",
  medically_unfit: "PRR 2024 reg 9: certified by the school medical officer as unlikely to be fit to attend before leaving compulsory age",
  in_custody: "PRR 2024 reg 9: in custody for more than four months with no prospect of returning",
  permanently_excluded: "PRR 2024 reg 9: permanently excluded (after any review is determined)",
  died: "PRR 2024 reg 9: has died",
  compulsory_age_ended: "PRR 2024 reg 9: has ceased to be of compulsory school age and will not continue at the school",
};

/** The grounds in the school's words, for forms and lists. */
export const DELETION_GROUND_LABEL: Record<DeletionGround, string> = {
  registered_elsewhere: "Registered at another school",
  home_educated: "Educated at home (the parent told the school in writing)",
  moved_away: "Moved away, too far from the school",
  whereabouts_unknown: "20 school days' unauthorised absence, whereabouts unknown",
  missing_education: "Left with no school known to be taking them (child missing education)",
  medically_unfit: "Certified medically unfit to attend",
  in_custody: "In custody for more than four months",
  permanently_excluded: "Permanently excluded",
  died: "Has died",
  compulsory_age_ended: "No longer of compulsory school age",
};

/** The grounds that cannot be deleted on without enquiries made jointly with the LA, recorded (who, when, what). */
export const GROUNDS_NEEDING_JOINT_ENQUIRIES: ReadonlySet<DeletionGround> = new Set<DeletionGround>(["whereabouts_unknown", "missing_education"]);

/** The school days of continuous unauthorised absence that open the whereabouts-unknown ground (PRR 2024 reg 9). */
export const WHEREABOUTS_UNKNOWN_SCHOOL_DAYS = 20;

/** A ground the school recorded as met (the register itself decides `whereabouts_unknown`). */
export interface RecordedGround {
  ground: DeletionGround;
  metOn: IsoDate;
  /** The new school, the destination or the notice it rests on, as the return needs it. */
  detail?: string;
}

/** One enquiry made with the LA about a child whose whereabouts are unknown. */
export interface JointEnquiry {
  /** Who at the LA (name and role). */
  laOfficer: string;
  madeOn: IsoDate;
  /** What was done: calls, a visit, checks with other agencies, and what they found. */
  what: string;
}

/**
 * Why a deletion return cannot yet be complete, or null when it can. For
 * the grounds resting on enquiries, at least one enquiry made jointly with the
 * LA, on or before today and not before the ground arose, must be recorded.
 */
export function deletionReturnProblem(ground: DeletionGround, arose: IsoDate, today: IsoDate, enquiries: readonly JointEnquiry[]): string | null {
  if (!GROUNDS_NEEDING_JOINT_ENQUIRIES.has(ground)) return null;
  const made = enquiries.filter((e) => e.laOfficer.trim() !== "" && e.what.trim() !== "" && e.madeOn <= today && e.madeOn >= arose);
  if (made.length === 0) {
    return `record the reasonable enquiries made jointly with the local authority (who at the LA, when, what was done) since ${arose} before this deletion return is complete (${DELETION_GROUND_CLAUSE[ground]})`;
  }
  return null;
}
