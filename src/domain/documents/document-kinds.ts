/** The documents Doorstep makes and keeps on a child's record. */
export const DOCUMENT_KINDS = ["visit_list", "appointment_confirmation", "called_card", "cancellation_notice", "reminder_letter", "visit_report"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
