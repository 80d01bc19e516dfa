import { useState } from "react";
import { GoingIn, IdCardCheck } from "../../field/GoingIn";
import { clock } from "../../field/time";
import { OUTCOME_LABELS, type FieldView, type Outcome } from "../../field/types";
import { ASKS_OUTCOME, FINISHING, opensBelow, pressOf, STEPS, type Progress, type StepButton, type TimelineEntry } from "../../field/visit-progress";
import { Link } from "../../router";

export type SendStep = (step: string, extra?: Record<string, unknown>) => Promise<void>;

/** The step buttons in order, each with when it was sent; the questions a step asks first; and what a finished visit still takes. */
export function StepsSection(props: { view: FieldView; visitId: string; timeline: readonly TimelineEntry[]; progress: Progress; locationOn: boolean; sendStep: SendStep }) {
  const { view, visitId, timeline, sendStep } = props;
  const { cancelled, finished, stillOpen, nextIndex } = props.progress;
  const [asking, setAsking] = useState<StepButton | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [outcomeError, setOutcomeError] = useState(false);

  const send = (step: string, extra?: Record<string, unknown>) => {
    setAsking(null);
    void sendStep(step, extra);
  };

  const press = (step: StepButton) => {
    switch (pressOf(step, view.rules, cancelled)) {
      case "questions":
        setAsking(asking === step ? null : step);
        return;
      case "outcome":
        setAsking(step);
        setOutcomeError(false);
        return;
      case "send":
        send(step);
    }
  };

  const sendWithOutcome = (step: StepButton, withOutcome: boolean) => {
    if (withOutcome && !outcome) {
      setOutcomeError(true);
      return;
    }
    send(step, withOutcome && outcome ? { outcome } : {});
  };

  return (
    <section className="field-section" aria-labelledby="steps-h">
      <h2 id="steps-h">Report a step</h2>
      <p className="muted">Each step goes to the office with the time{props.locationOn ? " and your location" : ""}.</p>
      <ol className="field-steps">
        {STEPS.map((s, i) => {
          const all = timeline.filter((t) => t.step === s.step);
          const done = all.at(-1);
          const closed = finished && !stillOpen.has(s.step);
          return (
            <li key={s.step}>
              <button
                type="button"
                className={`field-step${i === nextIndex && !closed ? " field-step-next" : " secondary"}`}
                disabled={closed}
                aria-expanded={opensBelow(s.step, view.rules) ? asking === s.step : undefined}
                onClick={() => press(s.step)}
              >
                {s.label}
              </button>
              {done && (
                <span className="step-done">
                  <span aria-hidden="true">✓ </span>
                  {done.waiting ? `Waiting for signal (${clock(done.at)})` : `Sent ${clock(done.at)}`}
                  {all.length > 1 && <span className="step-times"> · {all.length} times: {all.map((t) => `${clock(t.at)}${t.waiting ? " (waiting)" : ""}`).join(", ")}</span>}
                </span>
              )}
              {asking === s.step && s.step === "departed" && view.rules.idCard && (
                <IdCardCheck idCard={view.rules.idCard} onSend={() => send("departed", { idCardWorn: true })} onClose={() => setAsking(null)} />
              )}
              {asking === s.step && s.step === "entered" && view.rules.goingIn && <GoingIn view={view} onSend={send} onClose={() => setAsking(null)} />}
              {asking === s.step && ASKS_OUTCOME.has(s.step) && (
                <fieldset className="outcome">
                  <legend>What came of the visit?</legend>
                  {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => (
                    <label key={o} className="outcome-choice">
                      <input type="radio" name={`outcome-${s.step}`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {OUTCOME_LABELS[o]}
                    </label>
                  ))}
                  {outcomeError && (
                    <p className="error-summary" role="alert">
                      Choose what came of the visit first.
                    </p>
                  )}
                  <div className="field-buttons">
                    <button type="button" className="field-step" onClick={() => sendWithOutcome(s.step, true)}>
                      Send &ldquo;{s.label}&rdquo;
                    </button>
                    {!FINISHING.has(s.step) && (
                      <button type="button" className="field-step secondary" onClick={() => sendWithOutcome(s.step, false)}>
                        Send without an answer
                      </button>
                    )}
                    <button type="button" className="field-step secondary" onClick={() => setAsking(null)}>
                      Not yet
                    </button>
                  </div>
                </fieldset>
              )}
            </li>
          );
        })}
      </ol>
      {finished && (
        <p className="notice">
          {cancelled ? (
            stillOpen.size > 0 ? (
              <>
                This visit is cancelled and the headteacher has been told
                {view.afterCancellation?.reason ? <> (&ldquo;{view.afterCancellation.reason}&rdquo;)</> : null}. You are still out: report{" "}
                {STEPS.filter((x) => stillOpen.has(x.step)).map((x, i, list) => (
                  <span key={x.step}>
                    {i > 0 ? (i === list.length - 1 ? " or " : ", ") : ""}&ldquo;{x.label}&rdquo;
                  </span>
                ))}{" "}
                so the office knows you are safe.
              </>
            ) : (
              "This visit is cancelled and the headteacher has been told. Doorstep takes no more steps on it: phone the office if you are still out."
            )
          ) : (
            <>
              This visit is finished. Thank you. <Link to={`/visits/${visitId}`}>Write the visit report</Link>
            </>
          )}
        </p>
      )}
    </section>
  );
}
