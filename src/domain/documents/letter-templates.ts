/**
 * Letter templates a head can edit: plain text with {{placeholders}} for the
 * school, child, parent, dates and attendance figures. Unknown placeholders are
 * refused when a template is saved, so a typo never reaches a family.
 */
import { InvalidInput } from "../errors";

export const LETTER_KINDS = ["reminder_letter", "cancellation_notice", "called_card", "family_text", "family_email"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const PLACEHOLDERS = [
  "school.name",
  "school.phone",
  "school.email",
  "child.name",
  "child.firstName",
  "reply.link",
  "parent.name",
  "date",
  "time",
  "attendance.percent",
  "attendance.sessionsMissed",
  "attendance.authorised",
  "attendance.unauthorised",
  "agreement.terms",
  "agreement.date",
  "visit.date",
  "visit.address",
  "cancellation.reason",
  "staff.name",
  "clause",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface LetterTemplate {
  kind: LetterKind;
  title: string;
  body: string;
}

export const DEFAULT_LETTERS: Record<LetterKind, LetterTemplate> = {
  reminder_letter: {
    kind: "reminder_letter",
    title: "Reminder about our agreement",
    body:
      "Dear {{parent.name}},\n\nWhen we met on {{agreement.date}} we agreed: {{agreement.terms}}\n\n" +
      "Since then {{child.name}} has missed {{attendance.sessionsMissed}} sessions this school year ({{attendance.unauthorised}} unauthorised), and attendance is {{attendance.percent}}%. " +
      "The agreement has not been kept, and a note has been made on {{child.name}}'s attendance record ({{clause}}).\n\n" +
      "Please contact the school on {{school.phone}} so that we can talk about what would help. If the agreement continues not to be kept, we will arrange a further home visit.\n\nYours sincerely,\n\n{{staff.name}}\n{{school.name}}",
  },
  cancellation_notice: {
    kind: "cancellation_notice",
    title: "Home visit cancelled",
    body:
      "To the Headteacher\n\nThe home visit to {{visit.address}} planned for {{visit.date}} about {{child.name}} was cancelled on {{date}} at {{time}} by {{staff.name}}.\n\n" +
      "Reason: {{cancellation.reason}}\n\nThis notice is given in writing as the policy requires ({{clause}}).",
  },
  // A text and an email to the family (issue 18): nothing about a concern, only the school, the child's first name, the date and the reply link.
  family_text: {
    kind: "family_text",
    title: "Text to the family",
    body: "{{school.name}}: {{child.firstName}} is not in school today ({{date}}). Please let us know you are all well: reply to this text or use {{reply.link}}",
  },
  family_email: {
    kind: "family_email",
    title: "{{school.name}}: is {{child.firstName}} well?",
    body: "{{child.firstName}} is not in school today ({{date}}).\n\nPlease let us know you and your family are well: reply to the school, or use this link (no sign-in needed):\n\n{{reply.link}}\n\n{{school.name}}",
  },
  called_card: {
    kind: "called_card",
    title: "Sorry we missed you!",
    body: "We visited today as {{child.name}} was absent from school. Please contact us as soon as possible on {{school.phone}} to confirm they are safe, the reason for absence, and when they will return.",
  },
};

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** What Doorstep fills in. */
const TOKEN = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;
/**
 * Anything a reader would take for a placeholder, whatever its spelling
 * (`{{child_name}}`, `{{__proto__}}`, `{{ }}`): each must be one of PLACEHOLDERS,
 * or it would reach a family as it was typed.
 */
const ANY_TOKEN = /\{\{([^{}]*)\}\}/g;

export function checkTemplate(body: string, field = "body"): void {
  for (const m of body.matchAll(ANY_TOKEN)) {
    const name = m[1]!.trim();
    if (!KNOWN.has(name)) {
      throw new InvalidInput(field, `{{${name}}} is not a placeholder Doorstep fills in; use one of ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`);
    }
  }
  if (!body.trim()) throw new InvalidInput(field, "the letter is empty");
}

/** Fills the placeholders; a value the record does not have reads "(not recorded)". */
export function fillTemplate(body: string, values: Partial<Record<Placeholder, string | number | null>>): string {
  return body.replace(TOKEN, (_, key: string) => {
    // Own properties of the values only: `{{constructor}}` must not print Object's.
    const v = KNOWN.has(key) && Object.hasOwn(values, key) ? values[key as Placeholder] : null;
    return v === null || v === undefined || v === "" ? "(not recorded)" : String(v);
  });
}
