/**
 * The half-term decision list (transform-trust 4.2: actions are decided "at
 * half term/summary meetings" beside the daily reactive list). Pure: which
 * pupils a criterion puts on the list, from their sessions over the range.
 */
import { absenceBand } from "./dfe-attendance";

export const DECISION_CRITERIA = ["below_90_percent", "persistently_absent"] as const;
export type DecisionCriterion = (typeof DECISION_CRITERIA)[number];

export const DECISIONS = ["visit", "letter", "meeting", "monitor", "no_action"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface PupilSessions {
  pupilId: string;
  possible: number;
  missed: number;
}

/** One decimal, as the DfE prints attendance. */
export function attendancePercent(s: Pick<PupilSessions, "possible" | "missed">): number | null {
  return s.possible === 0 ? null : Math.round((1000 * (s.possible - s.missed)) / s.possible) / 10;
}

/**
 * Below 90%: attended fewer than 90% of possible sessions over the half-term.
 * Persistently absent: missed 10% or more of possible sessions over the school
 * year so far (DfE), whatever the half-term shows.
 */
export function meetsCriterion(criterion: DecisionCriterion, s: PupilSessions): boolean {
  if (s.possible === 0) return false;
  switch (criterion) {
    case "below_90_percent":
      return (s.possible - s.missed) * 10 < s.possible * 9;
    case "persistently_absent":
      return absenceBand(s.possible, s.missed) !== "none";
  }
}

/** The pupils a criterion lists, lowest attendance first. */
export function decisionListPupils(criterion: DecisionCriterion, sessions: readonly PupilSessions[]): PupilSessions[] {
  return sessions.filter((s) => meetsCriterion(criterion, s)).sort((a, b) => b.missed / b.possible - a.missed / a.possible || a.pupilId.localeCompare(b.pupilId));
}
