import { useState } from "react";
import type { PageProps } from "../App";
import { api } from "../api";
import { useApi } from "../useApi";
import { useForm } from "../useForm";
import { Link } from "../router";
import { RangeForm } from "./RangeForm";
import { uuid } from "../field/types";
import { CRITERION_LABELS, DECISION_LABELS, dateTime, longDate, PURPOSE_LABELS } from "../records/labels";
import type { DecisionListList, DecisionListView, Recorded } from "../../../src/contracts/casework-review";
import { DECISION_CRITERIA, DECISIONS, type Decision, type DecisionCriterion } from "../../../src/domain/oversight/decision-list";
import { VISIT_PURPOSES, type VisitPurpose } from "../../../src/domain/visits/visit-purposes";

const DEFINITION =
  "Attendance is sessions attended over possible sessions, as the DfE counts them; the list is decided at a half-term or summary meeting (Transform 4.2), beside the daily list, which stays the reactive one.";

/** The attendance lead's half-term decision lists (transform-trust 4.2). */
export function DecisionListsPage(_: PageProps) {
  const { data, error } = useApi<DecisionListList>("/api/decision-lists");
  const [criterion, setCriterion] = useState<DecisionCriterion>("below_90_percent");
  const [id] = useState(uuid);
  return (
    <>
      <h1>Half-term decisions</h1>
      <p className="muted">{DEFINITION}</p>
      <RangeForm
        title="Build a list"
        labels={{ from: "From", to: "To" }}
        required="together"
        before={
          <>
            <label>
              Pupils{" "}
              <select value={criterion} onChange={(e) => setCriterion(e.target.value as DecisionCriterion)}>
                {DECISION_CRITERIA.map((c) => (
                  <option key={c} value={c}>
                    {CRITERION_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
            <p className="muted">Leave the dates empty for this half-term.</p>
          </>
        }
        submit="Build the list"
        make={({ from, to }) => api<Recorded>("POST", "/api/decision-lists", { id, criterion, ...(from || to ? { from, to } : {}) })}
        opens={(made) => `/decision-lists/${made}`}
      />
      <h2>Lists</h2>
      {error && <p role="alert">{error}</p>}
      {data && data.lists.length === 0 && <p>No list has been built yet.</p>}
      {data && data.lists.length > 0 && (
        <ul>
          {data.lists.map((l) => (
            <li key={l.id}>
              <Link to={`/decision-lists/${l.id}`}>
                {CRITERION_LABELS[l.criterion]}, {longDate(l.from)} to {longDate(l.to)}
              </Link>{" "}
              (built by {l.builtName} on {dateTime(l.builtAt)}): {l.decided} of {l.pupils} decided
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function DecisionListPage({ listId }: PageProps & { listId: string }) {
  const { data, error, reload } = useApi<DecisionListView>(`/api/decision-lists/${listId}`);
  return (
    <>
      <h1>Half-term decision list</h1>
      <p className="muted">{DEFINITION}</p>
      <p>
        <Link to="/decision-lists">All lists</Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            {CRITERION_LABELS[data.criterion]}: sessions counted from {longDate(data.sessionsFrom)} to {longDate(data.to)}. Built by {data.builtName} on {dateTime(data.builtAt)}. A home visit decided here is proposed on the visit list, for approval as
            any other.
          </p>
          {data.pupils.length === 0 && <p>No pupil meets the criterion.</p>}
          {data.pupils.length > 0 && (
            <table>
              <caption className="visually-hidden">Pupils on the list and the decisions</caption>
              <thead>
                <tr>
                  <th scope="col">Pupil</th>
                  <th scope="col">Attendance</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {data.pupils.map((p) => (
                  <tr key={p.pupilId}>
                    <th scope="row">
                      <Link to={`/pupils/${p.pupilId}`}>
                        {p.firstName} {p.lastName}
                      </Link>
                      {p.yearGroup ? ` (${p.yearGroup})` : ""}
                    </th>
                    <td>
                      {p.attendancePercent === null ? "–" : `${p.attendancePercent}%`} <span className="muted">({p.sessionsMissed} of {p.possibleSessions} sessions missed)</span>
                    </td>
                    <td>
                      <DecisionForm listId={data.id} pupil={p} onSaved={reload} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

type ListedPupil = DecisionListView["pupils"][number];

function DecisionForm({ listId, pupil, onSaved }: { listId: string; pupil: ListedPupil; onSaved: () => Promise<void> }) {
  const [decision, setDecision] = useState<Decision>(pupil.decision ?? "monitor");
  const [purpose, setPurpose] = useState<VisitPurpose>("safe_and_well");
  const [date, setDate] = useState("");
  const [note, setNote] = useState(pupil.note ?? "");
  const { run, error: problem } = useForm({ onDone: onSaved });
  const who = `${pupil.firstName} ${pupil.lastName}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () =>
            api("PUT", `/api/decision-lists/${listId}/pupils/${pupil.pupilId}/decision`, {
              decision,
              ...(note.trim() ? { note } : {}),
              ...(decision === "visit" ? { visitPurpose: purpose, ...(date ? { visitDate: date } : {}) } : {}),
            }),
          null,
        );
      }}
    >
      <label>
        Decision for {who}{" "}
        <select value={decision} onChange={(e) => setDecision(e.target.value as Decision)} disabled={pupil.visitId !== null}>
          {DECISIONS.map((d) => (
            <option key={d} value={d}>
              {DECISION_LABELS[d]}
            </option>
          ))}
        </select>
      </label>
      {decision === "visit" && pupil.visitId === null && (
        <>
          <label>
            Visit for {who}{" "}
            <select value={purpose} onChange={(e) => setPurpose(e.target.value as VisitPurpose)}>
              {VISIT_PURPOSES.map((v) => (
                <option key={v} value={v}>
                  {PURPOSE_LABELS[v]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Day (today, or the next school day, if left empty) <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
        </>
      )}
      <label>
        Note for {who} <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem && <p role="alert">{problem}</p>}
      {pupil.visitId === null && <button type="submit">Record the decision for {who}</button>}
      {pupil.decision && (
        <p className="muted">
          {DECISION_LABELS[pupil.decision]}, decided by {pupil.decidedName} on {dateTime(pupil.decidedAt!)}.
          {pupil.visitId && (
            <>
              {" "}
              <Link to={`/visits/${pupil.visitId}`}>The visit proposed</Link>
            </>
          )}
        </p>
      )}
    </form>
  );
}
