/**
 * The timers at the door. Waiting for a parent who is not there counts from the
 * tap; a parent running late is late for the arranged time, so that limit counts
 * from the visit's start (hunsbury-park 4: "over 30 minutes late, the visit will be
 * cancelled"; coteford 3.5), or from the tap when no time was arranged.
 */
export interface DoorTimer {
  kind: "waiting" | "late";
  /** When the limit's minutes start counting (ms since the epoch). */
  startedAt: number;
  /** The count starts at the arranged time rather than at the tap. */
  fromArranged: boolean;
}

export function doorTimer(step: "waiting_started" | "parent_running_late", tappedAt: number, arrangedAt: string | null): DoorTimer {
  if (step === "waiting_started") return { kind: "waiting", startedAt: tappedAt, fromArranged: false };
  const arranged = arrangedAt ? Date.parse(arrangedAt) : NaN;
  return Number.isFinite(arranged) && arranged < tappedAt
    ? { kind: "late", startedAt: arranged, fromArranged: true }
    : { kind: "late", startedAt: tappedAt, fromArranged: false };
}
