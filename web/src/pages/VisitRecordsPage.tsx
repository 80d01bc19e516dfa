/**
 * Physical interventions, allegations against staff, complaints about visits and
 * pupils transported (issue 21): each listed only to the roles the policy routed
 * it to, with its clause and outcome; anyone who records can record here too.
 */
import { Fragment, useId, useState } from "react";
import type { PageProps } from "../App";
import { api, may, ROLE_LABELS, type Role } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import { dateTime, VISIT_RECORD_KIND_LABELS } from "../records/labels";
import type { VisitRecord } from "../records/types";
import { ExternalReference } from "../records/ExternalReference";
import { VisitRecordForm } from "../records/VisitRecordForm";
import { canOrganise } from "../visits/roles";
import "../records/records.css";
import type { VisitRecords } from "../../../src/contracts/records";
import type { StaffOptions } from "../../../src/contracts/visits";


export function VisitRecordsPage({ session }: PageProps) {
  const reads = may(session, "GET /api/visit-records");
  const records = may(session, "POST /api/visit-records");
  const { data, error, reload } = useApi<VisitRecords>(reads ? "/api/visit-records" : null);
  const staff = useApi<StaffOptions>(records && canOrganise(session) ? "/api/visits/staff-options" : null);
  return (
    <>
      <h1>Visit records</h1>
      <p>Physical interventions, allegations against staff, complaints about a visit and pupils transported. Each goes to whom the school&rsquo;s policy names, with its clause; only they read it.</p>
      {records && <VisitRecordForm staff={(staff.data?.staff ?? []).map((s) => ({ userId: s.id, name: s.name }))} />}
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && data.records.length === 0 && <p>No records have been sent to you.</p>}
      <ul className="rec-cards">
        {data?.records.map((r) => (
          <li key={r.id} className={r.status === "closed" ? "rec-closed" : undefined}>
            <h2>
              {VISIT_RECORD_KIND_LABELS[r.kind] ?? r.kind}, {dateTime(r.occurredAt)}
              <span className={`rec-tag ${r.status === "closed" ? "rec-done" : "rec-open"}`}>{r.status === "closed" ? "Closed" : "Open"}</span>
              {r.reviewRequired && <span className="rec-tag rec-open">Child-protection or disciplinary review</span>}
            </h2>
            <dl className="facts">
              <dt>Recorded by</dt>
              <dd>{r.recordedName}</dd>
              <dt>Sent to</dt>
              <dd>
                {r.routedTo.map((x) => ROLE_LABELS[x as Role] ?? x).join(", ")} ({r.routeClause})
              </dd>
              {r.visitId && (
                <>
                  <dt>Visit</dt>
                  <dd>
                    <Link to={`/visits/${r.visitId}`}>Open the visit</Link>
                  </dd>
                </>
              )}
              {r.facts.map(([k, v]) => (
                <Fragment key={k}>
                  <dt>{k}</dt>
                  <dd className="rec-pre">{v}</dd>
                </Fragment>
              ))}
              {r.outcome && (
                <>
                  <dt>Outcome</dt>
                  <dd className="rec-pre">{r.outcome}</dd>
                </>
              )}
            </dl>
            <ExternalReference entity="visit_record" entityId={r.id} current={r.externalRef} what={`the ${VISIT_RECORD_KIND_LABELS[r.kind] ?? r.kind} of ${dateTime(r.occurredAt)}`} onDone={reload} />
            <Outcome record={r} onDone={reload} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Outcome({ record, onDone }: { record: VisitRecord; onDone: () => Promise<void> }) {
  const id = useId();
  const { problems, setProblems, status, busy, run } = useForm({ fields: { outcome: `${id}-outcome` } });
  const [outcome, setOutcome] = useState(record.outcome ?? "");
  const [close, setClose] = useState(record.status === "closed");
  return (
    <details className="rec-details">
      <summary>{record.outcome ? "Change the outcome" : "Record the outcome"}</summary>
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!outcome.trim()) return setProblems([{ id: `${id}-outcome`, message: "Record what was decided" }]);
          void run(async () => {
            await api("PUT", `/api/visit-records/${record.id}/outcome`, { outcome, status: close ? "closed" : "open" });
            await onDone();
            return "Outcome recorded.";
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <textarea id={`${id}-outcome`} rows={3} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
        <label className="inline">
          <input type="checkbox" checked={close} onChange={(e) => setClose(e.target.checked)} /> Closed
        </label>
        <button type="submit" disabled={busy}>
          Save the outcome
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}
