import { useSubmit } from "./Feedback";
import { dayAndTime, fromLocalInput, stateLabel, toLocalInput } from "./format";
import { send } from "./request";
import { canOrganise } from "./roles";
import { Section, type VisitSectionProps } from "./Section";
import type { VisitView } from "./types";

/** Lodges the visit plan with the office: time out, expected back (burgh 7; coteford 2.4). */
export function PlanSection({ visit, session, reload }: VisitSectionProps) {
  const { run, view, fail, busy } = useSubmit(reload);
  const editable = canOrganise(session) && ["proposed", "approved", "planned"].includes(visit.state);
  const start = visit.startsAt ?? visit.appointment?.startsAt ?? null;
  const back = visit.expectedBackAt ?? (start ? new Date(Date.parse(start) + 60 * 60_000).toISOString() : null);
  return (
    <Section id="plan" title="Plan">
      {visit.startsAt ? (
        <p>
          Leaving {dayAndTime(visit.startsAt)}
          {visit.expectedBackAt ? `; expected back ${dayAndTime(visit.expectedBackAt)}` : ""}. State: <strong>{stateLabel(visit.state)}</strong>.
        </p>
      ) : (
        <p>No plan is lodged yet.</p>
      )}
      {editable && (
        <>
          {view}
          <form
            className="visit-form"
            key={`${visit.startsAt}|${visit.expectedBackAt}|${visit.address}`}
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              let body: { startsAt: string; expectedBackAt: string; address?: string };
              try {
                body = { startsAt: fromLocalInput(String(f.get("startsAt") ?? "")), expectedBackAt: fromLocalInput(String(f.get("expectedBackAt") ?? "")) };
              } catch (err) {
                fail(err instanceof Error ? err.message : String(err));
                return;
              }
              const address = String(f.get("address") ?? "").trim();
              if (address && address !== visit.address) body.address = address;
              void run(
                () => send<VisitView>(session, "POST", `/api/visits/${visit.id}/plan`, body),
                (v) =>
                  v.state === "proposed" && visit.state !== "proposed"
                    ? "Plan saved. The visit changed after approval, so it is back with the head for approval."
                    : `Plan saved. The visit is now ${stateLabel(v.state).toLowerCase()}.`,
              );
            }}
          >
            <label htmlFor="plan-start">Leaving at (UK time)</label>
            <input id="plan-start" name="startsAt" type="datetime-local" required defaultValue={toLocalInput(start)} />
            <label htmlFor="plan-back">Expected back at (UK time)</label>
            <input id="plan-back" name="expectedBackAt" type="datetime-local" required defaultValue={toLocalInput(back)} />
            <label htmlFor="plan-address">Address</label>
            <input id="plan-address" name="address" defaultValue={visit.address ?? ""} />
            <button type="submit" disabled={busy}>
              Lodge the plan with the office
            </button>
          </form>
        </>
      )}
    </Section>
  );
}
