import { checkInRule } from "../../field/field-words";
import type { FieldView } from "../../field/types";

/** The risk assessment, what the DSL said of the background, and the policy's check-ins. */
export function RisksSection({ view }: { view: FieldView }) {
  return (
    <section className="field-section field-risks" aria-labelledby="risk-h">
      <h2 id="risk-h">Risks to know</h2>
      {view.risk ? (
        <>
          <p>
            Risk level <strong>{view.risk.level}</strong>; {view.risk.paired ? "paired visit" : "one member of staff"}.
          </p>
          <dl className="risk-list">
            <Risk label="Animals" text={view.risk.animals} />
            <Risk label="The home and its surroundings" text={view.risk.environment} />
            <Risk label="Previous incidents" text={view.risk.previousIncidents} />
            <Risk label="Who may be there" text={view.risk.occupants} />
            {view.backgroundNote && <Risk label="From the DSL" text={view.backgroundNote} />}
          </dl>
        </>
      ) : (
        <p className="error-summary">No risk assessment is recorded for this visit.</p>
      )}
      {view.rules.checkIns && <p className="muted">{checkInRule(view.rules.checkIns)}</p>}
    </section>
  );
}

function Risk({ label, text }: { label: string; text: string }) {
  const none = !text.trim();
  return (
    <div className={none ? "risk risk-none" : "risk"}>
      <dt>{label}</dt>
      <dd>{none ? "Nothing recorded" : text}</dd>
    </div>
  );
}
