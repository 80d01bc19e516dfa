/** An incident or near miss on a visit, for the headteacher to review (burgh 11). */
import { useId, useState } from "react";
import { api } from "../api";
import { ErrorSummary, Status, whenProblem, type Problem } from "./forms";
import { useForm } from "../useForm";
import { nowLocalInput } from "./labels";

export function IncidentForm({ visitId, onDone }: { visitId?: string; onDone?: () => void | Promise<void> }) {
  const id = useId();
  const ids = { kind: `${id}-incident`, occurredAt: `${id}-when`, description: `${id}-what` };
  const { problems, setProblems, status, busy, run } = useForm({ fields: ids });
  const [kind, setKind] = useState<"incident" | "near_miss">("incident");
  const [when, setWhen] = useState(nowLocalInput);
  const [description, setDescription] = useState("");
  return (
    <details className="rec-details">
      <summary>Report an incident or near miss</summary>
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const missing: Problem[] = [];
          const at = new Date(when);
          const late = whenProblem(when, ids.occurredAt);
          if (late) missing.push(late);
          if (!description.trim()) missing.push({ id: ids.description, message: "Describe what happened" });
          if (missing.length) return setProblems(missing);
          void run(async () => {
            await api("POST", "/api/incidents", { visitId, kind, occurredAt: at.toISOString(), description });
            setDescription("");
            await onDone?.();
            return `${kind === "near_miss" ? "Near miss" : "Incident"} reported. The headteacher has been told and will review it.`;
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <fieldset>
          <legend>What kind</legend>
          <label className="inline">
            <input type="radio" id={ids.kind} name={`${id}-kind`} checked={kind === "incident"} onChange={() => setKind("incident")} /> Incident
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-kind`} checked={kind === "near_miss"} onChange={() => setKind("near_miss")} /> Near miss
          </label>
        </fieldset>
        <label htmlFor={ids.occurredAt}>When it happened</label>
        <input id={ids.occurredAt} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        <label htmlFor={ids.description}>What happened</label>
        <textarea id={ids.description} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
        <button type="submit" disabled={busy}>
          Send the report to the headteacher
        </button>
        <Status>{status}</Status>
      </form>
    </details>
  );
}
