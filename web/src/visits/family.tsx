import type { AttendanceSummary, Parent, VisitPupil } from "./types";
import { longDate, shortDate } from "./format";

/** Parents and carers with links that dial or write from a phone. */
export function ParentList({ parents }: { parents: Parent[] }) {
  if (parents.length === 0) return <p className="muted">No parent or carer is recorded.</p>;
  return (
    <ul className="visit-parents">
      {parents.map((p, i) => (
        <li key={`${p.name}-${i}`}>
          <strong>{p.name}</strong> ({p.relationship.toLowerCase()}
          {p.parentalResponsibility ? ", parental responsibility" : ""})<br />
          {p.phone ? (
            <a href={`tel:${p.phone.replace(/[^0-9+]/g, "")}`}>
              <span className="visually-hidden">Phone {p.name}: </span>
              {p.phone}
            </a>
          ) : (
            <span className="muted">No phone recorded. </span>
          )}
          {p.email ? (
            <a href={`mailto:${p.email}`}>
              <span className="visually-hidden">Email {p.name}: </span>
              {p.email}
            </a>
          ) : (
            <span className="muted">No email recorded.</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function attendanceText(a: AttendanceSummary): string {
  const pct = a.percent === null ? "no sessions yet this school year" : `${a.percent}% attendance`;
  return `${pct}; ${a.sessionsMissed} session${a.sessionsMissed === 1 ? "" : "s"} missed (${a.authorised} authorised, ${a.unauthorised} unauthorised) since ${longDate(a.from)}`;
}

/** The last ten school days' marks, compact: "Mon 9 Nov N N". */
export function MarksList({ pupil }: { pupil: VisitPupil }) {
  if (pupil.recentMarks.length === 0) return <p className="muted">No recent marks.</p>;
  return (
    <ul className="visit-marks" aria-label={`Recent marks for ${pupil.name} (morning, afternoon)`}>
      {pupil.recentMarks.map((m) => (
        <li key={m.day}>
          {shortDate(m.day)}: <code>{m.am ?? "–"}</code> <code>{m.pm ?? "–"}</code>
        </li>
      ))}
    </ul>
  );
}

export function MarksTable({ pupil }: { pupil: VisitPupil }) {
  if (pupil.recentMarks.length === 0) return <p className="muted">No recent marks.</p>;
  return (
    <table className="visit-marks-table">
      <caption>Recent register marks for {pupil.name}</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Morning</th>
          <th scope="col">Afternoon</th>
        </tr>
      </thead>
      <tbody>
        {pupil.recentMarks.map((m) => (
          <tr key={m.day}>
            <th scope="row">{shortDate(m.day)}</th>
            <td>
              <code>{m.am ?? "–"}</code>
            </td>
            <td>
              <code>{m.pm ?? "–"}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
