/**
 * Earlier in the demo term: absences that were followed up and closed, so the
 * oversight pages (figures, compliance, the governors' report, case sampling)
 * have a term to count. Each ends at least two weeks before the anchor day and
 * stays under 10% of the term's sessions, so the morning the demo opens on
 * (demo-register.ts) is the same with or without them.
 */
import type { ReferralKind } from "../../domain/records/referral-kinds";
import type { VisitPurpose } from "../../domain/visits/visit-purposes";

export interface TermStory {
  /** Index into demoPupils(); none of DEMO_STORIES' pupils. */
  pupil: number;
  /** The school day (counted back from the anchor) the absence began, and how many school days it ran. */
  fromDaysAgo: number;
  days: number;
  code: "N" | "I" | "M" | "O";
  /** On which day of the run (0 = the first) a contact was tried. */
  contacts: { onDay: number; reached: boolean; method: "phone" | "text" | "email"; reason?: string }[];
  visit?: {
    onDay: number;
    purpose: VisitPurpose;
    outcome: "child_seen" | "parent_seen_child_not_seen" | "no_contact";
    /** A report with every part filled in, one with the follow-up left out, or none. */
    report: "complete" | "no_follow_up" | "none";
    /** The first check-in did not come: an overdue alert, acknowledged by the office. */
    missedCheckIn?: boolean;
  };
  referral?: { onDay: number; kind: ReferralKind; reason: string };
  why: string;
}

export const DEMO_TERM_STORIES: TermStory[] = [
  {
    pupil: 10,
    fromDaysAgo: 50,
    days: 3,
    code: "N",
    contacts: [{ onDay: 0, reached: false, method: "phone" }, { onDay: 1, reached: false, method: "text" }],
    visit: { onDay: 2, purpose: "safe_and_well", outcome: "child_seen", report: "complete" },
    why: "Day 3 safe-and-well visit, child seen (burgh 6.2)",
  },
  { pupil: 11, fromDaysAgo: 46, days: 2, code: "I", contacts: [{ onDay: 0, reached: true, method: "phone", reason: "Stomach bug" }], why: "Ill, parent reached on the first morning (burgh 6.1)" },
  {
    pupil: 12,
    fromDaysAgo: 41,
    days: 3,
    code: "N",
    contacts: [{ onDay: 0, reached: false, method: "phone" }],
    visit: { onDay: 1, purpose: "safe_and_well", outcome: "child_seen", report: "complete" },
    why: "EHCP: visit from Day 2, child seen (burgh 6.2, sooner for vulnerable children)",
  },
  {
    pupil: 13,
    fromDaysAgo: 38,
    days: 4,
    code: "N",
    contacts: [{ onDay: 0, reached: false, method: "phone" }, { onDay: 1, reached: false, method: "email" }],
    visit: { onDay: 2, purpose: "safe_and_well", outcome: "no_contact", report: "complete", missedCheckIn: true },
    referral: { onDay: 3, kind: "cme", reason: "Nobody at the address on the Day 3 visit; neighbours say the family may have moved" },
    why: "Nobody answered on Day 3 and a check-in was missed; CME question raised (burgh 9)",
  },
  { pupil: 14, fromDaysAgo: 33, days: 1, code: "N", contacts: [{ onDay: 0, reached: true, method: "phone", reason: "Overslept, back tomorrow" }], why: "Day 1 call, parent reached" },
  {
    pupil: 15,
    fromDaysAgo: 30,
    days: 5,
    code: "I",
    contacts: [{ onDay: 0, reached: true, method: "phone", reason: "Flu" }],
    visit: { onDay: 4, purpose: "eyes_on", outcome: "child_seen", report: "complete" },
    why: "Ill and explained; seen at home before 5 school days unseen (burgh 6.3)",
  },
  {
    pupil: 16,
    fromDaysAgo: 27,
    days: 4,
    code: "N",
    contacts: [{ onDay: 0, reached: false, method: "phone" }],
    visit: { onDay: 3, purpose: "safe_and_well", outcome: "parent_seen_child_not_seen", report: "no_follow_up" },
    why: "The Day 3 visit made on Day 4; parent seen, child not; the report leaves out the follow-up",
  },
  { pupil: 17, fromDaysAgo: 22, days: 2, code: "N", contacts: [{ onDay: 1, reached: true, method: "phone", reason: "Family emergency" }], why: "Parent reached on the second day: the Day 1 call closed late" },
  { pupil: 18, fromDaysAgo: 20, days: 2, code: "M", contacts: [{ onDay: 0, reached: true, method: "phone", reason: "Dental appointment and recovery" }], why: "Medical appointment, parent reached" },
  {
    pupil: 19,
    fromDaysAgo: 18,
    days: 3,
    code: "N",
    contacts: [{ onDay: 0, reached: false, method: "phone" }, { onDay: 1, reached: false, method: "text" }],
    visit: { onDay: 2, purpose: "safe_and_well", outcome: "child_seen", report: "complete" },
    why: "Day 3 safe-and-well visit, child seen",
  },
  { pupil: 20, fromDaysAgo: 16, days: 2, code: "I", contacts: [{ onDay: 0, reached: true, method: "email", reason: "Chest infection" }], why: "Ill, parent replied by email" },
  {
    pupil: 21,
    fromDaysAgo: 15,
    days: 3,
    code: "N",
    contacts: [{ onDay: 0, reached: false, method: "phone" }],
    visit: { onDay: 2, purpose: "safe_and_well", outcome: "child_seen", report: "complete" },
    why: "Day 3 safe-and-well visit, child seen",
  },
];

/** The code a term story gives a pupil on a school day counted back from the anchor, if any. */
export function termCode(pupil: number, daysAgo: number): string | undefined {
  const s = DEMO_TERM_STORIES.find((t) => t.pupil === pupil);
  if (!s) return undefined;
  const dayOfRun = s.fromDaysAgo - daysAgo;
  return dayOfRun >= 0 && dayOfRun < s.days ? s.code : undefined;
}
