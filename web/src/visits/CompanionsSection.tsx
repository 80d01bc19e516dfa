/**
 * People from outside the school accompanying the visit: a social worker on a
 * joint visit, a volunteer (burgh 1, 9). They are not Doorstep users; the office
 * sees their name, organisation, role and phone. The id is made here, so a form
 * sent twice adds the person once. Whether one counts toward a paired visit is
 * the policy's (conduct.companions); the team check says so when it refuses.
 */
import { useId, useState } from "react";
import { may } from "../api";
import { useSubmit } from "./Feedback";
import { send } from "./request";
import { Section, type VisitSectionProps } from "./Section";
import { isFinal } from "./types";

const FIELDS = [
  ["name", "Name", true],
  ["organisation", "Organisation", true],
  ["role", "Role (e.g. social worker, volunteer)", true],
  ["phone", "Phone", false],
] as const;
type Field = (typeof FIELDS)[number][0];

export function CompanionsSection({ visit, session, reload }: VisitSectionProps) {
  const id = useId();
  const editable = may(session, "POST /api/visits/:visitId/companions") && !isFinal(visit.state);
  const [values, setValues] = useState<Record<Field, string>>({ name: "", organisation: "", role: "", phone: "" });
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const { run, view, busy } = useSubmit(reload);
  if (!editable && visit.companions.length === 0) return null;
  return (
    <Section id="companions" title="From outside the school">
      {visit.companions.length === 0 ? (
        <p>Nobody from outside the school accompanies this visit.</p>
      ) : (
        <ul className="visit-team">
          {visit.companions.map((c) => (
            <li key={c.id}>
              <span>
                <strong>{c.name}</strong>, {c.role}, {c.organisation}
              </span>
              <span>{c.phone ? <a href={`tel:${c.phone.replace(/[^0-9+]/g, "")}`}>{c.phone}</a> : <span className="muted">no phone given</span>}</span>
              {editable && (
                <button type="button" disabled={busy} onClick={() => void run(() => send(session, "DELETE", `/api/visits/${visit.id}/companions/${c.id}`), `${c.name} is no longer on the visit.`)}>
                  Remove<span className="visually-hidden"> {c.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form
          className="visit-form"
          onSubmit={(e) => {
            e.preventDefault();
            const body = { id: clientId, name: values.name, organisation: values.organisation, role: values.role, ...(values.phone.trim() ? { phone: values.phone } : {}) };
            void run(
              () => send(session, "POST", `/api/visits/${visit.id}/companions`, body),
              () => {
                setValues({ name: "", organisation: "", role: "", phone: "" });
                setClientId(crypto.randomUUID());
                return `${body.name} (${body.organisation}) accompanies the visit.`;
              },
            );
          }}
        >
          <fieldset>
            <legend>Add someone accompanying the visit (a joint visit, a volunteer)</legend>
            {FIELDS.map(([f, label, required]) => (
              <div key={f}>
                <label htmlFor={`${id}-${f}`}>{label}</label>
                <input id={`${id}-${f}`} required={required} type={f === "phone" ? "tel" : "text"} value={values[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
              </div>
            ))}
          </fieldset>
          {view}
          <button type="submit" disabled={busy}>
            Add to the visit
          </button>
        </form>
      )}
    </Section>
  );
}
