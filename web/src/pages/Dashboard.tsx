import { useApi } from "../useApi";
import { Link } from "../router";
import { may, type SessionView } from "../api";
import { actionWords, kindRank, longDate } from "../action-words";
import type { DashboardView } from "../../../src/contracts/oversight";

/** The head's, attendance lead's and DSL's home page (GET /api/dashboard): each count links to its list. */
export function Dashboard({ session }: { session: Pick<SessionView, "may"> }) {
  const { data, error } = useApi<DashboardView>("/api/dashboard");
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p className="muted">Loading the school at a glance…</p>;
  const kinds = Object.keys(data.actionsByKind).sort((a, b) => kindRank(a) - kindRank(b));
  return (
    <section aria-labelledby="dashboard" className="dashboard">
      <h2 id="dashboard">The school at a glance, {longDate(data.day)}</h2>
      <ul className="cards dashboard-counts">
        <li>
          <Link to="/today">
            <strong>{data.actionCount}</strong> actions on today's list
          </Link>
          {kinds.length > 0 && (
            <ul>
              {kinds.map((k) => (
                <li key={k}>
                  {actionWords(k)}: {data.actionsByKind[k]}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          <Link to="/visits">
            <strong>{data.visitsWaiting.approval}</strong> visits waiting for approval
          </Link>
          <br />
          <Link to="/visits">
            <strong>{data.visitsWaiting.riskAssessment}</strong> waiting for a risk assessment
          </Link>
          <br />
          <Link to="/visits">
            <strong>{data.visitsWaiting.team}</strong> waiting for a team
          </Link>
        </li>
        <li>
          <Link to="/board">
            <strong>{data.openAlerts}</strong> alerts open on the board
          </Link>
        </li>
        <li>
          <Link to="/compliance">
            <strong>{data.overdue.length}</strong> actions overdue
          </Link>
          <span className="muted"> (still listed, first listed before today)</span>
        </li>
        <li>
          <Link to="/staff-records">
            <strong>{data.checksRunningOut.length}</strong> staff checks running out
          </Link>
          <span className="muted"> (within 60 days)</span>
        </li>
        {may(session, "GET /api/case-samples") && (
          <li>
            <Link to="/case-samples">
              <strong>{data.caseSampling.toReview}</strong> sampled visits to review
            </Link>
            <span className="muted"> (of {data.caseSampling.sampled} drawn for case sampling)</span>
          </li>
        )}
        {may(session, "GET /api/decision-lists") && (
          <li>
            <Link to="/decision-lists">
              <strong>{data.decisions.undecided}</strong> pupils awaiting a half-term decision
            </Link>
            <span className="muted"> (of {data.decisions.listed} on decision lists)</span>
          </li>
        )}
        <li>
          <Link to="/policy">Policy review due {data.policy.review.due}</Link>
          {data.policy.review.overdue ? <strong className="flag"> overdue</strong> : data.policy.review.dueSoon ? <strong> due soon</strong> : null}
          <br />
          <span className="muted">{data.policy.name}</span>
        </li>
      </ul>
      {data.overdue.length > 0 && (
        <>
          <h3>Actions overdue</h3>
          <ul>
            {data.overdue.map((o) => (
              <li key={`${o.pupilId}-${o.action}`}>
                <Link to={`/pupils/${o.pupilId}`}>
                  {o.firstName} {o.lastName}
                </Link>
                : {actionWords(o.action)}, listed since {longDate(o.firstListed)} ({o.schoolDays} school days)
              </li>
            ))}
          </ul>
        </>
      )}
      {data.checksRunningOut.length > 0 && (
        <>
          <h3>Staff checks running out</h3>
          <ul>
            {data.checksRunningOut.map((c) => (
              <li key={`${c.userId}-${c.check}`}>
                {c.name}: {c.check} {c.lapsed ? "ended" : "ends"} {longDate(c.endsOn)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to="/figures">Figures for a range</Link> · <Link to="/governors-report">Governors' report</Link>
      </p>
    </section>
  );
}
