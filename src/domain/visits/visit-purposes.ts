/** Why a home visit is made (the purposes the seed policies name). */
export const VISIT_PURPOSES = ["safe_and_well", "eyes_on", "unannounced", "appointment", "follow_up", "phased_return"] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
