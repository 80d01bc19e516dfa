/**
 * Case sampling (burgh 13: the head and DSL monitor compliance "through spot
 * checks, case sampling and data reviews"). Pure: the draw is a seeded
 * shuffle, so a sample shown with its seed can be drawn again by anyone from
 * the same visits, and the prefill says what the record shows before a
 * reviewer judges it.
 */
import { InvalidInput } from "../errors";
import { seededRandom as random } from "../seeded-random";

/** Most visits one sample holds: a sample is for a person to review at one sitting. */
export const MAX_SAMPLE_SIZE = 30;
/** Seeds are whole numbers that fit a PostgreSQL integer, shown as they are. */
export const MAX_SEED = 0x7fffffff;

/**
 * `size` of `pool` at random for `seed`. The pool is sorted first, so the draw
 * depends on which visits there are, not on the order a query returned them.
 */
export function drawSample<T extends string>(pool: readonly T[], size: number, seed: number): T[] {
  if (!Number.isInteger(size) || size < 1 || size > MAX_SAMPLE_SIZE) throw new InvalidInput("size", `from 1 to ${MAX_SAMPLE_SIZE}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new InvalidInput("seed", `a whole number from 0 to ${MAX_SEED}`);
  const items = [...new Set(pool)].sort();
  const next = random(seed);
  // Fisher–Yates, stopped once the sample is drawn.
  const take = Math.min(size, items.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(next() * (items.length - i));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items.slice(0, take);
}

/** What the record of one visit shows, read by the app. */
export interface SampledVisitFacts {
  /** The visit report's fields, or null when no report was submitted. */
  report: { reason: string; peoplePresent: string; summary: string; actionsAgreed: string; followUpActions: string; childrenRecorded: number } | null;
  /** Children on the visit. */
  children: number;
  /** Check-in deadlines set on the visit, and how many were missed (raised an overdue alert). */
  checkIns: number;
  checkInsMissed: number;
}

/** What the reviewer is shown ticked before judging: the parts a record can answer. Clause followed is the reviewer's alone. */
export interface FindingPrefill {
  reportComplete: boolean;
  checkInsKept: boolean;
  /** Why, in words, for the reviewer to check. */
  reportWhy: string;
  checkInsWhy: string;
}

export function prefillFinding(f: SampledVisitFacts): FindingPrefill {
  const r = f.report;
  const missing = r ? (["reason", "peoplePresent", "summary", "actionsAgreed", "followUpActions"] as const).filter((k) => r[k].trim() === "") : [];
  const reportComplete = r !== null && missing.length === 0 && r.childrenRecorded >= f.children;
  const reportWhy =
    r === null
      ? "No visit report was submitted."
      : missing.length > 0
        ? `The report leaves out: ${missing.map((k) => REPORT_FIELD_WORDS[k]).join(", ")}.`
        : r.childrenRecorded < f.children
          ? `The report records ${r.childrenRecorded} of the ${f.children} children on the visit.`
          : "Every part of the report is filled in, for every child on the visit.";
  const checkInsKept = f.checkInsMissed === 0;
  const checkInsWhy =
    f.checkIns === 0 ? "No check-in was due on this visit." : f.checkInsMissed === 0 ? `All ${f.checkIns} check-ins came in on time.` : `${f.checkInsMissed} of ${f.checkIns} check-ins were missed (an overdue alert was raised).`;
  return { reportComplete, checkInsKept, reportWhy, checkInsWhy };
}

const REPORT_FIELD_WORDS = {
  reason: "the reason for the visit",
  peoplePresent: "who was present",
  summary: "the summary",
  actionsAgreed: "the actions agreed",
  followUpActions: "the follow-up actions",
} as const;

export interface Finding {
  reportComplete: boolean;
  clauseFollowed: boolean;
  checkInsKept: boolean;
}

/** A visit meets the policy when all three hold. */
export function meetsPolicy(f: Finding): boolean {
  return f.reportComplete && f.clauseFollowed && f.checkInsKept;
}

/** The engine action a visit of each purpose answers when it does not say, to find the clause a reviewer checks it against. */
const ACTION_OF_PURPOSE: Record<string, string> = { safe_and_well: "safe_and_well_visit", eyes_on: "eyes_on_visit", unannounced: "unannounced_visit" };

/** The policy clause a sampled visit is reviewed against: the rule of the action it answers, if the policy has one. */
export function clauseForVisit(rules: readonly { kind: string; clause: string }[], visit: { answersAction: string | null; purpose: string }): string | null {
  const action = visit.answersAction ?? ACTION_OF_PURPOSE[visit.purpose];
  return rules.find((r) => r.kind === action)?.clause ?? null;
}
