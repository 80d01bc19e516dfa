/**
 * Where a record is also kept in CPOMS or MyConcern (scargill "recorded using
 * MyConcern"; coteford 2.7, 4.1): the reference recorded there, a way to record
 * a new one (the latest is in force; earlier ones stay in the history), and the
 * plain-text hand-off to paste in (GET /api/hand-off/:entity/:id).
 */
import { useId, useState } from "react";
import { api } from "../api";
import { ErrorSummary, Status } from "./forms";
import { useForm } from "../useForm";
import type { ExternalRef } from "./types";

export function ExternalReference({ entity, entityId, current, what, onDone }: { entity: "visit_report" | "agreement" | "referral" | "visit_record"; entityId: string; current: ExternalRef | null; what: string; onDone: () => Promise<void> }) {
  const id = useId();
  const { problems, setProblems, status, busy, run } = useForm({ fields: { reference: `${id}-ref` } });
  const [reference, setReference] = useState("");
  return (
    <div className="rec-external-ref">
      <p>
        {current ? (
          <>
            {current.system} reference: <strong>{current.reference}</strong> <span className="muted rec-small">({current.recordedName})</span>
          </>
        ) : (
          <span className="muted">No CPOMS or MyConcern reference recorded.</span>
        )}{" "}
        <a href={`/api/hand-off/${entity}/${entityId}`} target="_blank" rel="noreferrer">
          Hand-off text to paste<span className="visually-hidden"> for {what}</span>
        </a>
      </p>
      <details className="rec-details">
        <summary>
          Record the reference<span className="visually-hidden"> for {what}</span>
        </summary>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!reference.trim()) return setProblems([{ id: `${id}-ref`, message: "Enter the reference" }]);
            void run(async () => {
              await api("POST", "/api/external-references", { entity, entityId, reference });
              setReference("");
              await onDone();
              return "Reference recorded.";
            });
          }}
        >
          <ErrorSummary problems={problems} />
          <label htmlFor={`${id}-ref`}>Reference in CPOMS or MyConcern</label>
          <input id={`${id}-ref`} value={reference} onChange={(e) => setReference(e.target.value)} />
          <button type="submit" disabled={busy}>
            Save the reference
          </button>
          <Status>{status}</Status>
        </form>
      </details>
    </div>
  );
}
