import { useState } from "react";
import { useSubmit } from "./Feedback";
import { send } from "./request";
import { canCasework } from "./roles";
import { Section, type VisitSectionProps } from "./Section";
import { isFinal } from "./types";

/** Cancel with a reason: the headteacher is told in writing (coteford 3.8, 3.9). */
export function CancelSection({ visit, session, reload }: VisitSectionProps) {
  const [reason, setReason] = useState("");
  const { run, view, fail, busy } = useSubmit(reload);
  if (!canCasework(session)) return null;
  if (isFinal(visit.state))
    return visit.state === "cancelled" ? (
      <Section id="cancel" title="Cancelled">
        {view}
        <p>Reason: {visit.cancelledReason ?? "not recorded"}</p>
      </Section>
    ) : null;
  return (
    <Section id="cancel" title="Cancel the visit">
      {view}
      <form
        className="visit-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            fail("Say why the visit is cancelled: the reason goes to the headteacher in writing.");
            return;
          }
          void run(() => send(session, "POST", `/api/visits/${visit.id}/cancel`, { reason }), "The visit is cancelled and the headteacher has been told.");
        }}
      >
        <label htmlFor="cancel-reason">Reason for cancelling (goes to the headteacher)</label>
        <textarea id="cancel-reason" required aria-required="true" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} />
        <button type="submit" className="danger" disabled={busy}>
          Cancel the visit
        </button>
      </form>
    </Section>
  );
}
