import { deliveryText } from "../records/delivery";
import { useSubmit } from "./Feedback";
import { dayAndTime, fromLocalInput, toLocalInput } from "./format";
import { send } from "./request";
import { canCasework } from "./roles";
import { Section, type VisitSectionProps } from "./Section";
import { isFinal } from "./types";
import type { ConfirmationSent } from "../../../src/contracts/documents";

/** The appointment agreed with the parent, and its written confirmation (coteford 2.6). */
export function AppointmentSection({ visit, session, reload }: VisitSectionProps) {
  const appt = visit.appointment;
  const editable = canCasework(session) && !isFinal(visit.state) && visit.state !== "under_way";
  const save = useSubmit(reload);
  const confirm = useSubmit(reload);
  const firstParent = visit.pupils.flatMap((p) => p.parents).find((p) => p.parentalResponsibility) ?? visit.pupils[0]?.parents[0];
  const defaultStart = toLocalInput(appt?.startsAt ?? visit.startsAt) || `${visit.day}T10:00`;

  return (
    <Section id="appointment" title="Appointment">
      {appt ? (
        <p>
          Agreed with <strong>{appt.agreedWith}</strong> for <strong>{dayAndTime(appt.startsAt)}</strong> at {appt.place}.{" "}
          {appt.signed && appt.signedAt ? `Signed on the device on ${dayAndTime(appt.signedAt)}.` : ""}
        </p>
      ) : (
        <p>No appointment is recorded.</p>
      )}
      {editable && (
        <>
          {save.view}
          <form
            className="visit-form"
            key={`${appt?.startsAt ?? ""}|${appt?.place ?? ""}|${appt?.agreedWith ?? ""}`}
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              let startsAt: string;
              try {
                startsAt = fromLocalInput(String(f.get("startsAt") ?? ""));
              } catch (err) {
                save.fail(err instanceof Error ? err.message : String(err));
                return;
              }
              void save.run(
                () => send(session, "PUT", `/api/visits/${visit.id}/appointment`, { startsAt, place: f.get("place"), agreedWith: f.get("agreedWith") }),
                `Appointment saved for ${dayAndTime(startsAt)}.`,
              );
            }}
          >
            <label htmlFor="appt-start">Date and time (UK time)</label>
            <input id="appt-start" name="startsAt" type="datetime-local" required defaultValue={defaultStart} />
            <label htmlFor="appt-place">Place</label>
            <input id="appt-place" name="place" required minLength={3} defaultValue={appt?.place ?? visit.address ?? ""} />
            <label htmlFor="appt-with">Agreed with</label>
            <input id="appt-with" name="agreedWith" required defaultValue={appt?.agreedWith ?? firstParent?.name ?? ""} />
            <button type="submit" disabled={save.busy}>
              {appt ? "Change the appointment" : "Save the appointment"}
            </button>
          </form>
        </>
      )}
      {appt && canCasework(session) && (
        <>
          <h3>Written confirmation</h3>
          {confirm.view}
          <button
            type="button"
            className="secondary"
            disabled={confirm.busy}
            onClick={() =>
              void confirm.run(
                () => send<ConfirmationSent>(session, "POST", `/api/visits/${visit.id}/appointment/confirmation`),
                (r) => ({
                  text: !r.emailConfigured
                    ? "Email is not configured: print the letter."
                    : r.delivery.status === "no_recipients"
                      ? "No email address is recorded for the family: print the letter."
                      : r.delivery.status === "sent"
                        ? `Emailed to ${r.delivery.to.join(", ")}.`
                        : `${deliveryText(r.delivery)}. The letter is kept on the record; the Documents list shows when it is sent.`,
                  extra: (
                    <p>
                      <a href={`/api/documents/${r.documentId}/pdf`} target="_blank" rel="noopener">
                        Open the confirmation letter (PDF)<span className="visually-hidden"> (opens in a new tab)</span>
                      </a>
                    </p>
                  ),
                }),
              )
            }
          >
            Send written confirmation
          </button>
        </>
      )}
    </Section>
  );
}
