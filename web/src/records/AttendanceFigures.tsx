import type { AttendanceSummary } from "./types";
import { longDate } from "./labels";

/** The register's figures, read-only: filled in from the register, never typed. */
export function AttendanceFigures({ a, caption }: { a: AttendanceSummary | null | undefined; caption?: string }) {
  if (!a) return <p className="muted">No attendance figures were kept with this report.</p>;
  return (
    <div className="rec-attendance">
      {caption && <p className="muted rec-small">{caption}</p>}
      <dl className="facts">
        <dt>Total sessions missed</dt>
        <dd>{a.sessionsMissed}</dd>
        <dt>Authorised</dt>
        <dd>{a.authorised}</dd>
        <dt>Unauthorised</dt>
        <dd>{a.unauthorised}</dd>
        <dt>Current attendance</dt>
        <dd>{a.percent === null ? "No sessions yet" : `${a.percent}%`}</dd>
      </dl>
      <p className="muted rec-small">
        School year from {longDate(a.from)} to {longDate(a.to)}: {a.attendedSessions} of {a.possibleSessions} possible sessions attended.
      </p>
    </div>
  );
}
