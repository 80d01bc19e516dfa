import type { IsoDate } from "../iso-date";
import type { DeletionGround } from "./deletion-grounds";

/**
 * The duties the law places on every school whatever its home-visit policy
 * says. A template cannot switch them off: they are not rules of a template,
 * and nothing in a PolicyTemplate is read to decide them.
 */
export const STATUTORY_DUTIES = [
  "ten_day_return",
  "sickness_return",
  "new_pupil_return",
  "deletion_return",
  "n_code_overdue",
  "tell_social_worker",
  "penalty_notice_consideration",
] as const;

export type StatutoryDuty = (typeof STATUTORY_DUTIES)[number];

/** Duties discharged by a return to the local authority (a task with a form, submitted once). */
export const RETURN_DUTIES = ["ten_day_return", "sickness_return", "new_pupil_return", "deletion_return"] as const satisfies readonly StatutoryDuty[];

export type ReturnDuty = (typeof RETURN_DUTIES)[number];

/** The returns' names in the school's words, for the figures and the compliance page. */
export const RETURN_LABEL: Record<ReturnDuty, string> = {
  ten_day_return: "10-day return (unauthorised absence)",
  sickness_return: "15-day sickness return",
  new_pupil_return: "New pupil return",
  deletion_return: "Deletion return",
};

export function isReturnDuty(duty: StatutoryDuty): duty is ReturnDuty {
  return (RETURN_DUTIES as readonly StatutoryDuty[]).includes(duty);
}

/**
 * The regulation or guidance each duty rests on, as a template rule cites its
 * clause. "PRR 2024" is The School Attendance (Pupil Registration) (England)
 * Regulations 2024 (SI 2024/208); "WTISA 2024" is the DfE's "Working together
 * to improve school attendance" (statutory from 19 August 2024), whose
 * national framework sets the penalty-notice threshold.
 */
export const REGULATION: Record<StatutoryDuty, string> = {
  ten_day_return: "PRR 2024 reg 13: return to the LA, 10 continuous school days of unauthorised absence",
  sickness_return: "PRR 2024 reg 13: return to the LA, 15 school days of absence through sickness (consecutive or cumulative)",
  new_pupil_return: "PRR 2024 reg 13: new entry to the admission register, return within 5 school days",
  deletion_return: "PRR 2024 reg 13: deletion from the admission register (a reg 9 ground), returned as soon as the ground is met and before the name is deleted",
  n_code_overdue: "WTISA 2024 (attendance codes): code N is replaced by the correct code within 5 school days",
  tell_social_worker: "WTISA 2024: tell the child's social worker of unexplained absence (children with a social worker)",
  penalty_notice_consideration:
    "WTISA 2024 national framework; Education (Penalty Notices) (England) Regulations 2007 as amended: 10 unauthorised sessions in 10 school weeks",
};

/** Order on the day's list, as ACTION_PRIORITY orders the template's actions (1 most urgent). */
export const DUTY_PRIORITY: Record<StatutoryDuty, number> = {
  tell_social_worker: 1,
  ten_day_return: 4,
  sickness_return: 4,
  new_pupil_return: 4,
  deletion_return: 3,
  penalty_notice_consideration: 5,
  n_code_overdue: 6,
};

export interface NoticeToImprove {
  /** The first day of the window (the day the notice is issued, at the earliest today). */
  start: IsoDate;
  end: IsoDate;
  weeks: number;
}

export interface StatutoryFacts {
  /** The first school day of the episode the duty arises from (unauthorised run, sickness in the year, joining). */
  episodeStart?: IsoDate;
  /** Consecutive or counted school days behind the duty. */
  days?: number;
  sessions?: number;
  windowStart?: IsoDate;
  windowEnd?: IsoDate;
  /** Marks still `N` past their five school days, "date session". */
  overdueN?: string[];
  noticeToImprove?: NoticeToImprove;
  /** A deletion return: the reg 9 ground met, and whether joint enquiries with the LA must be recorded before it is complete. */
  deletionGround?: DeletionGround;
  needsJointEnquiries?: boolean;
}

/** One duty due for one pupil. */
export interface StatutoryAction {
  upn: string;
  duty: StatutoryDuty;
  /** Always "law": Today shows it beside the template's "policy" actions. */
  source: "law";
  regulation: string;
  reason: string;
  priority: number;
  /** The last day the law (or the LA's pack) allows for it. */
  dueOn: IsoDate;
  /**
   * Which occurrence this is: the duty is owed once per episode, so a return
   * submitted for one key is not owed again until a new episode starts.
   */
  episodeKey: string;
  facts: StatutoryFacts;
}

export interface StatutoryResult {
  date: IsoDate;
  pack: string;
  actions: StatutoryAction[];
}
