import { useState } from "react";
import type { PageProps } from "../App";
import { useApi } from "../useApi";
import { Link } from "../router";
import { longDate } from "../action-words";
import { FiguresSections, RangePicker, rangeQuery, type RangeChoice } from "./FiguresSections";
import type { FiguresView, GovernorsReportView } from "../../../src/contracts/oversight";

type Child = FiguresView["newlyPersistentlyAbsent"][number];

/** The head's, DSL's and attendance lead's figures: every count as it is, the children behind them by name. */
export function FiguresPage(_: PageProps) {
  const [choice, setChoice] = useState<RangeChoice>({ kind: "period", period: "half_term" });
  const { data, error } = useApi<FiguresView>(`/api/figures?${rangeQuery(choice)}`);
  return (
    <>
      <h1>Figures</h1>
      <p>Compliance with the policy, attendance as the DfE counts it, visits and safety, for a range. The same figures come from <code>doorstep figures</code>.</p>
      <RangePicker choice={choice} onChange={setChoice} />
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            {data.schoolName}, from <strong>{longDate(data.from)}</strong> to <strong>{longDate(data.to)}</strong>, under {data.policyName}.
          </p>
          <FiguresSections sections={data.sections} />
          <Children title="Children unseen longer than the policy allows" children={data.unseen} extra={(c) => `listed for an eyes-on visit from ${longDate((c as Child & { since: string }).since)}`} />
          <Children title="Newly persistently absent this half-term" children={data.newlyPersistentlyAbsent} />
        </>
      )}
    </>
  );
}

function Children({ title, children, extra }: { title: string; children: Child[]; extra?: (c: Child) => string }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {children.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {children.map((c) => (
            <li key={c.pupilId}>
              <Link to={`/pupils/${c.pupilId}`}>
                {c.firstName} {c.lastName}
              </Link>
              {c.yearGroup ? ` (${c.yearGroup})` : ""}
              {extra ? `: ${extra(c)}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The governors' report: figures only, no child; the PDF prints the same sections. */
export function GovernorsReportPage(_: PageProps) {
  const [choice, setChoice] = useState<RangeChoice>({ kind: "period", period: "half_term" });
  const { data, error } = useApi<GovernorsReportView>(`/api/governors/report?${rangeQuery(choice)}`);
  return (
    <>
      <h1>Governors' report</h1>
      <p>How the school kept its attendance and home-visit policy, for a governors' meeting. No child is named; counts from 1 to 4 are shown as “fewer than 5”.</p>
      <RangePicker choice={choice} onChange={setChoice} />
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            {data.schoolName}, from <strong>{longDate(data.from)}</strong> to <strong>{longDate(data.to)}</strong>, under {data.policyName}.{" "}
            <a href={`/api/governors/report.pdf?from=${data.from}&to=${data.to}`}>Download the report as a PDF</a>
          </p>
          <FiguresSections sections={data.sections} />
        </>
      )}
    </>
  );
}
