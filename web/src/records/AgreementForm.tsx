/** An agreement made with the parent on a visit, with the date it is reviewed (coteford 4.2-4.3). */
import { useId, useState } from "react";
import { api } from "../api";
import { ErrorSummary, Status, type Problem } from "./forms";
import { useForm } from "../useForm";
import { longDate, todayIso } from "./labels";
import type { VisitSummary } from "./types";

export function AgreementForm({ visit, onDone }: { visit: Pick<VisitSummary, "id" | "pupils">; onDone?: () => void | Promise<void> }) {
  const id = useId();
  const ids = { pupilId: `${id}-pupil`, terms: `${id}-terms`, agreedWith: `${id}-with`, reviewOn: `${id}-review` };
  const { problems, setProblems, status, busy, run } = useForm({ fields: ids });
  const [pupilId, setPupilId] = useState(visit.pupils[0]?.id ?? "");
  const [terms, setTerms] = useState("");
  const [agreedWith, setAgreedWith] = useState("");
  const [reviewOn, setReviewOn] = useState("");
  const parents = [...new Set(visit.pupils.flatMap((p) => p.parents.map((x) => x.name)))];
  if (visit.pupils.length === 0) return null;
  return (
    <form
      className="rec-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const missing: Problem[] = [];
        if (!terms.trim()) missing.push({ id: ids.terms, message: "Enter what was agreed" });
        if (!agreedWith.trim()) missing.push({ id: ids.agreedWith, message: "Enter who it was agreed with" });
        if (!reviewOn) missing.push({ id: ids.reviewOn, message: "Enter the date it will be reviewed" });
        else if (reviewOn < todayIso()) missing.push({ id: ids.reviewOn, message: "The review date cannot be in the past" });
        if (missing.length) return setProblems(missing);
        void run(async () => {
          await api("POST", "/api/agreements", { pupilId, visitId: visit.id, terms, agreedWith, reviewOn });
          const name = visit.pupils.find((p) => p.id === pupilId)?.name ?? "the child";
          setTerms("");
          setReviewOn("");
          await onDone?.();
          return `Agreement recorded on ${name}'s record; it will be reviewed on ${longDate(reviewOn)}.`;
        });
      }}
    >
      <ErrorSummary problems={problems} />
      {visit.pupils.length > 1 ? (
        <>
          <label htmlFor={ids.pupilId}>Child</label>
          <select id={ids.pupilId} value={pupilId} onChange={(e) => setPupilId(e.target.value)}>
            {visit.pupils.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <p>For {visit.pupils[0]!.name}.</p>
      )}
      <label htmlFor={ids.terms}>What was agreed</label>
      <textarea id={ids.terms} rows={3} value={terms} onChange={(e) => setTerms(e.target.value)} />
      <label htmlFor={ids.agreedWith}>Agreed with</label>
      {parents.length > 0 && (
        <p className="rec-hint" id={`${ids.agreedWith}-hint`}>
          Parents and carers on record: {parents.join(", ")}.
        </p>
      )}
      <input id={ids.agreedWith} value={agreedWith} autoComplete="off" aria-describedby={parents.length ? `${ids.agreedWith}-hint` : undefined} onChange={(e) => setAgreedWith(e.target.value)} />
      <label htmlFor={ids.reviewOn}>Review date</label>
      <input id={ids.reviewOn} type="date" min={todayIso()} value={reviewOn} onChange={(e) => setReviewOn(e.target.value)} />
      <button type="submit" disabled={busy}>
        Record the agreement
      </button>
      <Status>{status}</Status>
    </form>
  );
}
