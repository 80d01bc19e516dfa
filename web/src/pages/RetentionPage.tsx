/**
 * The head's retention page: by kind, how long Doorstep keeps it and why (the
 * domain's table, with its source), what has passed that period today, and the
 * head's say-so to remove it. The audit trail records that it was done, by kind
 * and count, never what was removed.
 */
import { useState } from "react";
import type { PageProps } from "../App";
import { api } from "../api";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import "../records/records.css";
import { RETENTION_RULES, type RetentionKind, type RetentionRule } from "../../../src/domain/records/retention";
import type { RetentionApplied, RetentionDueList } from "../../../src/contracts/retention";

const FROM_WORDS = {
  entry: "from the day of the entry",
  end_of_academic_year: "after the end of the academic year of the entry (31 August)",
  date_of_birth: "from the child's date of birth",
} satisfies Record<RetentionRule["from"], string>;

const ACTION_WORDS = { delete: "deleted", anonymise: "anonymised" } satisfies Record<RetentionRule["action"], string>;
const ACTION_VERBS = { delete: "Delete", anonymise: "Anonymise" } satisfies Record<RetentionRule["action"], string>;

export function RetentionPage(_: PageProps) {
  const { data, error, reload } = useApi<RetentionDueList>("/api/retention");
  const { problems, status, busy, run } = useForm({ fields: { kinds: "retention-kinds" } });
  const [chosen, setChosen] = useState<Set<RetentionKind>>(new Set());
  const due = (data?.kinds ?? []).filter((k) => k.due > 0);
  return (
    <>
      <h1>Retention</h1>
      <p>
        How long Doorstep keeps each kind of record, and what has passed that period today{data ? ` (${data.today})` : ""}. Nothing is removed until you say so; what you
        remove cannot be brought back.
      </p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && (
        <form
          className="rec-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const r = await api<RetentionApplied>("POST", "/api/retention/apply", { kinds: [...chosen] });
              setChosen(new Set());
              await reload();
              const done = r.results.filter((x) => x.removed > 0);
              return done.length ? `Done: ${done.map((x) => `${RETENTION_RULES[x.kind].label}: ${ACTION_WORDS[RETENTION_RULES[x.kind].action]} ${x.removed}`).join("; ")}.` : "Nothing was past its period: nothing changed.";
            });
          }}
        >
          <ErrorSummary problems={problems} />
          <div className="table-wrap">
            <table id="retention-kinds">
              <caption>Retention periods</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Kept</th>
                  <th scope="col">Source</th>
                  <th scope="col">Past its period</th>
                  <th scope="col">Remove</th>
                </tr>
              </thead>
              <tbody>
                {data.kinds.map((k) => {
                  const rule = RETENTION_RULES[k.kind];
                  return (
                    <tr key={k.kind}>
                      <th scope="row">{rule.label}</th>
                      <td>
                        {rule.years} years {FROM_WORDS[rule.from]}
                        {rule.decidedBy === "doorstep" ? " (Doorstep's decision)" : ""}
                      </td>
                      <td>{rule.source}</td>
                      <td>
                        {k.due} {k.due === 1 ? "entry" : "entries"}
                        {k.due > 0 && rule.action === "anonymise" ? ", to be anonymised" : ""}
                        {k.kept > 0 && <p className="rec-hint">{k.kept} kept: {rule.kept}</p>}
                        {k.withoutDateOfBirth > 0 && <p className="rec-hint">{k.withoutDateOfBirth} without a date of birth: never removed until one is recorded.</p>}
                      </td>
                      <td>
                        {k.due > 0 ? (
                          <label className="inline">
                            <input
                              type="checkbox"
                              id={`retention-${k.kind}`}
                              checked={chosen.has(k.kind)}
                              onChange={(e) => {
                                const next = new Set(chosen);
                                if (e.target.checked) next.add(k.kind);
                                else next.delete(k.kind);
                                setChosen(next);
                              }}
                            />{" "}
                            {ACTION_VERBS[rule.action]} {k.due}
                            <span className="visually-hidden"> {rule.label}</span>
                          </label>
                        ) : (
                          "Nothing due"
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="rec-hint">{data.notListed}</p>
          <p className="rec-hint">{data.auditKept}</p>
          <div className="actions">
            <button type="submit" disabled={busy || chosen.size === 0 || due.length === 0}>
              Remove what is chosen
            </button>
          </div>
          <Status>{status}</Status>
        </form>
      )}
    </>
  );
}
