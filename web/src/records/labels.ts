/** Words for the codes the record endpoints use, and dates as people read them. */
import type { VisitPurpose } from "../../../src/domain/visits/visit-purposes";

export const OUTCOME_LABELS: Record<string, string> = {
  child_seen: "Child seen",
  parent_seen_child_not_seen: "Parent seen, child not seen",
  no_contact: "No contact (nobody answered or entry refused)",
  cancelled: "Visit cancelled",
};

export const PURPOSE_LABELS: Record<string, string> = {
  safe_and_well: "Safe-and-well visit",
  eyes_on: "Eyes-on visit",
  unannounced: "Unannounced visit",
  appointment: "Visit by appointment",
  follow_up: "Follow-up visit",
  phased_return: "Phased return visit",
} satisfies Record<VisitPurpose, string>;

export const VISIT_STATE_LABELS: Record<string, string> = {
  proposed: "proposed, not approved yet",
  approved: "approved, not planned yet",
  planned: "planned",
  under_way: "under way",
  completed: "finished",
  no_contact: "finished (no contact)",
  cancelled: "cancelled",
};

export const REFERRAL_KIND_LABELS: Record<string, string> = {
  pnar: "PNAR (local authority notification)",
  cme: "CME referral",
  safeguarding: "Safeguarding referral",
  police_welfare_check: "Police welfare check",
  penalty_notice: "Penalty notice",
  legal_proceedings: "Legal proceedings",
  attendance_threshold: "Attendance below threshold",
};
export const REFERRAL_KINDS = Object.keys(REFERRAL_KIND_LABELS);

export const REFERRAL_STATUS_LABELS: Record<string, string> = { open: "Open", submitted: "Submitted", closed: "Closed" };

export const CONCERN_STATUS_LABELS: Record<string, string> = { received: "Received", in_progress: "In progress", closed: "Closed" };

export const ACTION_LABELS: Record<string, string> = {
  contact_parents: "Contact parents today",
  safe_and_well_visit: "Safe-and-well home visit",
  eyes_on_visit: "Eyes-on home visit",
  notify_local_authority: "Notify the local authority (PNAR)",
  consider_cme_referral: "Consider a CME referral",
  unannounced_visit: "Unannounced visit",
  legal_threshold_review: "Review for legal proceedings",
  penalty_notice_review: "Review for a penalty notice",
};

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  visit_list: "Visit list",
  appointment_confirmation: "Appointment confirmation",
  called_card: "\u201cWe called today\u201d card",
  cancellation_notice: "Cancellation notice",
  reminder_letter: "Reminder letter",
  visit_report: "Visit report",
};

export const LETTER_KIND_LABELS: Record<string, { title: string; inSentence: string; use: string }> = {
  reminder_letter: { title: "Reminder letter", inSentence: "reminder letter", use: "Sent to the family when an agreement is reviewed and found not kept." },
  cancellation_notice: { title: "Cancellation notice", inSentence: "cancellation notice", use: "Sent to the headteacher in writing when a visit is cancelled." },
  called_card: { title: "\u201cWe called today\u201d card", inSentence: "\u201cWe called today\u201d card", use: "Left at the door when nobody answers." },
  family_text: { title: "Text to the family", inSentence: "text to the family", use: "Sent through GOV.UK Notify from Today or the child's page. Only the school, the child's first name, the date and the reply link: nothing about a concern. The title is not sent." },
  family_email: { title: "Email to the family", inSentence: "email to the family", use: "Sent to the family's first email address in the call order; the title is the subject. Only the school, the child's first name, the date and the reply link." },
};

/** Mirrors PLACEHOLDERS in src/domain/documents/letter-templates.ts (the server refuses any other). */
export const PLACEHOLDER_HELP: [string, string][] = [
  ["school.name", "the school's name"],
  ["school.phone", "the school's phone number"],
  ["school.email", "the school's email address"],
  ["child.name", "the child's full name"],
  ["child.firstName", "the child's first name"],
  ["reply.link", "the family's reply link (no sign-in needed)"],
  ["parent.name", "the parent or carer the letter is to"],
  ["date", "the date the letter is written"],
  ["time", "the time it is written"],
  ["attendance.percent", "the child's attendance this school year, as a percentage"],
  ["attendance.sessionsMissed", "sessions missed this school year"],
  ["attendance.authorised", "authorised absences (sessions)"],
  ["attendance.unauthorised", "unauthorised absences (sessions)"],
  ["agreement.terms", "what was agreed with the parent"],
  ["agreement.date", "when it was agreed"],
  ["visit.date", "the date of the visit"],
  ["visit.address", "the address visited"],
  ["cancellation.reason", "why the visit was cancelled"],
  ["staff.name", "the member of staff sending it"],
  ["clause", "the policy clause it follows"],
];


export const label = (map: Record<string, string>, code: string | null | undefined) => (code ? (map[code] ?? code.replaceAll("_", " ")) : "");

/** "Friday 20 November 2026" for a calendar date (noon UTC is the same day in London). */
export const longDate = (iso: string) =>
  new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const shortDate = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "20 November 2026, 14:05" in the school's time zone. */
export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

/** Today's date (YYYY-MM-DD) in the school's time zone. */
export const todayIso = () => new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

/** A datetime-local value for now, in the browser's zone. */
export function nowLocalInput(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const pdfHref = (documentId: string) => `/api/documents/${documentId}/pdf`;

/** src/app/records/visit-records.ts VISIT_RECORD_LABELS. */
export const VISIT_RECORD_KIND_LABELS: Record<string, string> = {
  physical_intervention: "Physical intervention",
  allegation: "Allegation against staff",
  complaint: "Complaint about a visit",
  transport: "Pupil transported",
  agency_check: "Multi-agency check",
  alternative_venue: "Alternative venue offered",
};
