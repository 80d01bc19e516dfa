/**
 * The records tied to one visit or kept on one child's record (multi-agency
 * checks, alternative venues, and the rest of the family), as the server lists
 * them to the caller: only those the policy routed to one of their roles.
 */
import { Fragment } from "react";
import { dateTime, VISIT_RECORD_KIND_LABELS } from "./labels";
import type { VisitRecord } from "./types";

/** `headingLevel`: each record's heading, one below the section it sits in. */
export function VisitRecordList({ records, empty, headingLevel = 4 }: { records: VisitRecord[]; empty: string; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  if (records.length === 0) return <p>{empty}</p>;
  return (
    <ul className="rec-cards">
      {records.map((r) => (
        <li key={r.id} className={r.status === "closed" ? "rec-closed" : undefined}>
          <Heading>
            {VISIT_RECORD_KIND_LABELS[r.kind] ?? r.kind}, {dateTime(r.occurredAt)} <span className="clause">{r.routeClause}</span>
          </Heading>
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
