import { useState } from "react";
import { ROLE_LABELS, type Role } from "../api";
import { useSubmit } from "./Feedback";
import { dayAndTime } from "./format";
import { send } from "./request";
import { canAssessRisk } from "./roles";
import { Section, type VisitSectionProps } from "./Section";
import { isFinal } from "./types";

const QUESTIONS = [
  { key: "knownHistory", label: "Known history of the family and the address" },
  { key: "previousIncidents", label: "Previous incidents" },
  { key: "animals", label: "Animals at the address" },
  { key: "environment", label: "The building and its surroundings" },
  { key: "occupants", label: "Who lives or may be at the address" },
  { key: "loneWorking", label: "Lone working: arrangements" },
] as const;
type Key = (typeof QUESTIONS)[number]["key"];

/**
 * The risk assessment: who completed it and when, and a form to complete or
 * amend it. The policy may name who completes it (coteford 2.5: the business
 * manager); the server refuses anyone else with the clause.
 */
export function RiskAssessmentSection({ visit, session, reload }: VisitSectionProps) {
  const ra = visit.riskAssessment;
  const answers = (ra?.answers ?? {}) as Partial<Record<Key, string>>;
  const editable = canAssessRisk(session) && !isFinal(visit.state);
  const { run, view, busy } = useSubmit(reload);
  const [open, setOpen] = useState(ra === null);

  const form = (
    <form
      className="visit-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const body = {
          ...Object.fromEntries(QUESTIONS.map((q) => [q.key, String(f.get(q.key) ?? "")])),
          pairDecision: f.get("pairDecision") === "yes",
          riskLevel: String(f.get("riskLevel") ?? "low"),
        };
        void run(() => send(session, "POST", `/api/visits/${visit.id}/risk-assessment`, body), ra ? "Risk assessment amended." : "Risk assessment completed.");
      }}
    >
      {QUESTIONS.map((q) => (
        <div key={q.key}>
          <label htmlFor={`ra-${q.key}`}>{q.label}</label>
          <textarea id={`ra-${q.key}`} name={q.key} defaultValue={answers[q.key] ?? ""} maxLength={4000} />
        </div>
      ))}
      <fieldset>
        <legend>Should two members of staff make this visit?</legend>
        <label className="inline">
          <input type="radio" name="pairDecision" value="yes" defaultChecked={ra?.pairDecision === true} /> Yes, two staff
        </label>
        <label className="inline">
          <input type="radio" name="pairDecision" value="no" defaultChecked={ra ? !ra.pairDecision : true} /> No, one is enough
        </label>
      </fieldset>
      <fieldset>
        <legend>Risk level</legend>
        {(["low", "medium", "high"] as const).map((level) => (
          <label className="inline" key={level}>
            <input type="radio" name="riskLevel" value={level} defaultChecked={(ra?.riskLevel ?? "low") === level} /> {level[0]!.toUpperCase() + level.slice(1)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {ra ? "Save the amended risk assessment" : "Save the risk assessment"}
      </button>
    </form>
  );

  return (
    <Section id="risk" title="Risk assessment">
      {ra ? (
        <>
          <p>
            Completed by <strong>{ra.completedBy}</strong> ({ROLE_LABELS[ra.completedRole as Role] ?? ra.completedRole.replaceAll("_", " ")}) on {dayAndTime(ra.completedAt)}. Risk level:{" "}
            <strong>{ra.riskLevel}</strong>; {ra.pairDecision ? "two staff go" : "one member of staff may go"}.
          </p>
          <dl className="facts">
            {QUESTIONS.map((q) => (
              <div key={q.key} className="facts-row">
                <dt>{q.label}</dt>
                <dd>{answers[q.key] || <span className="muted">Nothing recorded</span>}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p>No risk assessment yet.</p>
      )}
      {editable && (
        <>
          {view}
          {ra ? (
            <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
              <summary>Amend the risk assessment</summary>
              {form}
            </details>
          ) : (
            form
          )}
        </>
      )}
    </Section>
  );
}
