/** Incidents and near misses on visits, reviewed by the headteacher (burgh 11). */
import { useId, useState } from "react";
import type { PageProps } from "../App";
import { api, may } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import { dateTime } from "../records/labels";
import type { Incident } from "../records/types";
import "../records/records.css";
import type { Incidents } from "../../../src/contracts/records";

export function IncidentsPage({ session }: PageProps) {
  const { data, error, reload } = useApi<Incidents>("/api/incidents");
  const canReview = may(session, "POST /api/incidents/:incidentId/review");
  const waiting = (data?.incidents ?? []).filter((i) => !i.reviewedAt).length;
  return (
    <>
      <h1>Incidents</h1>
      <p>Incidents and near misses reported on home visits, most recent first. {canReview ? "Review each and record what was found and decided." : "The headteacher reviews each."}</p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && data.incidents.length === 0 && <p>No incidents or near misses have been reported.</p>}
      {data && data.incidents.length > 0 && (
        <p>
          <strong>{waiting}</strong> waiting for review.
        </p>
      )}
      <ul className="rec-cards">
        {data?.incidents.map((i) => (
          <li key={i.id} className={i.reviewedAt ? "rec-closed" : undefined}>
            <h2>
              {i.kind === "near_miss" ? "Near miss" : "Incident"}, {dateTime(i.occurredAt)}
              <span className={`rec-tag ${i.reviewedAt ? "rec-done" : "rec-open"}`}>{i.reviewedAt ? "Reviewed" : "Not reviewed"}</span>
            </h2>
            <dl className="facts">
              <dt>Reported by</dt>
              <dd>{i.reportedName}</dd>
              <dt>Visit</dt>
              <dd>{i.visitId ? <Link to={`/visits/${i.visitId}`}>Open the visit</Link> : "Not linked to a visit"}</dd>
              <dt>What happened</dt>
              <dd className="rec-pre">{i.description}</dd>
              {i.reviewedAt && (
                <>
                  <dt>Review</dt>
                  <dd className="rec-pre">{i.reviewNote}</dd>
                  <dt>Reviewed</dt>
                  <dd>{dateTime(i.reviewedAt)}</dd>
                </>
              )}
            </dl>
            {canReview && <Review incident={i} onDone={reload} />}
          </li>
        ))}
      </ul>
    </>
  );
}

function Review({ incident, onDone }: { incident: Incident; onDone: () => Promise<void> }) {
  const id = useId();
  const { problems, setProblems, status, busy, run } = useForm({ fields: { note: `${id}-note` } });
  const [note, setNote] = useState(incident.reviewNote ?? "");
  const [open, setOpen] = useState(!incident.reviewedAt);
  return (
    <details className="rec-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{incident.reviewedAt ? "Change the review" : "Review"}</summary>
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return setProblems([{ id: `${id}-note`, message: "Record what the review found and decided" }]);
          void run(async () => {
            await api("POST", `/api/incidents/${incident.id}/review`, { note });
            await onDone();
            return "Review recorded.";
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={`${id}-note`}>Review note</label>
        <p className="rec-hint" id={`${id}-hint`}>
          What was found, what was decided, and any change to the risk assessment or to how visits are made.
        </p>
        <textarea id={`${id}-note`} rows={3} value={note} aria-describedby={`${id}-hint`} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" disabled={busy}>
          Record the review
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}
