/**
 * Safeguarding concerns, for the DSL, the deputies and the head (KCSIE
 * need-to-know). The DSL team records the status, notes and the reference of
 * the entry in CPOMS or MyConcern; the head reads.
 */
import { useId, useMemo, useState } from "react";
import type { PupilList } from "../../../src/contracts/pupils";
import type { PageProps } from "../App";
import { api, may } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import { CONCERN_STATUS_LABELS, dateTime, label } from "../records/labels";
import type { Concern, ConcernNoteVersion } from "../records/types";
import "../records/records.css";
import type { Concerns } from "../../../src/contracts/records";
import type { StaffList } from "../../../src/contracts/staff";

export function ConcernsPage({ session }: PageProps) {
  const { data, error, reload } = useApi<Concerns>("/api/concerns");
  const pupils = useApi<PupilList>("/api/pupils");
  // Only staff administrators may list staff; the others see the name when the server sends it.
  const staff = useApi<StaffList>(may(session, "GET /api/staff") ? "/api/staff" : null);
  const canUpdate = may(session, "PUT /api/concerns/:concernId");
  const [show, setShow] = useState<"open" | "all">("open");

  const pupilName = useMemo(() => new Map((pupils.data?.pupils ?? []).map((p) => [p.id, `${p.firstName} ${p.lastName}`])), [pupils.data]);
  const staffName = useMemo(() => new Map((staff.data?.staff ?? []).map((s) => [s.id, s.name])), [staff.data]);
  const all = [...(data?.concerns ?? [])].sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : -1));
  const shown = show === "open" ? all.filter((c) => c.status !== "closed") : all;

  return (
    <>
      <h1>Concerns</h1>
      <p>
        Safeguarding concerns raised in Doorstep, newest first. {canUpdate ? "Record each on the school's safeguarding system and note its reference here." : "You can read them; the DSL and deputies record what is done."}
      </p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && (
        <fieldset className="filters">
          <legend>Show</legend>
          <label className="inline">
            <input type="radio" name="concern-show" checked={show === "open"} onChange={() => setShow("open")} /> Not closed ({all.filter((c) => c.status !== "closed").length})
          </label>
          <label className="inline">
            <input type="radio" name="concern-show" checked={show === "all"} onChange={() => setShow("all")} /> All ({all.length})
          </label>
        </fieldset>
      )}
      {data && shown.length === 0 && <p>{all.length === 0 ? "No concerns have been raised." : "Every concern is closed."}</p>}
      <ul className="rec-cards">
        {shown.map((c) => (
          <li key={c.id} className={c.status === "closed" ? "rec-closed" : undefined}>
            <h2 id={`concern-${c.id}`}>
              {c.summary}
              <span className={`rec-tag ${c.status === "closed" ? "rec-done" : "rec-open"}`}>{label(CONCERN_STATUS_LABELS, c.status)}</span>
            </h2>
            <dl className="facts">
              <dt>Child</dt>
              <dd>{c.pupilId ? <Link to={`/pupils/${c.pupilId}`}>{pupilName.get(c.pupilId) ?? "Open the pupil's record"}</Link> : "Not about one child"}</dd>
              {c.visitId && (
                <>
                  <dt>Visit</dt>
                  <dd>
                    <Link to={`/visits/${c.visitId}`}>Open the visit</Link>
                  </dd>
                </>
              )}
              {(c.raisedByName ?? staffName.get(c.raisedBy)) && (
                <>
                  <dt>Raised by</dt>
                  <dd>{c.raisedByName ?? staffName.get(c.raisedBy)}</dd>
                </>
              )}
              <dt>Raised at</dt>
              <dd>{dateTime(c.raisedAt)}</dd>
              <dt>What they saw or heard</dt>
              <dd className="rec-pre">{c.details}</dd>
              <dt>Status</dt>
              <dd>{label(CONCERN_STATUS_LABELS, c.status)}</dd>
              <dt>Recording system</dt>
              <dd>{c.recordingSystem}</dd>
              <dt>{c.recordingSystem} reference</dt>
              <dd>{c.externalRef || "Not recorded yet"}</dd>
              <dt>DSL notes</dt>
              <dd className="rec-pre">{c.dslNotes || "None"}</dd>
              {c.updatedAt && (
                <>
                  <dt>Last updated</dt>
                  <dd>
                    {dateTime(c.updatedAt)}
                    {c.versions[0] && ` by ${c.versions[0].writtenByName} (version ${c.versions[0].version})`}
                  </dd>
                </>
              )}
            </dl>
            <EarlierVersions versions={c.versions.slice(1)} />
            {canUpdate && <UpdateConcern concern={c} onDone={reload} />}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The DSL's earlier records of a concern, kept as they were saved (the database refuses to change them). */
function EarlierVersions({ versions }: { versions: ConcernNoteVersion[] }) {
  if (versions.length === 0) return null;
  return (
    <details className="rec-details">
      <summary>Earlier versions ({versions.length})</summary>
      <ol reversed className="rec-versions">
        {versions.map((v) => (
          <li key={v.version}>
            <p>
              Version {v.version}, {dateTime(v.writtenAt)}, {v.writtenByName}:{" "}
              {v.statusBefore === v.status ? label(CONCERN_STATUS_LABELS, v.status) : `${label(CONCERN_STATUS_LABELS, v.statusBefore)} → ${label(CONCERN_STATUS_LABELS, v.status)}`}
              {v.externalRef && `, reference ${v.externalRef}`}
            </p>
            <p className="rec-pre">{v.dslNotes || "No notes"}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}

function UpdateConcern({ concern, onDone }: { concern: Concern; onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { status: `${id}-status`, dslNotes: `${id}-notes`, externalRef: `${id}-ref` };
  const { problems, status, busy, run } = useForm({ fields: ids });
  const [state, setState] = useState(concern.status);
  const [notes, setNotes] = useState(concern.dslNotes ?? "");
  const [ref, setRef] = useState(concern.externalRef ?? "");
  const [open, setOpen] = useState(concern.status === "received");
  return (
    <details className="rec-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Record what has been done</summary>
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api("PUT", `/api/concerns/${concern.id}`, { status: state, dslNotes: notes, externalRef: ref });
            await onDone();
            return "Saved.";
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={state} onChange={(e) => setState(e.target.value)}>
          {Object.entries(CONCERN_STATUS_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label htmlFor={ids.externalRef}>{concern.recordingSystem} reference</label>
        <input id={ids.externalRef} value={ref} maxLength={100} autoComplete="off" onChange={(e) => setRef(e.target.value)} />
        <label htmlFor={ids.dslNotes}>DSL notes</label>
        <textarea id={ids.dslNotes} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <button type="submit" disabled={busy}>
          Save
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}
