/** Nobody home: record that a "We called today" card was left (burgh 9); the card is kept on each child's record. */
import { api } from "../api";
import { ErrorSummary, Status } from "./forms";
import { useForm } from "../useForm";
import { pdfHref } from "./labels";
import type { VisitSummary } from "./types";
import type { CardLeft } from "../../../src/contracts/documents";

export function CalledCardButton({ visit, onDone }: { visit: Pick<VisitSummary, "id" | "pupils">; onDone?: () => void | Promise<void> }) {
  const { problems, status, busy, run } = useForm();
  return (
    <div className="rec-form">
      <p className="muted">If nobody answered, leave a card at the door and record it here. A copy is kept on the child&rsquo;s record.</p>
      <ErrorSummary problems={problems} />
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const { documentIds } = await api<CardLeft>("POST", `/api/visits/${visit.id}/called-card`);
            await onDone?.();
            return (
              <>
                Card recorded.{" "}
                {documentIds.map((docId, i) => (
                  <span key={docId}>
                    <a href={pdfHref(docId)} target="_blank" rel="noreferrer">
                      Open the card left for {visit.pupils[i]?.name ?? "the child"} (PDF)
                    </a>
                    {i < documentIds.length - 1 ? " · " : ""}
                  </span>
                ))}
              </>
            );
          })
        }
      >
        Leave a &lsquo;We called today&rsquo; card
      </button>
      <Status>{status}</Status>
    </div>
  );
}
