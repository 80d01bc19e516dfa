import { useState } from "react";
import type { PageProps } from "../App";
import { useApi } from "../useApi";
import { Link } from "../router";
import { ScrollTable } from "./CalendarPage";
import { actionWords, kindRank, longDate } from "../action-words";
import { RangePicker, rangeQuery, type RangeChoice } from "./FiguresSections";
import type { ComplianceEpisode, ComplianceView, KindSummary, ReturnsCount } from "../../../src/contracts/oversight";
import { RETURN_LABEL } from "../../../src/domain/attendance/statutory/duties";


/** One line each, the same words as the README and compliance.md. */
const DEFINITIONS: [keyof KindSummary, string, string][] = [
  ["episodes", "Episodes", "A child listed for the action on consecutive school days' morning lists counts once."],
  ["closedOnFirstDay", "Closed on first day", "Answered on the day it first fell due: not listed again the next school day."],
  ["closedLater", "Closed later", "Listed on two or more mornings before it left the list."],
  ["open", "Open", "Still listed on the last school day of the range."],
];


export function CompliancePage(_: PageProps) {
  const [choice, setChoice] = useState<RangeChoice>({ kind: "period", period: "this_week" });
  const { data, error } = useApi<ComplianceView>(`/api/compliance?${rangeQuery(choice)}`);
  const kinds = data ? Object.keys(data.summary).sort((a, b) => kindRank(a) - kindRank(b)) : [];

  return (
    <>
      <h1>Compliance</h1>
      <p>
        When the policy said a child needed a call or a visit, how soon did it happen? Doorstep replays its own list for each school day of the range, made from what was
        recorded before that morning, and counts how each action was answered. The same figures come from <code>doorstep compliance</code>.
      </p>
      <RangePicker choice={choice} onChange={setChoice} />
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            From <strong>{longDate(data.from)}</strong> to <strong>{longDate(data.to)}</strong>, under {data.policyName}.
            {!data.named && " Counts only, no child named; counts from 1 to 4 are shown as “fewer than 5”."}
          </p>
          {kinds.length === 0 ? (
            <p>No action was listed on any morning of the range.</p>
          ) : (
            <ScrollTable label="Compliance by action (scrolls sideways)">
              <table className="compliance-summary">
                <caption className="visually-hidden">Episodes of each action in the range and how they closed</caption>
                <thead>
                  <tr>
                    <th scope="col">Action</th>
                    {DEFINITIONS.map(([key, title]) => (
                      <th scope="col" key={key}>
                        {title}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {kinds.map((kind) => (
                    <tr key={kind}>
                      <th scope="row">{actionWords(kind)}</th>
                      {DEFINITIONS.map(([key]) => (
                        <td key={key}>{data.summary[kind]![key]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          <dl className="compliance-definitions">
            {DEFINITIONS.map(([key, title, words]) => (
              <div key={key}>
                <dt>{title}</dt>
                <dd>{words}</dd>
              </div>
            ))}
          </dl>
          <OverdueReturns returns={data.returns} />
          {data.named && <Episodes episodes={data.episodes} />}
        </>
      )}
    </>
  );
}

/** The law's returns due in the range: how many went late or not at all (the figures page and PDF say the same). */
function OverdueReturns({ returns }: { returns: ReturnsCount[] }) {
  return (
    <>
      <h2>Returns to the local authority</h2>
      <p>Returns the law requires (Pupil Registration Regulations 2024, reg 13) that fell due in the range, up to today. Overdue: not submitted by the due date, sent late or not yet sent.</p>
      <ScrollTable label="Returns to the local authority (scrolls sideways)">
        <table className="compliance-returns">
          <caption className="visually-hidden">Returns due in the range and how many were overdue</caption>
          <thead>
            <tr>
              <th scope="col">Return</th>
              <th scope="col">Due</th>
              <th scope="col">Submitted on time</th>
              <th scope="col">Submitted late</th>
              <th scope="col">Not submitted</th>
              <th scope="col">Overdue</th>
            </tr>
          </thead>
          <tbody>
            {returns.map((r) => (
              <tr key={r.duty}>
                <th scope="row">{RETURN_LABEL[r.duty]}</th>
                <td>{r.due}</td>
                <td>{r.submittedOnTime}</td>
                <td>{r.submittedLate}</td>
                <td>{r.notSubmitted}</td>
                <td>{r.overdue === 0 ? 0 : <strong className="flag">{r.overdue}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

function Episodes({ episodes }: { episodes: ComplianceEpisode[] }) {
  const sorted = [...episodes].sort((a, b) => Number(a.closed) - Number(b.closed) || kindRank(a.action) - kindRank(b.action) || a.firstListed.localeCompare(b.firstListed));
  return (
    <>
      <h2>Episodes</h2>
      {sorted.length === 0 ? (
        <p>None.</p>
      ) : (
        <ScrollTable label="Episodes (scrolls sideways)">
          <table className="compliance-episodes">
            <caption className="visually-hidden">Each episode, open ones first</caption>
            <thead>
              <tr>
                <th scope="col">Child</th>
                <th scope="col">Action</th>
                <th scope="col">First listed</th>
                <th scope="col">Last listed</th>
                <th scope="col">School days</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((e) => (
                <tr key={`${e.pupilId}-${e.action}-${e.firstListed}`}>
                  <th scope="row">
                    <Link to={`/pupils/${e.pupilId}`}>
                      {e.firstName} {e.lastName}
                    </Link>
                  </th>
                  <td>{actionWords(e.action)}</td>
                  <td>{e.firstListed}</td>
                  <td>{e.lastListed}</td>
                  <td>{e.schoolDays}</td>
                  <td>{e.closed ? (e.schoolDays === 1 ? "Closed on first day" : "Closed later") : <strong className="flag">Open</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
