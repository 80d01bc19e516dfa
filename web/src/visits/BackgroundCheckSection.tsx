import { useState } from "react";
import { ROLE_LABELS } from "../api";
import { useSubmit } from "./Feedback";
import { dayAndTime } from "./format";
import { send } from "./request";
import { Section, type VisitSectionProps } from "./Section";
import { isFinal } from "./types";

/**
 * Burgh 7: "check relevant background with the DSL" before the visit. The DSL
 * records it here with what the team should know; the plan waits for it.
 */
export function BackgroundCheckSection({ visit, session, reload }: VisitSectionProps) {
  const rule = visit.backgroundCheckRule ?? null;
  const done = visit.backgroundCheck;
  const [note, setNote] = useState(done?.note ?? "");
  const { run, view, busy } = useSubmit(reload);
  if (!rule && !done) return null;
  const records = rule ? rule.by.some((r) => session.roles.includes(r)) : false;
  return (
    <Section id="background" title="Background check with the DSL">
      {rule && (
        <p>
          {rule.description} Recorded by the {rule.by.map((r) => ROLE_LABELS[r]).join(" or ")} ({rule.clause}).
        </p>
      )}
      {done ? (
        <>
          <p>
            Checked by <strong>{done.checkedName}</strong> at {dayAndTime(done.checkedAt)}.
          </p>
          <p className="visit-note">{done.note ? <>For the team: {done.note}</> : "Nothing further for the team."}</p>
        </>
      ) : (
        <p>Not checked yet: the plan cannot be lodged until it is.</p>
      )}
      {records && !isFinal(visit.state) && (
        <>
          {view}
          <form
            className="visit-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                () => send<{ result: "recorded" | "amended" | "unchanged" }>(session, "POST", `/api/visits/${visit.id}/background-check`, { note }),
                (r) => (r.result === "unchanged" ? "Already recorded: nothing changed." : r.result === "amended" ? "Background check amended." : "Background check recorded."),
              );
            }}
          >
            <label htmlFor="background-note">What the team should know before they go (leave empty if nothing)</label>
            <textarea id="background-note" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <button type="submit" disabled={busy}>
              {done ? "Amend the background check" : "Record the background check"}
            </button>
          </form>
        </>
      )}
    </Section>
  );
}
