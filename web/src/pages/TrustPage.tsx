import type { PageProps } from "../App";
import { useApi } from "../useApi";
import { Link } from "../router";
import { ScrollTable } from "./CalendarPage";
import { actionWords, kindRank, longDate } from "../action-words";
import { monthYear } from "../visits/format";
import type { TrustToday } from "../../../src/contracts/today";

type SchoolList = TrustToday["schools"][number];

function countsByKind(s: SchoolList): [string, number][] {
  const counts = new Map<string, number>();
  for (const h of s.households) for (const p of h.pupils) for (const a of p.actions) counts.set(a.action, (counts.get(a.action) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}
const rank = kindRank;

function reviewWords(r: SchoolList["policy"]["review"]): string {
  if (r.overdue) return `overdue (was due ${monthYear(r.due)})`;
  if (r.dueSoon) return `due soon (${monthYear(r.due)})`;
  return `due ${monthYear(r.due)}`;
}

export function TrustPage(_: PageProps) {
  const { data, error } = useApi<TrustToday>("/api/trust/today");
  const overdue = data?.schools.filter((s) => s.policy.review.overdue).length ?? 0;
  return (
    <>
      <h1>Trust</h1>
      <p>What each school&apos;s home-visit policy requires, for every school in the trust.</p>
      <p>
        Whether each school kept its policy, side by side over a range: <Link to="/trust-figures">Trust figures</Link>.
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            Actions for <strong>{longDate(data.day)}</strong>, the latest school day. {data.schools.length} school{data.schools.length === 1 ? "" : "s"},{" "}
            {data.schools.reduce((n, s) => n + s.actionCount, 0)} actions in all.
          </p>
          {overdue > 0 && (
            <p className="notice">
              <strong>
                {overdue} school{overdue === 1 ? "'s" : "s'"} home-visit polic{overdue === 1 ? "y is" : "ies are"} past the review date.
              </strong>
            </p>
          )}
          <h2>Schools</h2>
          <ScrollTable label="Schools (scrolls sideways)">
            <table className="trust-summary">
              <caption className="visually-hidden">Actions due in each school of the trust</caption>
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Actions</th>
                  <th scope="col">By kind</th>
                  <th scope="col">Policy and its review</th>
                </tr>
              </thead>
              <tbody>
                {data.schools.map((s) => {
                  const counts = countsByKind(s);
                  return (
                    <tr key={s.schoolId}>
                      <th scope="row">{s.schoolName}</th>
                      <td>{s.schoolDay ? s.actionCount : "Not a school day"}</td>
                      <td>
                        {counts.length === 0 ? (
                          "—"
                        ) : (
                          <ul className="trust-counts">
                            {counts.map(([kind, n]) => (
                              <li key={kind}>
                                {actionWords(kind)}: {n}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {s.policy.name} <span className="muted">(version {s.policy.version})</span>
                        <br />
                        Review: {s.policy.review.overdue ? <strong className="flag">{reviewWords(s.policy.review)}</strong> : reviewWords(s.policy.review)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
          {data.schools.length === 0 && <p>No schools are linked to this trust yet.</p>}

          <h2>Actions by school</h2>
          {data.schools.map((s) => (
            <SchoolActions key={s.schoolId} school={s} />
          ))}
        </>
      )}
    </>
  );
}

function SchoolActions({ school }: { school: SchoolList }) {
  const rows = school.households.flatMap((h) => h.pupils.flatMap(({ pupil, actions }) => actions.map((a) => ({ pupil, a }))));
  return (
    <details className="trust-school">
      <summary>
        {school.schoolName}: {rows.length === 1 ? "1 action" : `${rows.length} actions`}
      </summary>
      {rows.length === 0 ? (
        <p>{school.schoolDay ? "Nothing is due: every child is accounted for under the policy." : "Not a school day."}</p>
      ) : (
        <ol className="trust-actions">
          {rows.map(({ pupil, a }) => (
            <li key={`${pupil.id}-${a.action}`}>
              <p className="trust-action-head">
                <strong>
                  {pupil.firstName} {pupil.lastName}
                </strong>
                {pupil.className && <span className="muted"> ({pupil.className})</span>}: {actionWords(a.action)} <span className="clause">{a.rule}</span>
              </p>
              <p className="trust-action-reason">{a.reason}</p>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
