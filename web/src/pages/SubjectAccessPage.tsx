/**
 * Subject access (UK GDPR Art. 15): the head or DSL records a request for a
 * pupil or a parent (who asked, when it came; due one month later), the DSL
 * decides whether the safeguarding concerns go in, and then the export opens
 * as a PDF or downloads as JSON. Every step is audited.
 */
import { useId, useState } from "react";
import type { PageProps } from "../App";
import { api, may } from "../api";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import "../records/records.css";
import { CONCERN_DECISION_LABELS, CONCERN_DECISIONS, SUBJECT_KIND_LABELS, SUBJECT_KINDS, type ConcernDecision, type SubjectKind } from "../../../src/domain/records/subject-access";
import type { SubjectAccessRequest, SubjectAccessRequests } from "../../../src/contracts/retention";
import type { Pupil, PupilList } from "../../../src/contracts/pupils";

const DECIDED = { include: "included", withhold: "withheld" } satisfies Record<ConcernDecision, string>;

export function SubjectAccessPage({ session }: PageProps) {
  const { data, error, reload } = useApi<SubjectAccessRequests>("/api/subject-access");
  return (
    <>
      <h1>Subject access</h1>
      <p>
        A pupil, or a parent, may ask for everything the school holds about them (UK GDPR Article 15). The answer is due within one month of the day the request came in.
        The designated safeguarding lead decides whether safeguarding concerns are included before any export is made.
      </p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {may(session, "POST /api/subject-access") && <NewRequest onDone={reload} />}
      <h2>Requests</h2>
      {data && data.requests.length === 0 && <p>No requests recorded.</p>}
      <ul className="rec-cards">
        {data?.requests.map((r) => (
          <RequestCard key={r.id} request={r} mayDecide={may(session, "PUT /api/subject-access/:requestId/concerns")} mayExport={may(session, "GET /api/subject-access/:requestId/export.pdf")} onDone={reload} />
        ))}
      </ul>
    </>
  );
}

function NewRequest({ onDone }: { onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { subjectKind: `${id}-kind`, pupilId: `${id}-pupil`, contactId: `${id}-contact`, requestedBy: `${id}-by`, receivedOn: `${id}-on` };
  const { problems, status, busy, run } = useForm({ fields: ids });
  const pupils = useApi<PupilList>("/api/pupils");
  const [kind, setKind] = useState<SubjectKind>("pupil");
  // From the child's record: /subject-access?pupil=<id>.
  const [pupilId, setPupilId] = useState(() => new URLSearchParams(window.location.search).get("pupil") ?? "");
  const pupil = useApi<Pupil>(pupilId && kind === "contact" ? `/api/pupils/${pupilId}` : null);
  const [contactId, setContactId] = useState("");
  const [requestedBy, setRequestedBy] = useState("");
  const [receivedOn, setReceivedOn] = useState("");
  return (
    <form
      className="rec-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const r = await api<SubjectAccessRequest>("POST", "/api/subject-access", { subjectKind: kind, pupilId, ...(kind === "contact" ? { contactId } : {}), requestedBy, receivedOn });
          setRequestedBy("");
          await onDone();
          return `Recorded: due on ${r.dueOn}.`;
        });
      }}
    >
      <h2>Record a request</h2>
      <ErrorSummary problems={problems} />
      <fieldset>
        <legend>Whose data</legend>
        {SUBJECT_KINDS.map((k) => (
          <label className="inline" key={k}>
            <input type="radio" id={k === "pupil" ? ids.subjectKind : `${ids.subjectKind}-${k}`} name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} /> {SUBJECT_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.pupilId}>Pupil</label>
      <select id={ids.pupilId} value={pupilId} onChange={(e) => setPupilId(e.target.value)}>
        <option value="">Choose a pupil</option>
        {pupils.data?.pupils.map((p) => (
          <option key={p.id} value={p.id}>
            {p.firstName} {p.lastName} ({p.upn})
          </option>
        ))}
      </select>
      {kind === "contact" && (
        <>
          <label htmlFor={ids.contactId}>Which contact asked</label>
          <select id={ids.contactId} value={contactId} onChange={(e) => setContactId(e.target.value)}>
            <option value="">Choose a contact</option>
            {pupil.data?.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.relationship})
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={ids.requestedBy}>Who asked, and how</label>
      <input id={ids.requestedBy} value={requestedBy} onChange={(e) => setRequestedBy(e.target.value)} />
      <label htmlFor={ids.receivedOn}>Received on</label>
      <input id={ids.receivedOn} type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Record the request
        </button>
      </div>
      <Status>{status}</Status>
    </form>
  );
}

function RequestCard({ request: r, mayDecide, mayExport, onDone }: { request: SubjectAccessRequest; mayDecide: boolean; mayExport: boolean; onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { decision: `${id}-decision`, reason: `${id}-reason` };
  const { problems, status, busy, run } = useForm({ fields: ids });
  const [decision, setDecision] = useState<ConcernDecision>(r.concernsDecision ?? "withhold");
  const [reason, setReason] = useState("");
  const subject = r.subjectKind === "pupil" ? r.pupilName : `${r.contactName ?? ""} (contact for ${r.pupilName})`;
  return (
    <li aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{subject}</h3>
      <p>
        Asked for by {r.requestedBy}; received {r.receivedOn}; <strong>due {r.dueOn}</strong>. Recorded by {r.recordedName}.
      </p>
      <p>
        Safeguarding concerns:{" "}
        {r.concernsDecision ? `${DECIDED[r.concernsDecision]}, decided by ${r.concernsDecidedName ?? ""} (${r.concernsReason ?? ""})` : "waiting for the DSL's decision"}
      </p>
      {mayDecide && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api("PUT", `/api/subject-access/${r.id}/concerns`, { decision, reason });
              setReason("");
              await onDone();
              return "Decision recorded.";
            });
          }}
        >
          <ErrorSummary problems={problems} />
          <fieldset>
            <legend>The DSL's decision on the safeguarding concerns</legend>
            {CONCERN_DECISIONS.map((d) => (
              <label className="inline" key={d}>
                <input type="radio" id={d === "include" ? ids.decision : `${ids.decision}-${d}`} name={`${id}-decision`} checked={decision === d} onChange={() => setDecision(d)} /> {CONCERN_DECISION_LABELS[d]}
              </label>
            ))}
          </fieldset>
          <label htmlFor={ids.reason}>Why</label>
          <input id={ids.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Record the decision
            </button>
          </div>
          <Status>{status}</Status>
        </form>
      )}
      {mayExport &&
        (r.concernsDecision ? (
          <p>
            <a href={`/api/subject-access/${r.id}/export.pdf`} target="_blank" rel="noopener">
              Open the export as a PDF
            </a>{" "}
            ·{" "}
            <a href={`/api/subject-access/${r.id}/export.json`} download>
              Download the export as JSON
            </a>
          </p>
        ) : (
          <p className="rec-hint">The export can be made once the DSL has decided on the safeguarding concerns.</p>
        ))}
    </li>
  );
}
