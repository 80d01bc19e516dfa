import type { ActionKind } from "../attendance";

/** The steps beyond the school a referral records (burgh local reporting duties, Appendix A; coteford 4.4; transform-trust 5.3). */
export const REFERRAL_KINDS = ["pnar", "cme", "safeguarding", "police_welfare_check", "penalty_notice", "legal_proceedings", "attendance_threshold"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** Which referral answers which engine action: recorded, it takes the action off the Today list. */
export const REFERRAL_FOR_ACTION: Partial<Record<ActionKind, ReferralKind>> = {
  notify_local_authority: "pnar",
  consider_cme_referral: "cme",
  legal_threshold_review: "legal_proceedings",
  penalty_notice_review: "penalty_notice",
};
