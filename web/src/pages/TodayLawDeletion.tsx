import { useId, useState } from "react";
import { api, errorText } from "../api";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import type { LawDuty } from "../../../src/contracts/today";
import { FIELD_LABEL, type ReturnField } from "../../../src/domain/attendance/statutory/la-packs";
import { DELETION_GROUND_LABEL } from "../../../src/domain/attendance/statutory/deletion-grounds";

type ReturnKey = { pupilId: string; duty: string; episodeKey: string; day: string };

/**
 * A return the LA's pack takes as CSV: the file is fetched (so the fields the
 * record lacks, from the x-missing-fields header, can be named here) and then
 * saved from the browser's memory.
 */
export function CsvDownload({ returnKey, name }: { returnKey: ReturnKey; name: string }) {
  const [state, setState] = useState<{ missing: string[] } | { error: string } | null>(null);
  return (
    <div className="csv-download">
      <button
        type="button"
        onClick={() => {
          fetch(`/api/statutory/returns/form.csv?${new URLSearchParams(returnKey).toString()}`, { credentials: "same-origin" })
            .then(async (res) => {
              if (!res.ok) throw new Error(`the form could not be made (${res.status})`);
              const missing = (res.headers.get("x-missing-fields") ?? "").split(",").filter(Boolean);
              const url = URL.createObjectURL(await res.blob());
              const a = document.createElement("a");
              a.href = url;
              a.download = `${returnKey.duty}.csv`;
              a.click();
              URL.revokeObjectURL(url);
              setState({ missing });
            })
            .catch((e: unknown) => setState({ error: errorText(e) }));
        }}
      >
        Download the CSV for {name}
      </button>
      {state && "error" in state && <p role="alert">{state.error}</p>}
      {state && "missing" in state && (
        <p role="status">
          {state.missing.length === 0
            ? "The CSV is complete."
            : `Missing from the record (${state.missing.length}): ${state.missing.map((f) => FIELD_LABEL[f as ReturnField] ?? f).join(", ")}. Add them in the file before you send it.`}
        </p>
      )}
    </div>
  );
}

/** The deletion return's ground, and for whereabouts unknown or a child missing education the joint enquiries with the LA. */
export function DeletionDetails({ duty, onDone }: { duty: LawDuty; onDone: () => Promise<void> }) {
  if (!duty.deletion) return null;
  return (
    <>
      <br />
      Ground: {DELETION_GROUND_LABEL[duty.deletion.ground]}.
      {duty.deletion.needsJointEnquiries && <JointEnquiryForm duty={duty} onDone={onDone} />}
    </>
  );
}

function JointEnquiryForm({ duty, onDone }: { duty: LawDuty; onDone: () => Promise<void> }) {
  const id = useId();
  const { problems, status, busy, run } = useForm({ fields: { laOfficer: `${id}-who`, madeOn: `${id}-on`, what: `${id}-what` } });
  const name = `${duty.pupil.firstName} ${duty.pupil.lastName}`;
  return (
    <details className="rec-details">
      <summary>
        Record an enquiry made with the local authority<span className="visually-hidden"> for {name}</span>
      </summary>
      <ErrorSummary problems={problems} />
      <form
        className="rec-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          void run(async () => {
            await api("POST", "/api/statutory/joint-enquiries", { pupilId: duty.pupil.id, episodeKey: duty.episodeKey, laOfficer: f.get("laOfficer"), madeOn: f.get("madeOn"), what: f.get("what") });
            form.reset();
            await onDone();
            return "Enquiry recorded.";
          });
        }}
      >
        <label htmlFor={`${id}-who`}>Who at the local authority (name and role)</label>
        <input id={`${id}-who`} name="laOfficer" required />
        <label htmlFor={`${id}-on`}>When</label>
        <input id={`${id}-on`} name="madeOn" type="date" required />
        <label htmlFor={`${id}-what`}>What was done, and what it found</label>
        <textarea id={`${id}-what`} name="what" required />
        <button type="submit" disabled={busy}>
          Record the enquiry
        </button>
      </form>
      <Status>{status}</Status>
    </details>
  );
}
