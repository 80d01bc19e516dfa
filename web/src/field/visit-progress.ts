/**
 * Where a visit has got to, as the phone knows it: the steps the server has
 * recorded and those still waiting for signal, merged into one timeline, and
 * what follows from it (which step comes next, whether the team is out, what a
 * cancelled visit still takes, whether a door timer runs). Pure, so the rules
 * the visitor relies on at the door are tested without a browser.
 */
import type { FieldView } from "./types";

export type StepButton = "departed" | "arrived" | "check_in" | "at_door" | "entered" | "not_entered" | "left" | "returned" | "home_safe";

/** The steps of a visit, in the order they happen. */
export const STEPS: { step: StepButton; label: string }[] = [
  { step: "departed", label: "Departed" },
  { step: "arrived", label: "Arrived" },
  { step: "check_in", label: "Check in with the office" },
  { step: "at_door", label: "At the door" },
  { step: "entered", label: "Went in" },
  { step: "not_entered", label: "Did not go in" },
  { step: "left", label: "Left the house" },
  { step: "returned", label: "Back at base" },
  { step: "home_safe", label: "Home safe" },
];
/** Steps that end a visit ask what came of it. */
export const ASKS_OUTCOME = new Set<string>(["left", "returned", "home_safe"]);
export const FINISHING = new Set<string>(["returned", "home_safe"]);
/** Steps a team still out can report on a cancelled visit, when the server does not say (STEPS_AFTER_CANCELLATION on the server). */
const AFTER_CANCELLATION = ["check_in", "left", "returned", "home_safe"];
/** After one of these, a waiting or running-late timer stops. */
const STOPS_TIMER = new Set<string>(["entered", "not_entered", "left", "returned", "home_safe"]);

export interface TimelineEntry {
  id: string;
  step: string;
  at: string;
  by: string;
  /** Still on this phone, waiting for signal. */
  waiting: boolean;
}

/** What the outbox holds for this visit, as far as the timeline needs it. */
export interface WaitingItem {
  id: string;
  kind: "step" | "alarm" | "cancel" | string;
  body: Record<string, unknown>;
}

export function timelineOf(recordedEvents: FieldView["events"], waitingItems: readonly WaitingItem[], me: string): TimelineEntry[] {
  const recorded = recordedEvents.map((e) => ({ id: e.id, step: e.step, at: e.at, by: e.by, waiting: false }));
  const known = new Set(recorded.map((r) => r.id));
  const waiting = waitingItems
    .filter((i) => !known.has(i.id) && i.kind !== "cancel")
    .map((i) => ({ id: i.id, step: i.kind === "alarm" ? "alarm" : String(i.body.step), at: String(i.body.occurredAt), by: me, waiting: true }));
  return [...recorded, ...waiting].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export interface Progress {
  cancelled: boolean;
  /** Closed: finished, no contact or cancelled (or a cancellation waiting for signal). */
  finished: boolean;
  /** Departed, and not yet back. */
  out: boolean;
  /** On a visit cancelled while the team is out: the steps that still bring the team back safely. */
  stillOpen: ReadonlySet<string>;
  atDoor: boolean;
  /** The step to offer first (index into STEPS), -1 when every step is taken; a check-in is never "next". */
  nextIndex: number;
}

export function progressOf(timeline: readonly TimelineEntry[], view: Pick<FieldView, "state" | "afterCancellation"> | undefined, cancelling: boolean): Progress {
  const taken = (step: string) => timeline.some((t) => t.step === step);
  const state = view?.state ?? "";
  const cancelled = state === "cancelled" || cancelling;
  const finished = ["completed", "no_contact", "cancelled"].includes(state) || cancelling;
  const out = taken("departed") && !taken("returned") && !taken("home_safe");
  let stillOpen: ReadonlySet<string> = new Set();
  if (cancelled && out) stillOpen = state === "cancelled" && view?.afterCancellation !== undefined ? new Set(view.afterCancellation?.steps ?? []) : new Set(AFTER_CANCELLATION);
  const atDoor = taken("at_door") || taken("waiting_started") || taken("parent_running_late");
  let last = -1;
  STEPS.forEach((s, i) => {
    if (s.step !== "check_in" && taken(s.step)) last = i;
  });
  const after = STEPS.slice(last + 1).findIndex((s) => s.step !== "check_in");
  return { cancelled, finished, out, stillOpen, atDoor, nextIndex: after < 0 ? -1 : last + 1 + after };
}

/** The waiting or running-late tap whose timer still runs: none once the visit is closed or the team has moved on. */
export function runningDoorTimer(timeline: readonly TimelineEntry[], finished: boolean): { step: "waiting_started" | "parent_running_late"; tappedAt: number } | null {
  const start = timeline.filter((t) => t.step === "waiting_started" || t.step === "parent_running_late").at(-1);
  if (!start || finished) return null;
  const tappedAt = Date.parse(start.at);
  if (timeline.some((t) => STOPS_TIMER.has(t.step) && Date.parse(t.at) >= tappedAt)) return null;
  return { step: start.step as "waiting_started" | "parent_running_late", tappedAt };
}

/** The questions the policy asks before a step goes: the ID card before setting off, the going-in questions before going in. */
type StepRules = Pick<FieldView["rules"], "idCard" | "goingIn">;

/**
 * What pressing a step's button does: open the policy's questions first, ask
 * what came of the visit (not on a cancelled visit, whose outcome is
 * "cancelled"), or send the step at once.
 */
export function pressOf(step: StepButton, rules: StepRules | undefined, cancelled: boolean): "questions" | "outcome" | "send" {
  if ((step === "departed" && rules?.idCard) || (step === "entered" && rules?.goingIn?.questions.length)) return "questions";
  if (ASKS_OUTCOME.has(step) && !cancelled) return "outcome";
  return "send";
}

/** Whether a step's button opens something below it (so it says whether that is open: aria-expanded). */
export function opensBelow(step: StepButton, rules: StepRules): boolean {
  return ASKS_OUTCOME.has(step) || (step === "departed" && !!rules.idCard) || (step === "entered" && !!rules.goingIn);
}

export interface ShownAlarm {
  id: string;
  at: string;
  /** The office has it: sent from here, or on the server's timeline. */
  sent: boolean;
  /** Still in this phone's outbox. */
  waiting: boolean;
}

/** The alarm to show as raised: the one pressed here, or one still waiting for signal after a reload. */
export function alarmOf(
  pressed: { id: string; at: string } | null,
  outbox: { pending: readonly { id: string; kind: string; visitId: string; queuedAt: string }[]; sent: readonly string[] },
  visitId: string,
  recorded: readonly { id: string }[],
): ShownAlarm | null {
  const queued = outbox.pending.find((i) => i.visitId === visitId && i.kind === "alarm");
  const shown = pressed ?? (queued ? { id: queued.id, at: queued.queuedAt } : null);
  if (!shown) return null;
  return { ...shown, sent: outbox.sent.includes(shown.id) || recorded.some((e) => e.id === shown.id), waiting: outbox.pending.some((i) => i.id === shown.id) };
}
