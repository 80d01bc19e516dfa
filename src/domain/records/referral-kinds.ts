/** The steps beyond the school a referral records (burgh local reporting duties, Appendix A; coteford 4.4; transform-trust 5.3). */
export const REFERRAL_KINDS = ["pnar", "cme", "safeguarding", "police_welfare_check", "penalty_notice", "legal_proceedings", "attendance_threshold"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
