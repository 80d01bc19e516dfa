/** Why a visit is made; the absence rules propose the first three, staff the rest. */
export const VISIT_PURPOSES = ["safe_and_well", "eyes_on", "unannounced", "appointment", "follow_up", "phased_return"] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
