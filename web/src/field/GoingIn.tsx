import { useId, useState } from "react";
import { decideGoingIn, type DoorAnswer } from "../../../src/domain/safety/going-in";
import type { FieldView } from "./types";

type Extra = { answers: Record<string, DoorAnswer>; reason?: string };

/**
 * The policy's questions before "went in" (who is there, the appointment,
 * invited in), decided on the phone by the same code the server checks with:
 * where the policy forbids entry the phone says so with the clause and offers
 * "did not go in"; where it allows entry only with a reason, it asks for one.
 */
export function GoingIn(props: { view: FieldView; onSend: (step: "entered" | "not_entered", extra: Extra) => void; onClose: () => void }) {
  const { view } = props;
  const rules = view.rules.goingIn!;
  const [answers, setAnswers] = useState<Record<string, DoorAnswer>>({});
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonId = useId();
  const appointment = view.rules.appointmentRequiredToEnter;
  const decision = decideGoingIn(
    {
      goingIn: { value: rules, clause: rules.clause },
      appointmentRequiredToEnter: appointment ? { value: appointment.required, clause: appointment.clause } : null,
    },
    answers,
    // An older server does not say: it checks the appointment itself.
    { appointmentRecorded: view.appointmentRecorded ?? true },
  );
  const withResponsibility = view.parents.filter((p) => p.parentalResponsibility);

  const sendEntered = () => {
    if (decision.verdict === "reason_required" && !reason.trim()) {
      setReasonMissing(true);
      return;
    }
    props.onSend("entered", decision.verdict === "reason_required" ? { answers, reason: reason.trim() } : { answers });
  };

  return (
    <fieldset className="outcome going-in">
      <legend>Before you go in</legend>
      {rules.reminders.length > 0 && (
        <ul className="going-in-reminders">
          {rules.reminders.map((r) => (
            <li key={r.text}>
              {r.text} <span className="clause">{r.clause}</span>
            </li>
          ))}
        </ul>
      )}
      {rules.showParentalResponsibility && (
        <p>
          {withResponsibility.length > 0 ? (
            <>
              With parental responsibility: <strong>{withResponsibility.map((p) => `${p.name}${p.relationship ? ` (${p.relationship})` : ""}`).join(", ")}</strong>
            </>
          ) : (
            "No contact is recorded as having parental responsibility."
          )}
        </p>
      )}
      {rules.questions.map((q) => (
        <fieldset key={q.id} className="door-question">
          <legend>
            {q.text} <span className="clause">{q.clause}</span>
          </legend>
          {(["yes", "no"] as const).map((a) => (
            <label key={a} className="outcome-choice">
              <input type="radio" name={`door-${q.id}`} value={a} checked={answers[q.id] === a} onChange={() => setAnswers((prev) => ({ ...prev, [q.id]: a }))} /> {a === "yes" ? "Yes" : "No"}
            </label>
          ))}
        </fieldset>
      ))}

      {decision.verdict === "refused" && (
        <div className="error-summary" role="alert">
          <p>
            <strong>Do not go in.</strong> {decision.message} <span className="clause">{decision.clause}</span>
          </p>
        </div>
      )}
      {decision.verdict === "reason_required" && (
        <div className="door-reason">
          <p>
            {decision.message} <span className="clause">{decision.clause}</span>
          </p>
          <label htmlFor={reasonId}>Why it is right to go in (kept with the step)</label>
          <textarea id={reasonId} rows={3} value={reason} aria-invalid={reasonMissing || undefined} onChange={(e) => setReason(e.target.value)} />
          {reasonMissing && (
            <p className="error-summary" role="alert">
              Give the reason first.
            </p>
          )}
        </div>
      )}
      {decision.verdict === "unanswered" && <p className="muted">Answer every question: &ldquo;Went in&rdquo; is sent with your answers.</p>}

      <div className="field-buttons">
        {(decision.verdict === "allowed" || decision.verdict === "reason_required") && (
          <button type="button" className="field-step" onClick={sendEntered}>
            Send &ldquo;Went in&rdquo;
          </button>
        )}
        {decision.verdict === "refused" && (
          <button type="button" className="field-step" onClick={() => props.onSend("not_entered", { answers })}>
            Record &ldquo;Did not go in&rdquo;
          </button>
        )}
        <NotYet onClose={props.onClose} />
      </div>
    </fieldset>
  );
}

/** Before "departed": the ID card the policy asks for (all five seeds). */
export function IdCardCheck(props: { idCard: { text: string; clause: string }; onSend: () => void; onClose: () => void }) {
  const [worn, setWorn] = useState(false);
  const [missing, setMissing] = useState(false);
  return (
    <fieldset className="outcome">
      <legend>Before you set off</legend>
      <label className="outcome-choice">
        <input
          type="checkbox"
          checked={worn}
          onChange={(e) => {
            setWorn(e.target.checked);
            setMissing(false);
          }}
        />{" "}
        {props.idCard.text} <span className="clause">{props.idCard.clause}</span>
      </label>
      {missing && (
        <p className="error-summary" role="alert">
          Put your ID card on first: the policy asks for it at all times ({props.idCard.clause}).
        </p>
      )}
      <div className="field-buttons">
        <button type="button" className="field-step" onClick={() => (worn ? props.onSend() : setMissing(true))}>
          Send &ldquo;Departed&rdquo;
        </button>
        <NotYet onClose={props.onClose} />
      </div>
    </fieldset>
  );
}

function NotYet({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" className="field-step secondary" onClick={onClose}>
      Not yet
    </button>
  );
}
