/** Words for the codes the record endpoints use (from the domain's one table, src/domain/words.ts), and dates as people read them. */
import { ACTION_WORDS, OUTCOME_WORDS, PURPOSE_WORDS, REFERRAL_KIND_WORDS, VISIT_RECORD_KIND_WORDS, VISIT_STATE_WORDS, DECISION_WORDS, CRITERION_WORDS } from "../../../src/domain/words";

export const OUTCOME_LABELS: Record<string, string> = OUTCOME_WORDS;

export const PURPOSE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(PURPOSE_WORDS).map(([k, w]) => [k, w.name]));

export const VISIT_STATE_LABELS: Record<string, string> = VISIT_STATE_WORDS;

export const REFERRAL_KIND_LABELS: Record<string, string> = REFERRAL_KIND_WORDS;
export const REFERRAL_KINDS = Object.keys(REFERRAL_KIND_LABELS);

export const REFERRAL_STATUS_LABELS: Record<string, string> = { open: "Open", submitted: "Submitted", closed: "Closed" };

export const CONCERN_STATUS_LABELS: Record<string, string> = { received: "Received", in_progress: "In progress", closed: "Closed" };

export const ACTION_LABELS: Record<string, string> = Object.fromEntries(Object.entries(ACTION_WORDS).map(([k, w]) => [k, w.name]));

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

export const VISIT_RECORD_KIND_LABELS: Record<string, string> = VISIT_RECORD_KIND_WORDS;

/** The half-term decision list's words (transform-trust 4.2). */
export const DECISION_LABELS: Record<string, string> = DECISION_WORDS;
export const CRITERION_LABELS: Record<string, string> = CRITERION_WORDS;
