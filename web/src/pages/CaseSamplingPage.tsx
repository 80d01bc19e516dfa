import { useState } from "react";
import type { PageProps } from "../App";
import { api } from "../api";
import { useApi } from "../useApi";
import { useForm } from "../useForm";
import { Link } from "../router";
import { RangeForm } from "./RangeForm";
import { uuid } from "../field/types";
import { ACTION_LABELS, dateTime, label, longDate, PURPOSE_LABELS, VISIT_STATE_LABELS } from "../records/labels";
import type { CaseSampleList, CaseSampleView, Recorded, SampledVisit } from "../../../src/contracts/casework-review";

const DEFINITION = "A case sample is a random draw of the visits made (finished, with or without contact) with a day in the range; each is reviewed against the policy (Burgh 13).";

/** The head's and DSL's case sampling (burgh 13): draw, then review each visit. */
export function CaseSamplesPage(_: PageProps) {
  const { data, error } = useApi<CaseSampleList>("/api/case-samples");
  const [size, setSize] = useState("5");
  const [seed, setSeed] = useState("");
  const [id] = useState(uuid);
  return (
    <>
      <h1>Case sampling</h1>
      <p className="muted">{DEFINITION}</p>
      <RangeForm
        title="Draw a sample"
        labels={{ from: "Visits from", to: "to" }}
        required="both"
        after={
          <>
            <label>
              How many visits <input type="number" min={1} max={30} value={size} onChange={(e) => setSize(e.target.value)} required />
            </label>
            <label>
              Seed (leave empty for a new draw; give a sample&apos;s seed to draw it again) <input inputMode="numeric" pattern="[0-9]*" value={seed} onChange={(e) => setSeed(e.target.value)} />
            </label>
          </>
        }
        submit="Draw the sample"
        make={({ from, to }) => api<Recorded>("POST", "/api/case-samples", { id, from, to, size: Number(size), ...(seed.trim() ? { seed: Number(seed) } : {}) })}
        opens={(made) => `/case-samples/${made}`}
      />
      <h2>Samples drawn</h2>
      {error && <p role="alert">{error}</p>}
      {data && data.samples.length === 0 && <p>No sample has been drawn yet.</p>}
      {data && data.samples.length > 0 && (
        <table>
          <caption className="visually-hidden">Samples drawn</caption>
          <thead>
            <tr>
              <th scope="col">Drawn</th>
              <th scope="col">Visits from</th>
              <th scope="col">Seed</th>
              <th scope="col">Reviewed</th>
            </tr>
          </thead>
          <tbody>
            {data.samples.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/case-samples/${s.id}`}>
                    {dateTime(s.drawnAt)} by {s.drawnName}
                  </Link>
                </th>
                <td>
                  {longDate(s.from)} to {longDate(s.to)}
                </td>
                <td>{s.seed}</td>
                <td>
                  {s.reviewed} of {s.visits}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function CaseSamplePage({ sampleId }: PageProps & { sampleId: string }) {
  const { data, error, reload } = useApi<CaseSampleView>(`/api/case-samples/${sampleId}`);
  return (
    <>
      <h1>Case sample</h1>
      <p className="muted">{DEFINITION}</p>
      <p>
        <Link to="/case-samples">All samples</Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            Drawn by {data.drawnName} on {dateTime(data.drawnAt)}: {data.visits.length} of the {data.poolSize} visits made from {longDate(data.from)} to {longDate(data.to)}. Seed <strong>{data.seed}</strong>: the same seed over the same range draws
            the same visits, so anyone can check the draw.
          </p>
          {data.visits.length === 0 && <p>No visit was made in this range.</p>}
          {data.visits.map((v) => (
            <SampledVisitReview key={v.visitId} sampleId={data.id} visit={v} onSaved={reload} />
          ))}
        </>
      )}
    </>
  );
}

function SampledVisitReview({ sampleId, visit, onSaved }: { sampleId: string; visit: SampledVisit; onSaved: () => Promise<void> }) {
  const f = visit.finding;
  const [reportComplete, setReportComplete] = useState(f ? f.reportComplete : visit.prefill.reportComplete);
  const [clauseFollowed, setClauseFollowed] = useState(f ? f.clauseFollowed : false);
  const [checkInsKept, setCheckInsKept] = useState(f ? f.checkInsKept : visit.prefill.checkInsKept);
  const [note, setNote] = useState(f?.note ?? "");
  const { run, error: problem } = useForm({ onDone: onSaved });
  const heading = `Visit ${visit.position + 1}: ${label(PURPOSE_LABELS, visit.purpose)} on ${longDate(visit.day)}`;
  const id = `sampled-${visit.visitId}`;
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{heading}</h2>
      <p>
        {visit.children.map((c, i) => (
          <span key={c.pupilId}>
            {i > 0 && ", "}
            <Link to={`/pupils/${c.pupilId}`}>
              {c.firstName} {c.lastName}
            </Link>
          </span>
        ))}
        {" · "}
        {label(VISIT_STATE_LABELS, visit.state)}
        {visit.answersAction && ` · answering: ${label(ACTION_LABELS, visit.answersAction)}`} · <Link to={`/visits/${visit.visitId}`}>Open the visit</Link>
      </p>
      <ul>
        <li>Report: {visit.prefill.reportWhy}</li>
        <li>Check-ins: {visit.prefill.checkInsWhy}</li>
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api("PUT", `/api/case-samples/${sampleId}/visits/${visit.visitId}/finding`, { reportComplete, clauseFollowed, checkInsKept, ...(note.trim() ? { note } : {}) }), null);
        }}
      >
        <fieldset>
          <legend>Finding for {heading}</legend>
          <label>
            <input type="checkbox" checked={reportComplete} onChange={(e) => setReportComplete(e.target.checked)} /> Report complete
          </label>
          <label>
            <input type="checkbox" checked={clauseFollowed} onChange={(e) => setClauseFollowed(e.target.checked)} /> The policy&apos;s clause was followed{visit.clause ? ` (${visit.clause})` : ""}
          </label>
          <label>
            <input type="checkbox" checked={checkInsKept} onChange={(e) => setCheckInsKept(e.target.checked)} /> Check-ins kept
          </label>
          <label>
            Note <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
          </label>
        </fieldset>
        {problem && <p role="alert">{problem}</p>}
        <button type="submit">Record the finding</button>
        {f && (
          <p className="muted">
            Reviewed by {f.reviewedName} on {dateTime(f.reviewedAt)}.
          </p>
        )}
      </form>
    </section>
  );
}
