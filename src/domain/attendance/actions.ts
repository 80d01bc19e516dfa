import type { IsoDate } from "./iso-date";

/** What a policy can require the school to do about a pupil today. */
export const ACTION_KINDS = [
  "contact_parents",
  "safe_and_well_visit",
  "eyes_on_visit",
  "notify_local_authority",
  "consider_cme_referral",
  "unannounced_visit",
  "legal_threshold_review",
  "penalty_notice_review",
] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];

/** Actions that send someone to the door today. */
export const VISIT_ACTIONS: readonly ActionKind[] = [
  "contact_parents",
  "safe_and_well_visit",
  "eyes_on_visit",
  "unannounced_visit",
];

/**
 * Order on the day's list, most urgent first: a child nobody has seen (eyes on,
 * whereabouts unknown) before routine welfare checks, before casework.
 */
export const ACTION_PRIORITY: Record<ActionKind, number> = {
  eyes_on_visit: 1,
  consider_cme_referral: 1,
  unannounced_visit: 2,
  safe_and_well_visit: 2,
  contact_parents: 3,
  notify_local_authority: 4,
  legal_threshold_review: 5,
  penalty_notice_review: 5,
};

/** The dates and figures behind an action, for the list and the audit trail. */
export interface ActionFacts {
  /** First school day of the absence run. */
  runStart?: IsoDate;
  /** Today's place in the absence run ("Day k"). */
  dayNumber?: number;
  /** First school day counted in the unseen streak. */
  unseenSince?: IsoDate;
  /** Length of the unseen streak in school days. */
  unseenDays?: number;
  /** The latest home visit during the unseen streak at which nobody answered. */
  noContactVisit?: IsoDate;
  windowStart?: IsoDate;
  windowEnd?: IsoDate;
  /** Attendance % over the window, unrounded. */
  attendancePercent?: number;
  /** Sessions that counted towards a threshold. */
  sessions?: number;
}

export interface Action {
  upn: string;
  action: ActionKind;
  /** The template clause that requires it, e.g. "burgh 6.2". */
  rule: string;
  /** One sentence for a person, with the dates that led to it. */
  reason: string;
  /** 1 is most urgent; see ACTION_PRIORITY. */
  priority: number;
  facts: ActionFacts;
}

export interface EvaluationResult {
  date: IsoDate;
  actions: Action[];
}
