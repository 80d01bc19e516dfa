import { useId } from "react";
import { api } from "../../api";
import { useForm } from "../../useForm";
import { FormMessage } from "../../records/forms";
import { useApi } from "../../useApi";
import type { LaPacks } from "../../../../src/contracts/statutory";

/** The local authority pack the school's returns follow (issue 19): shown on the Policy page, chosen by the head or trust. */
export function LawPackSection({ canChoose }: { canChoose: boolean }) {
  const { data, reload } = useApi<LaPacks>("/api/statutory/packs");
  const { run, ...sent } = useForm({ onDone: reload });
  const id = useId();
  if (!data) return null;
  const pack = data.packs.find((p) => p.id === data.current);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>The law beneath the policy: local authority returns</h2>
      <p>
        Returns to the local authority follow <strong>{pack?.name ?? data.current}</strong> ({pack?.source}). Notice to improve: {pack?.noticeToImproveWeeks} weeks.
      </p>
      <ul>
        {pack?.returns.map((r) => (
          <li key={r.duty}>
            <strong>{r.title}</strong>: at {r.thresholdSchoolDays} school days{r.followUpEverySchoolDays > 0 ? `, then every ${r.followUpEverySchoolDays} more` : ""}; sent by {r.sendBy.replaceAll("_", " ")} to {r.sendTo}; {r.fields.length} fields.
          </li>
        ))}
      </ul>
      {pack?.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {canChoose && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const laPackId = new FormData(e.currentTarget).get("laPackId");
            void run(() => api("PUT", "/api/statutory/pack", { laPackId }), "Local authority pack saved.");
          }}
        >
          <label htmlFor={`${id}-pack`}>Local authority pack</label>
          <select id={`${id}-pack`} name="laPackId" defaultValue={data.current} key={data.current}>
            {data.packs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="submit">Save pack</button>
        </form>
      )}
      {/* Rendered only once there is something to say: the Policy page keeps one status region of its own. */}
      <FormMessage form={sent} />
    </section>
  );
}
