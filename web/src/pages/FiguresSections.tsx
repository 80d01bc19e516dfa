import { useState } from "react";
import { ScrollTable } from "./CalendarPage";
import type { FiguresSection } from "../../../src/contracts/oversight";

/** The sections the server builds (src/app/oversight/report-sections.ts): the same as the PDF prints. */
export type { FiguresSection };

export function FiguresSections({ sections }: { sections: FiguresSection[] }) {
  return (
    <>
      {sections.map((s) => (
        <section key={s.heading} aria-labelledby={idOf(s.heading)} className="figures-section">
          <h2 id={idOf(s.heading)}>{s.heading}</h2>
          <p className="muted">{s.definition}</p>
          <div className={s.chartSvg ? "chart-beside" : undefined}>
            {/* Drawn by the server; the table beside it carries the same numbers for screen readers. */}
            {s.chartSvg && <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.chartSvg)}`} alt="" className="trend-chart" width={640} height={260} />}
            {s.table && (
              <ScrollTable label={`${s.heading} (scrolls sideways)`}>
                <table>
                  <caption className="visually-hidden">{s.heading}</caption>
                  <thead>
                    <tr>
                      {s.table.head.map((h) => (
                        <th scope="col" key={h}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.table.rows.length === 0 ? (
                      <tr>
                        <td colSpan={s.table.head.length}>None in the range.</td>
                      </tr>
                    ) : (
                      s.table.rows.map((row, i) => (
                        <tr key={i}>
                          {row.map((cell, j) => (j === 0 ? <th scope="row" key={j}>{cell}</th> : <td key={j}>{cell}</td>))}
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </div>
          {s.note && <p>{s.note}</p>}
        </section>
      ))}
    </>
  );
}

const idOf = (heading: string) => `fig-${heading.toLowerCase().replace(/[^a-z]+/g, "-")}`;

export type RangeChoice = { kind: "period"; period: "this_week" | "half_term" | "six_weeks" } | { kind: "custom"; from: string; to: string };
const PERIOD_WORDS = { this_week: "This week", half_term: "This half-term", six_weeks: "Last 6 weeks" } as const;
export const rangeQuery = (c: RangeChoice) => (c.kind === "period" ? `period=${c.period}` : `from=${c.from}&to=${c.to}`);

export function RangePicker({ choice, onChange }: { choice: RangeChoice; onChange: (c: RangeChoice) => void }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  return (
    <fieldset className="compliance-range">
      <legend>Range</legend>
      {(Object.keys(PERIOD_WORDS) as (keyof typeof PERIOD_WORDS)[]).map((p) => (
        <label key={p}>
          <input type="radio" name="range" checked={choice.kind === "period" && choice.period === p} onChange={() => onChange({ kind: "period", period: p })} /> {PERIOD_WORDS[p]}
        </label>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to) onChange({ kind: "custom", from, to });
        }}
      >
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>{" "}
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>{" "}
        <button type="submit">Show custom range</button>
      </form>
    </fieldset>
  );
}
