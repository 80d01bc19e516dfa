/**
 * Raise a safeguarding concern: it goes straight to the DSL team. The person who
 * raises it learns that it was received, never what was decided (KCSIE
 * need-to-know), so this links to nothing only the DSL team may read.
 *
 * <RaiseConcernButton pupilId={…} visitId={…} /> — both optional.
 */
import { useId, useRef, useState } from "react";
import { api, OfflineError } from "../api";
import { ErrorSummary, Status, type Problem } from "./forms";
import { useForm } from "../useForm";
import "./records.css";
import type { ConcernReceived } from "../../../src/contracts/records";

export function RaiseConcernButton({ pupilId, visitId, childName }: { pupilId?: string; visitId?: string; childName?: string }) {
  const id = useId();
  const ids = { summary: `${id}-summary`, details: `${id}-details` };
  const { problems, setProblems, status, setStatus, busy, run } = useForm({ fields: ids });
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState("");
  const [details, setDetails] = useState("");
  const toggle = useRef<HTMLButtonElement>(null);

  return (
    <div className="rec-concern">
      <button
        type="button"
        ref={toggle}
        className="danger"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => {
          setOpen(!open);
          if (!open) setStatus(null);
        }}
      >
        Raise a safeguarding concern
      </button>
      <Status>{status}</Status>
      {open && (
        <form
          id={`${id}-form`}
          className="rec-form rec-concern-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const missing: Problem[] = [];
            if (!summary.trim()) missing.push({ id: ids.summary, message: "Enter a short summary of the concern" });
            if (!details.trim()) missing.push({ id: ids.details, message: "Enter what you saw or heard" });
            if (missing.length) return setProblems(missing);
            void run(async () => {
              let r: ConcernReceived;
              try {
                r = await api<ConcernReceived>("POST", "/api/concerns", { pupilId, visitId, summary, details });
              } catch (err) {
                if (err instanceof OfflineError)
                  throw new Error("No signal: the concern may not have reached the DSL team. What you wrote is kept here: send it again when there is signal, and if a child may be at risk phone the DSL now.");
                throw err;
              }
              setSummary("");
              setDetails("");
              setOpen(false);
              toggle.current?.focus();
              return r.notified > 0
                ? `Received by the DSL team (${r.notified} notified). Recording on ${r.recordingSystem} is done by the DSL.`
                : `Received and kept, but nobody in the DSL team could be notified: tell the DSL or the headteacher in person now. Recording on ${r.recordingSystem} is done by the DSL.`;
            });
          }}
        >
          <ErrorSummary problems={problems} />
          <p className="muted">
            {childName ? `About ${childName}. ` : ""}It goes straight to the designated safeguarding lead and deputies. If a child is in immediate danger, call 999 first.
          </p>
          <label htmlFor={ids.summary}>Summary of the concern</label>
          <input id={ids.summary} maxLength={300} value={summary} autoComplete="off" onChange={(e) => setSummary(e.target.value)} />
          <label htmlFor={ids.details}>What you saw or heard</label>
          <p className="rec-hint" id={`${ids.details}-hint`}>
            Facts, in the words used where you can: who, what, when and where. The details are not sent by email.
          </p>
          <textarea id={ids.details} rows={5} value={details} aria-describedby={`${ids.details}-hint`} onChange={(e) => setDetails(e.target.value)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Send to the DSL team
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
