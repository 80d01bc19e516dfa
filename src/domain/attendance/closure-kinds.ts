/** Why a weekday is not a school day. */
export const CLOSURE_KINDS = ["holiday", "inset", "bank_holiday", "closure"] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];
