import { STEP_LABELS } from "../field/time";
import { dayAndTime } from "./format";
import { Section, type VisitSectionProps } from "./Section";

/**
 * What the team reported from the phone, with what was recorded at the door:
 * the answers to the policy's going-in questions, a reason where one was needed,
 * and the ID card confirmed at departure.
 */
export function StepsSection({ visit }: VisitSectionProps) {
  if (visit.steps.length === 0) return null;
  return (
    <Section id="steps" title="On the visit">
      <ol className="visit-steps">
        {visit.steps.map((s, i) => (
          <li key={`${s.at}-${i}`}>
            <strong>{STEP_LABELS[s.step] ?? s.step}</strong> <span className="muted">{dayAndTime(s.at)}, {s.by}</span>
            {s.note && <p className="visit-step-note">{s.note}</p>}
          </li>
        ))}
      </ol>
    </Section>
  );
}
