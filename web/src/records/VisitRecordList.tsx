/**
 * The records tied to one visit or kept on one child's record (multi-agency
 * checks, alternative venues, and the rest of the family), as the server lists
 * them to the caller: only those the policy routed to one of their roles.
 */
import { Fragment } from "react";
import { dateTime, VISIT_RECORD_KIND_LABELS } from "./labels";
import type { VisitRecord } from "./types";

export function VisitRecordList({ records, empty }: { records: VisitRecord[]; empty: string }) {
  if (records.length === 0) return <p>{empty}</p>;
  return (
    <ul className="rec-cards">
      {records.map((r) => (
        <li key={r.id} className={r.status === "closed" ? "rec-closed" : undefined}>
          <h4>
            {VISIT_RECORD_KIND_LABELS[r.kind] ?? r.kind}, {dateTime(r.occurredAt)} <span className="clause">{r.routeClause}</span>
          </h4>
          <dl className="facts">
            <dt>Recorded by</dt>
            <dd>{r.recordedName}</dd>
            {r.facts.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd className="rec-pre">{v}</dd>
              </Fragment>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
