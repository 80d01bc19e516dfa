/**
 * The words a person reads for each of the domain's codes, in one typed table per
 * vocabulary, for the server's documents and the web's pages alike (issue 15). Each
 * table is keyed by its closed set, so a new action, purpose or state that has no
 * words does not compile. Pure data: no I/O.
 */
import type { ActionKind } from "./attendance/actions";
import type { VisitOutcome } from "./attendance/evaluation-input";
import type { ClosureReason } from "./oversight/closure-reasons";
import type { ReferralKind } from "./records/referral-kinds";
import type { VisitPurpose } from "./visits/visit-purposes";
import type { VisitState } from "./visits/visit-lifecycle";
import type { VisitRecordKind } from "./records/visit-records";
import type { Decision, DecisionCriterion } from "./oversight/decision-list";
import type { DocumentKind } from "./documents/document-kinds";
import type { LetterKind, Placeholder } from "./documents/letter-templates";

/**
 * An action's name (figures, records, the policy), and what the Today list asks
 * of the person reading it. Keys in order of urgency, most urgent first: the
 * figures' tables list the kinds in this order.
 */
export const ACTION_WORDS: Record<ActionKind, { name: string; onToday: string }> = {
  eyes_on_visit: { name: "Eyes-on home visit", onToday: "Eyes-on home visit (must take place)" },
  consider_cme_referral: { name: "Consider a CME referral", onToday: "Consider a CME referral" },
  unannounced_visit: { name: "Unannounced visit", onToday: "Unannounced visit (two staff)" },
  safe_and_well_visit: { name: "Safe-and-well home visit", onToday: "Safe-and-well home visit" },
  contact_parents: { name: "Contact parents", onToday: "Contact parents today" },
  notify_local_authority: { name: "Notify the local authority (PNAR)", onToday: "Notify the local authority (PNAR)" },
  legal_threshold_review: { name: "Review for legal proceedings", onToday: "Review for legal proceedings" },
  penalty_notice_review: { name: "Review for a penalty notice", onToday: "Review for a penalty notice" },
};

/** An action kind's name; a code the table does not know (an older record) in words. */
export const actionName = (kind: string): string => ACTION_WORDS[kind as ActionKind]?.name ?? kind.replaceAll("_", " ");

/** Why a visit is made: its name, and the word inside a sentence ("the eyes-on visit of 7 December"). */
export const PURPOSE_WORDS: Record<VisitPurpose, { name: string; inSentence: string }> = {
  safe_and_well: { name: "Safe-and-well visit", inSentence: "safe-and-well" },
  eyes_on: { name: "Eyes-on visit", inSentence: "eyes-on" },
  unannounced: { name: "Unannounced visit", inSentence: "unannounced" },
  appointment: { name: "Visit by appointment", inSentence: "appointment" },
  follow_up: { name: "Follow-up visit", inSentence: "follow-up" },
  phased_return: { name: "Phased return visit", inSentence: "phased-return" },
};

export const OUTCOME_WORDS: Record<VisitOutcome, string> = {
  child_seen: "Child seen",
  parent_seen_child_not_seen: "Parent seen, child not seen",
  no_contact: "No contact (nobody answered or entry refused)",
  cancelled: "Visit cancelled",
};

/** A visit's state inside a sentence ("This visit is approved, not planned yet"). */
export const VISIT_STATE_WORDS: Record<VisitState, string> = {
  proposed: "proposed, not approved yet",
  approved: "approved, not planned yet",
  planned: "planned",
  under_way: "under way",
  completed: "finished",
  no_contact: "finished (no contact)",
  cancelled: "cancelled",
};

export const REFERRAL_KIND_WORDS: Record<ReferralKind, string> = {
  pnar: "PNAR (local authority notification)",
  cme: "CME referral",
  safeguarding: "Safeguarding referral",
  police_welfare_check: "Police welfare check",
  penalty_notice: "Penalty notice",
  legal_proceedings: "Legal proceedings",
  attendance_threshold: "Attendance below threshold",
};

export const VISIT_RECORD_KIND_WORDS: Record<VisitRecordKind, string> = {
  physical_intervention: "Physical intervention",
  allegation: "Allegation against staff",
  complaint: "Complaint about a visit",
  transport: "Pupil transported",
  agency_check: "Multi-agency check",
  alternative_venue: "Alternative venue offered",
};

/** Why an episode of an action closed (closure-reasons.ts). */
export const CLOSURE_WORDS: Record<ClosureReason, string> = {
  child_seen_on_visit: "Child seen on a visit",
  visit_made: "Visit made, child not seen",
  child_seen: "Child seen (a sighting)",
  parent_reached: "Parent reached",
  back_in_school: "Child back in school",
  referral_recorded: "Referral recorded",
  rule_no_longer_applies: "Nothing recorded that day: the rule stopped applying",
};

/** The half-term decision list (transform-trust 4.2): what was decided for a pupil, and how the list was drawn. */
export const DECISION_WORDS: Record<Decision, string> = {
  visit: "Home visit",
  letter: "Letter",
  meeting: "Meeting in school",
  monitor: "Monitor",
  no_action: "No action",
};

export const CRITERION_WORDS: Record<DecisionCriterion, string> = {
  below_90_percent: "Below 90% attendance over the range",
  persistently_absent: "Persistently absent this school year (10% or more of sessions missed)",
};

/** A document kept on the record, by its kind. */
export const DOCUMENT_KIND_WORDS: Record<DocumentKind, string> = {
  visit_list: "Visit list",
  appointment_confirmation: "Appointment confirmation",
  called_card: "\u201cWe called today\u201d card",
  cancellation_notice: "Cancellation notice",
  reminder_letter: "Reminder letter",
  visit_report: "Visit report",
};

/** A letter the head can edit: its title, its name in a sentence, and when it is sent. */
export const LETTER_KIND_WORDS: Record<LetterKind, { title: string; inSentence: string; use: string }> = {
  reminder_letter: { title: "Reminder letter", inSentence: "reminder letter", use: "Sent to the family when an agreement is reviewed and found not kept." },
  cancellation_notice: { title: "Cancellation notice", inSentence: "cancellation notice", use: "Sent to the headteacher in writing when a visit is cancelled." },
  called_card: { title: "\u201cWe called today\u201d card", inSentence: "\u201cWe called today\u201d card", use: "Left at the door when nobody answers." },
  family_text: {
    title: "Text to the family",
    inSentence: "text to the family",
    use: "Sent through GOV.UK Notify from Today or the child's page. Only the school, the child's first name, the date and the reply link: nothing about a concern. The title is not sent.",
  },
  family_email: {
    title: "Email to the family",
    inSentence: "email to the family",
    use: "Sent to the family's first email address in the call order; the title is the subject. Only the school, the child's first name, the date and the reply link.",
  },
};

/** What each placeholder of a letter template says, for the head editing one (a letter may word some its own way: src/app/documents/letters.ts). */
export const PLACEHOLDER_WORDS: Record<Placeholder, string> = {
  "school.name": "the school's name",
  "school.phone": "the school's phone number",
  "school.email": "the school's email address",
  "child.name": "the child's full name",
  "child.firstName": "the child's first name",
  "reply.link": "the family's reply link (no sign-in needed)",
  "parent.name": "the parent or carer the letter is to",
  date: "the date the letter is written",
  time: "the time it is written",
  "attendance.percent": "the child's attendance this school year, as a percentage",
  "attendance.sessionsMissed": "sessions missed this school year",
  "attendance.authorised": "authorised absences (sessions)",
  "attendance.unauthorised": "unauthorised absences (sessions)",
  "agreement.terms": "what was agreed with the parent",
  "agreement.date": "when it was agreed",
  "visit.date": "the date of the visit",
  "visit.address": "the address visited",
  "cancellation.reason": "why the visit was cancelled",
  "staff.name": "the member of staff sending it",
  clause: "the policy clause it follows (left out where the school's policy has none)",
};
