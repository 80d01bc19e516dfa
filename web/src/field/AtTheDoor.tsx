import { useEffect, useId, useRef } from "react";
import { mmss } from "./time";
import type { FieldView } from "./types";
import type { DoorTimer } from "./door-timer";

/**
 * The conduct rules at the door, as timers and prompts: how long to wait for a
 * parent, what to do when they are running late, and when to cancel instead.
 */
export function AtTheDoor(props: {
  view: FieldView;
  now: number;
  timer: DoorTimer | null;
  finished: boolean;
  calledCard: boolean;
  cancelReason: string | null;
  onStep: (step: "waiting_started" | "parent_running_late") => void;
  onNobodyAnswers: () => void;
  onNotGoingIn: (reason: string) => void;
  onProposeCancel: (reason: string) => void;
  onCancel: (reason: string) => void;
  onCloseCancel: () => void;
}) {
  const { view, now, timer } = props;
  const rules = view.rules;
  const wait = rules.waitingLimitMinutes;
  const late = rules.lateArrivalLimitMinutes;
  const limit = timer?.kind === "waiting" ? wait : timer?.kind === "late" ? late : null;
  const elapsed = timer ? now - timer.startedAt : 0;
  const reached = !!(timer && limit && elapsed >= limit.minutes * 60_000);
  const limitReason = timer && limit
    ? timer.kind === "waiting"
      ? `Parent not present after ${limit.minutes} minutes (${limit.clause})`
      : timer.fromArranged
        ? `Parent more than ${limit.minutes} minutes late for the arranged time (${limit.clause})`
        : `Parent did not arrive within ${limit.minutes} minutes of saying they were running late (${limit.clause})`
    : "";

  // Tell the phone once when the limit is reached.
  const buzzed = useRef<number | null>(null);
  useEffect(() => {
    if (reached && timer && buzzed.current !== timer.startedAt) {
      buzzed.current = timer.startedAt;
      if (typeof navigator.vibrate === "function") navigator.vibrate([400, 200, 400]);
    }
  }, [reached, timer]);

  const disabled = props.finished;
  return (
    <section className="field-section" aria-labelledby="door-h">
      <h2 id="door-h">At the door</h2>
      {rules.appointmentRequiredToEnter?.required && (
        <p className="notice">
          Go in only with an appointment agreed with a parent or carer, and only when they are there. <span className="clause">{rules.appointmentRequiredToEnter.clause}</span>
        </p>
      )}
      <div className="field-buttons">
        <button type="button" className="field-step secondary" disabled={disabled} onClick={() => props.onStep("waiting_started")}>
          Parent not here yet
        </button>
        <button type="button" className="field-step secondary" disabled={disabled} onClick={() => props.onStep("parent_running_late")}>
          Parent says they are running late
        </button>
        <button type="button" className="field-step secondary" disabled={disabled} onClick={props.onNobodyAnswers}>
          Nobody answers
        </button>
        <button type="button" className="field-step danger" disabled={disabled} onClick={() => props.onNotGoingIn("Dangerous animals not put away")}>
          Dangerous animals not put away
        </button>
        <button type="button" className="field-step danger" disabled={disabled} onClick={() => props.onNotGoingIn("Staff felt unsafe and did not go in")}>
          I feel unsafe: not going in
        </button>
      </div>

      {props.calledCard && (
        <p className="notice field-card" role="status">
          <strong>Leave a &lsquo;We called today&rsquo; card</strong> at the door{rules.calledCard ? <> <span className="clause">{rules.calledCard.clause}</span></> : null}. &ldquo;Did not go in&rdquo; has been recorded.
        </p>
      )}

      {timer && (
        <div className={`door-timer${reached ? " door-timer-reached" : ""}`}>
          <h3>{timer.kind === "waiting" ? "Waiting for the parent" : "Parent running late"}</h3>
          {timer.kind === "late" && (
            <p className="door-rule">
              <strong>Do not go in before they arrive.</strong>
            </p>
          )}
          <p>
            {limit ? (
              <>
                {timer.kind === "waiting" ? "Wait" : "Wait for them"} no longer than {limit.minutes} minutes ({limit.clause})
              </>
            ) : (
              "Your school's policy sets no time limit here: use your judgement and keep the office told."
            )}
          </p>
          <p className="countdown-figure">
            <span className="countdown-prefix">{timer.fromArranged ? "Late by" : "Waited"}</span> <span role="timer" className="countdown-time">{mmss(elapsed)}</span>
            {limit && !reached && <span className="countdown-prefix"> of {limit.minutes}:00</span>}
          </p>
          {reached && limit && (
            <div role="alert" className="door-limit">
              <p>
                <strong>
                  {timer.fromArranged ? `They are ${limit.minutes} minutes late for the arranged time.` : `You have waited ${limit.minutes} minutes.`} The policy says cancel the visit.
                </strong>
              </p>
              <button type="button" className="field-step danger" onClick={() => props.onProposeCancel(limitReason)}>
                Cancel the visit: {limitReason}
              </button>
            </div>
          )}
        </div>
      )}

      {props.cancelReason === null ? (
        <button type="button" className="field-step secondary" disabled={disabled} onClick={() => props.onProposeCancel("")}>
          Cancel the visit for another reason
        </button>
      ) : (
        <CancelForm key={props.cancelReason} reason={props.cancelReason} onCancel={props.onCancel} onClose={props.onCloseCancel} />
      )}
    </section>
  );
}

function CancelForm(props: { reason: string; onCancel: (reason: string) => void; onClose: () => void }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: "center" });
  }, []);
  return (
    <form
      className="cancel-form"
      onSubmit={(e) => {
        e.preventDefault();
        const reason = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
        if (reason) props.onCancel(reason);
      }}
    >
      <h3>Cancel the visit</h3>
      <label htmlFor={id}>Reason for cancelling (the headteacher is told in writing)</label>
      <textarea id={id} ref={ref} name="reason" required rows={3} defaultValue={props.reason} />
      <div className="field-buttons">
        <button type="submit" className="field-step danger">
          Cancel the visit
        </button>
        <button type="button" className="field-step secondary" onClick={props.onClose}>
          Keep the visit
        </button>
      </div>
    </form>
  );
}
