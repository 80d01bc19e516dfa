/** Words for the codes the record endpoints use (from the domain's one table, src/domain/words.ts), and dates as people read them. */
import {
  ACTION_WORDS,
  OUTCOME_WORDS,
  PURPOSE_WORDS,
  REFERRAL_KIND_WORDS,
  VISIT_RECORD_KIND_WORDS,
  VISIT_STATE_WORDS,
  DECISION_WORDS,
  CRITERION_WORDS,
  DOCUMENT_KIND_WORDS,
  LETTER_KIND_WORDS,
  PLACEHOLDER_WORDS,
} from "../../../src/domain/words";
import { PLACEHOLDERS } from "../../../src/domain/documents/letter-templates";

export const OUTCOME_LABELS: Record<string, string> = OUTCOME_WORDS;

export const PURPOSE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(PURPOSE_WORDS).map(([k, w]) => [k, w.name]));

export const VISIT_STATE_LABELS: Record<string, string> = VISIT_STATE_WORDS;

export const REFERRAL_KIND_LABELS: Record<string, string> = REFERRAL_KIND_WORDS;
export const REFERRAL_KINDS = Object.keys(REFERRAL_KIND_LABELS);

export const REFERRAL_STATUS_LABELS: Record<string, string> = { open: "Open", submitted: "Submitted", closed: "Closed" };

export const CONCERN_STATUS_LABELS: Record<string, string> = { received: "Received", in_progress: "In progress", closed: "Closed" };

export const ACTION_LABELS: Record<string, string> = Object.fromEntries(Object.entries(ACTION_WORDS).map(([k, w]) => [k, w.name]));

export const DOCUMENT_KIND_LABELS: Record<string, string> = DOCUMENT_KIND_WORDS;

export const LETTER_KIND_LABELS: Record<string, { title: string; inSentence: string; use: string }> = LETTER_KIND_WORDS;

/** Every placeholder the server fills in (PLACEHOLDERS in src/domain/documents/letter-templates.ts; it refuses any other), with its words. */
export const PLACEHOLDER_HELP: [string, string][] = PLACEHOLDERS.map((p) => [p, PLACEHOLDER_WORDS[p]]);

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
