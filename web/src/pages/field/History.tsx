import { historySummary } from "../../field/field-words";
import { clock, minutesInWords, STEP_LABELS } from "../../field/time";
import type { TimelineEntry } from "../../field/visit-progress";

/** Every step so far, the office's and those waiting on this phone. */
export function History({ timeline, now }: { timeline: readonly TimelineEntry[]; now: number }) {
  return (
    <details>
      <summary>{historySummary(timeline)}</summary>
      {timeline.length === 0 ? (
        <p className="muted">Nothing reported yet.</p>
      ) : (
        <ol className="field-history">
          {timeline.map((t) => (
            <li key={t.id}>
              <strong>{STEP_LABELS[t.step] ?? t.step}</strong> at {clock(t.at)} ({minutesInWords(Date.parse(t.at) - now)}), {t.by}
              {t.waiting && <span className="waiting-tag"> waiting for signal</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
