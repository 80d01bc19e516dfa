import { useEffect, useRef, useState } from "react";
import { clock, DEADLINE_LABELS, mmss } from "./time";

const REMIND_MS = 2 * 60_000;

/**
 * The next check-in, counting down every second. Screen readers get a polite
 * summary at most once a minute (the ticking figure itself is a timer, which
 * is not announced); two minutes before it falls due the phone vibrates once
 * and a reminder appears.
 */
export function Countdown(props: { deadline: { kind: string; dueAt: string; clause: string }; now: number; onCheckIn?: () => void; waiting: number }) {
  const { deadline, now } = props;
  const due = Date.parse(deadline.dueAt);
  const left = due - now;
  const label = DEADLINE_LABELS[deadline.kind] ?? "Next check-in";
  const overdue = left <= 0;
  const soon = !overdue && left <= REMIND_MS;

  const minutes = Math.ceil(Math.abs(left) / 60_000);
  const summary = overdue
    ? `${label}: overdue by ${minutes} minute${minutes === 1 ? "" : "s"}. The office has been alerted; check in now.`
    : `${label} due in ${minutes} minute${minutes === 1 ? "" : "s"}, at ${clock(due)}.`;

  // At most one announcement a minute, and one at once when the deadline itself changes.
  const [announced, setAnnounced] = useState(summary);
  const lastAnnounce = useRef({ at: now, dueAt: deadline.dueAt });
  useEffect(() => {
    if (summary === announced) return;
    const changedDeadline = lastAnnounce.current.dueAt !== deadline.dueAt;
    if (changedDeadline || now - lastAnnounce.current.at >= 60_000) {
      lastAnnounce.current = { at: now, dueAt: deadline.dueAt };
      setAnnounced(summary);
    }
  }, [summary, announced, now, deadline.dueAt]);

  const vibratedFor = useRef<string | null>(null);
  useEffect(() => {
    if ((soon || overdue) && vibratedFor.current !== deadline.dueAt) {
      vibratedFor.current = deadline.dueAt;
      if (typeof navigator.vibrate === "function") navigator.vibrate([300, 150, 300]);
    }
  }, [soon, overdue, deadline.dueAt]);

  return (
    <div className={`countdown${overdue ? " countdown-overdue" : soon ? " countdown-soon" : ""}`}>
      <p className="countdown-label">
        {label} {overdue ? "was due at" : "due at"} <strong>{clock(due)}</strong> <span className="clause">{deadline.clause}</span>
      </p>
      <p className="countdown-figure">
        <span className="countdown-prefix">{overdue ? "Overdue by" : "Time left"}</span>{" "}
        <span role="timer" className="countdown-time">
          {mmss(left)}
        </span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
      {(soon || overdue) && (
        <div className="countdown-reminder" role="alert">
          <p>
            <strong>{overdue ? "Check-in overdue: the office has been alerted." : "Check in with the office in the next 2 minutes."}</strong>
            {props.waiting > 0 && " You have steps waiting for signal: if they do not go, phone the office."}
          </p>
          {props.onCheckIn && (
            <button type="button" className="field-step" onClick={props.onCheckIn}>
              Check in now
            </button>
          )}
        </div>
      )}
    </div>
  );
}
