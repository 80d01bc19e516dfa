/**
 * What staff on a visit report to the office, and when the office must next hear
 * from them. A visit under way always has exactly one "next deadline": miss it
 * and the office is alerted. Pure: times are given.
 */
import type { PolicyTemplate } from "../policy/template";

export const FIELD_STEPS = [
  "departed",
  "arrived",
  "check_in",
  "at_door",
  "waiting_started",
  "parent_running_late",
  "entered",
  "not_entered",
  "left",
  "returned",
  "home_safe",
] as const;
export type FieldStep = (typeof FIELD_STEPS)[number];

export type DeadlineKind = "arrival" | "check_in" | "return";

export interface NextDeadline {
  kind: DeadlineKind;
  dueAt: Date;
  /** The clause that makes this check-in due. */
  clause: string;
}

export interface VisitTimes {
  startsAt: Date | null;
  expectedBackAt: Date | null;
}

const MINUTE = 60_000;
/** Travel time allowed when the plan gives no time (Doorstep default). */
const DEFAULT_ALLOWANCE_MINUTES = 30;

const later = (a: Date, b: Date) => (a > b ? a : b);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);

/** After `step` at `at`, when must the office next hear from the team? null once they are back. */
export function nextDeadline(policy: PolicyTemplate, step: FieldStep, at: Date, times: VisitTimes): NextDeadline | null {
  const schedule = policy.conduct.checkIns;
  const every = schedule?.value.everyMinutes ?? null;
  const clause = schedule?.clause ?? "Doorstep default: a visit plan with an expected time back";
  const back = times.expectedBackAt ?? plus(at, 120);
  switch (step) {
    case "returned":
    case "home_safe":
      return null;
    case "departed":
      // coteford 2.4: a call on arrival. Expected around the planned start.
      if (schedule?.value.onArrival) return { kind: "arrival", dueAt: plus(later(times.startsAt ?? at, at), 15), clause };
      return { kind: "return", dueAt: later(back, plus(at, DEFAULT_ALLOWANCE_MINUTES)), clause };
    case "left":
      return { kind: "return", dueAt: later(back, plus(at, DEFAULT_ALLOWANCE_MINUTES)), clause };
    case "arrived":
    case "check_in":
    case "at_door":
    case "waiting_started":
    case "parent_running_late":
    case "entered":
    case "not_entered":
      // coteford 2.4 every 20 minutes; hunsbury-park 2 every two hours; otherwise the plan's time back.
      // To the second: a drill's rhythm may be a fraction of a minute.
      if (every) return { kind: "check_in", dueAt: new Date(at.getTime() + Math.round(every * 60) * 1000), clause };
      return { kind: "return", dueAt: later(back, plus(at, DEFAULT_ALLOWANCE_MINUTES)), clause };
  }
}

export type AlertLevel = "amber" | "red" | "police";

/** When a missed deadline's alert moves up a level; null at the top. */
export function nextEscalation(policy: PolicyTemplate, level: AlertLevel, dueAt: Date): { level: AlertLevel; at: Date } | null {
  const e = policy.conduct.escalation.value;
  switch (level) {
    case "amber":
      return { level: "red", at: plus(dueAt, e.seniorAfterMinutes) };
    case "red":
      return { level: "police", at: plus(dueAt, e.policeAfterMinutes) };
    case "police":
      return null;
  }
}

export function isOnSite(step: FieldStep): boolean {
  return ["arrived", "check_in", "at_door", "waiting_started", "parent_running_late", "entered", "not_entered"].includes(step);
}

/**
 * A visit cancelled while its team is out (say the family phoned the office as
 * the team arrived) still has people on the road: the phone offers them these
 * steps (checking in, leaving, getting back, home safe) and the office watches
 * for that word.
 */
export const STEPS_AFTER_CANCELLATION: readonly FieldStep[] = ["check_in", "left", "returned", "home_safe"];

/**
 * Whether a team still out on a cancelled visit may report `step`. Any word
 * from them is taken, including a doorstep step a phone queued without signal
 * before it heard of the cancellation: refusing it would lose where they were.
 * Only setting out again is refused: a cancelled visit is not started.
 */
export function acceptedAfterCancellation(step: FieldStep): boolean {
  return step !== "departed";
}

/** Whether the team went out and has not yet said it is back, from the steps recorded so far. */
export function teamIsOut(steps: readonly string[]): boolean {
  return steps.includes("departed") && !steps.some((s) => s === "returned" || s === "home_safe");
}
