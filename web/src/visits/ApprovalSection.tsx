import { useState } from "react";
import { ROLE_LABELS, type Role } from "../api";
import { useSubmit } from "./Feedback";
import { dayAndTime, stateLabel } from "./format";
import { send } from "./request";
import { canApprove } from "./roles";
import { Section, type VisitSectionProps } from "./Section";

/** State, the head's signature, and whether it still covers the visit as it is now (coteford 3.6). */
export function ApprovalSection({ visit, session, reload }: VisitSectionProps) {
  const a = visit.approval;
  const approvers = visit.approvers ?? { roles: [], clause: null };
  const [name, setName] = useState("");
  const { run, view, fail, busy } = useSubmit(reload);
  return (
    <Section id="approval" title="Approval">
      <p>
        State: <span className={`visit-state visit-state-${visit.state}`}>{stateLabel(visit.state)}</span>
      </p>
      {visit.cancelledReason && <p>Reason for cancelling: {visit.cancelledReason}</p>}
      {a ? (
        <p>
          Signed by <strong>{a.signedName}</strong> ({ROLE_LABELS[a.role as Role] ?? a.role}, account {a.accountName}) at {dayAndTime(a.signedAt)}
          {a.listId ? ", as part of a signed list" : ""}.
        </p>
      ) : visit.approvers && visit.approvers.roles.length === 0 ? (
        <p>This school&rsquo;s policy names no-one who approves visits: the visit is planned without approval.</p>
      ) : (
        <p>Not approved yet.</p>
      )}
      {a && !a.current && <p className="visit-changed">Changed after approval: needs signing again ({approvers.clause ?? "the policy"}).</p>}
      {visit.safeguarding && <p>Safeguarding is involved: {visit.dslAgreed ? "the DSL has agreed this visit." : "the DSL has not agreed this visit yet."}</p>}
      {approvers.clause && (
        <p>
          Signed by the {approvers.roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(" or ")} ({approvers.clause}).
        </p>
      )}
      {visit.state === "proposed" && canApprove(session) && approvers.roles.some((r) => session.roles.includes(r as Role)) && (
        <>
          {view}
          <form
            className="visit-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) {
                fail("Type your full name to sign the approval.");
                return;
              }
              void run(() => send(session, "POST", "/api/visits/approve", { visitIds: [visit.id], signedName: name }), `Approved and signed by ${name.trim()}.`);
            }}
          >
            <label htmlFor="approve-one-name">Type your full name to sign</label>
            <input id="approve-one-name" autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <button type="submit" disabled={busy}>
              Approve and sign this visit
            </button>
          </form>
        </>
      )}
      {visit.state !== "proposed" && view}
    </Section>
  );
}
