import { HoldButton } from "../../field/HoldButton";
import { alarmText, POLICE_CALLER } from "../../field/field-words";
import { clock } from "../../field/time";
import type { FieldView } from "../../field/types";
import type { ShownAlarm } from "../../field/visit-progress";
import { Link } from "../../router";

/** The alarm (held to raise), what the policy says to do in immediate danger, and a danger report still owed. */
export function DangerSection({ view, visitId, alarm, onRaise }: { view: FieldView; visitId: string; alarm: ShownAlarm | null; onRaise: () => void }) {
  const danger = view.rules.immediateDanger;
  return (
    <section className="field-section field-danger" aria-labelledby="danger-h">
      <h2 id="danger-h">Immediate danger</h2>
      {alarm ? (
        <div className="alarm-raised" role="alert">
          <p>
            <strong>Alarm raised. {danger ? danger.phone : "Call 999 if you can."}</strong>
            {danger && <> <span className="clause">{danger.clause}</span></>}
          </p>
          <p>
            <a className="call-999" href="tel:999">
              Call 999
            </a>
          </p>
          <p>{alarmText(alarm, clock)}</p>
        </div>
      ) : (
        <>
          {danger && (
            <p className="danger-procedure">
              {POLICE_CALLER[danger.policeCalledBy]} <span className="clause">{danger.clause}</span>
            </p>
          )}
          <HoldButton className="alarm-button" what="raise the immediate danger alarm" onConfirm={onRaise}>
            Immediate danger
          </HoldButton>
        </>
      )}
      {view.dangerReport && view.dangerReport.outstanding > 0 && (
        <p className="notice" role="status">
          <strong>A full report is needed</strong> of the danger on this visit <span className="clause">{view.dangerReport.clause}</span>:{" "}
          <Link to={`/visits/${visitId}`}>report the incident on the visit page</Link>.
        </p>
      )}
    </section>
  );
}
