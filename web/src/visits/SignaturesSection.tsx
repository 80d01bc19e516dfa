import { useRef } from "react";
import { useApi } from "../useApi";
import { useSubmit } from "./Feedback";
import { dayAndTime } from "./format";
import { send } from "./request";
import { canCasework } from "./roles";
import { Section, type VisitSectionProps } from "./Section";
import { SignaturePad, type SignaturePadHandle } from "./SignaturePad";
import { isFinal } from "./types";
import type { PolicyView } from "../../../src/contracts/policy";

/** The parent's and the officer's signatures, kept with the appointment (scargill personal safety). */
export function SignaturesSection({ visit, session, reload }: VisitSectionProps) {
  const { data: policy } = useApi<PolicyView>(`/api/policy?date=${visit.day}`);
  const required = policy?.inForce.policy.conduct.appointmentSignatures ?? null;
  const parent = useRef<SignaturePadHandle>(null);
  const officer = useRef<SignaturePadHandle>(null);
  const { run, view, fail, busy } = useSubmit(reload);
  const appt = visit.appointment;
  const editable = canCasework(session) && !isFinal(visit.state);

  return (
    <Section
      id="signatures"
      title={
        <>
          Signatures{required ? <span className="muted"> (required by this school's policy, {required.clause})</span> : <span className="muted"> (optional under this school's policy)</span>}
        </>
      }
    >
      {!appt ? (
        <p>Record the appointment first: the signatures are kept with it.</p>
      ) : (
        <>
          <p>{appt.signed && appt.signedAt ? `The appointment was signed on ${dayAndTime(appt.signedAt)}. Signing again replaces the signatures.` : "The appointment is not signed yet."}</p>
          {editable && (
            <>
              {view}
              <form
                className="visit-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const p = parent.current;
                  const o = officer.current;
                  if (!p || !o || p.isEmpty() || o.isEmpty()) {
                    fail("Both signatures are needed: the parent's or carer's, and the officer's.");
                    return;
                  }
                  void run(
                    () => send(session, "POST", `/api/visits/${visit.id}/appointment/signatures`, { parentSignature: p.toDataURL(), officerSignature: o.toDataURL() }),
                    "Signatures saved with the appointment.",
                  );
                }}
              >
                <SignaturePad id="sig-parent" label={`Parent's or carer's signature (${appt.agreedWith})`} ref={parent} />
                <SignaturePad id="sig-officer" label="Officer's signature" ref={officer} />
                <button type="submit" disabled={busy}>
                  Save the signatures
                </button>
              </form>
            </>
          )}
        </>
      )}
    </Section>
  );
}
