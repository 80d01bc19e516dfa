import { useState } from "react";
import type { PageProps } from "../App";
import { useApi } from "../useApi";
import { Link } from "../router";
import { longDate } from "../action-words";
import { ScrollTable } from "./CalendarPage";
import { FiguresSections, RangePicker, rangeQuery, type RangeChoice } from "./FiguresSections";
import type { TrustFiguresView, TrustSchoolRow } from "../../../src/contracts/casework-review";
import type { GovernorsReportView } from "../../../src/contracts/oversight";
import { FEWER_THAN_5 } from "../../../src/domain/attendance/small-numbers";

type Key = Exclude<keyof TrustSchoolRow, "schoolId" | "from" | "to">;

/** "fewer than 5" sorts between 0 and 5; a missing figure last. */
function sortValue(v: TrustSchoolRow[Key]): number | string {
  if (v === null) return Number.POSITIVE_INFINITY;
  if (v === FEWER_THAN_5) return 2.5;
  return v;
}

function cell(row: TrustSchoolRow, key: Key): string {
  const v = row[key];
  if (v === null) return "–";
  return key === "attendancePercent" || key === "onTimePercent" ? `${v}%` : String(v);
}

/** The trust administrator's figures: every school side by side, sortable by any column, with a drill-down. */
export function TrustFiguresPage(_: PageProps) {
  const [choice, setChoice] = useState<RangeChoice>({ kind: "period", period: "half_term" });
  const { data, error } = useApi<TrustFiguresView>(`/api/trust/figures?${rangeQuery(choice)}`);
  const [sort, setSort] = useState<{ key: Key; descending: boolean }>({ key: "schoolName", descending: false });
  const rows = [...(data?.schools ?? [])].sort((a, b) => {
    const x = sortValue(a[sort.key]);
    const y = sortValue(b[sort.key]);
    const c = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y);
    return (sort.descending ? -c : c) || a.schoolName.localeCompare(b.schoolName);
  });
  const columns = (data?.columns ?? []) as { key: Key; label: string; definition: string }[];
  return (
    <>
      <h1>Trust figures</h1>
      <p>Every school of the trust on the same figures, each over its own calendar. No child is named; counts from 1 to 4 are shown as “fewer than 5”.</p>
      <RangePicker choice={choice} onChange={setChoice} />
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            {data.trustName}: {data.schools.length} school{data.schools.length === 1 ? "" : "s"}. <a href={`/api/trust/figures.pdf?${rangeQuery(choice)}`}>Download the trust&apos;s figures as a PDF</a>
          </p>
          <ScrollTable label="Schools side by side (scrolls sideways)">
            <table className="trust-figures">
              <caption className="visually-hidden">Schools side by side</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th scope="col" key={c.key} aria-sort={sort.key === c.key ? (sort.descending ? "descending" : "ascending") : "none"}>
                      <button type="button" className="sort-heading" onClick={() => setSort({ key: c.key, descending: sort.key === c.key ? !sort.descending : false })}>
                        {c.label}
                        <span className="visually-hidden">, sort</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.schoolId}>
                    {columns.map((c) =>
                      c.key === "schoolName" ? (
                        <th scope="row" key={c.key}>
                          <Link to={`/trust/schools/${r.schoolId}?${rangeQuery(choice)}`}>{r.schoolName}</Link>
                        </th>
                      ) : (
                        <td key={c.key}>{cell(r, c.key)}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <h2>What each column counts</h2>
          <dl>
            {columns.map((c) => (
              <div key={c.key}>
                <dt>{c.label}</dt>
                <dd>{c.definition}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}

/** One school of the trust in detail: its governors' report, which names no child. */
export function TrustSchoolPage({ schoolId }: PageProps & { schoolId: string }) {
  const query = typeof window === "undefined" ? "" : window.location.search.slice(1);
  const { data, error } = useApi<GovernorsReportView>(`/api/trust/schools/${schoolId}/report${query ? `?${query}` : ""}`);
  return (
    <>
      <h1>{data ? data.schoolName : "School"}</h1>
      <p>
        <Link to="/trust-figures">All the trust&apos;s schools</Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p>
            From <strong>{longDate(data.from)}</strong> to <strong>{longDate(data.to)}</strong>, under {data.policyName}. The school&apos;s governors&apos; report: no child is named.
          </p>
          <FiguresSections sections={data.sections} />
        </>
      )}
    </>
  );
}
