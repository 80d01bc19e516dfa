import { useEffect, useRef, useState } from "react";
import type { PageProps } from "../App";
import { api, may } from "../api";
import { useForm, type Run } from "../useForm";
import { useApi } from "../useApi";
import type { ClosureKind } from "../../../src/domain/attendance/closure-kinds";
import type { Closure, Closures, ClosuresSaved, DayReopened } from "../../../src/contracts/calendar";


const KIND_LABELS: Record<ClosureKind, string> = {
  holiday: "School holiday",
  inset: "INSET (staff training) day",
  bank_holiday: "Bank holiday",
  closure: "Closure",
};

/** Who may change the calendar; mirrors ROUTE_ACCESS for POST/DELETE /api/calendar. */

const kindLabel = (kind: string) => KIND_LABELS[kind as ClosureKind] ?? kind.replaceAll("_", " ");

/** Dates are days, not instants: format at noon UTC so no time zone moves them. */
const longDate = (iso: string) => {
  // Built from parts: some ICU versions put a comma after the weekday.
  const d = new Date(`${iso}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString("en-GB", { ...o, timeZone: "UTC" });
  return `${part({ weekday: "long" })} ${part({ day: "numeric" })} ${part({ month: "long" })} ${part({ year: "numeric" })}`;
};
const shortDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", timeZone: "UTC" }).replace(",", "");
const monthOf = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The school year around a day: 1 September to 31 August. */
export function schoolYearAround(iso: string): { from: string; to: string } {
  const year = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? year : year - 1;
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/**
 * A table wrapper that scrolls sideways on a narrow screen and, only while it
 * does, can take keyboard focus so the hidden columns can be scrolled to
 * (WCAG 2.1.1; axe's scrollable-region-focusable). Used by the Policy and Trust
 * pages too; it would sit better in a shared components module.
 */
export function ScrollTable({ label, children }: { label: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    return () => observer.disconnect();
  }, [children]);
  return (
    <div ref={ref} className="table-wrap" {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}>
      {children}
    </div>
  );
}

export function CalendarPage({ session }: PageProps) {
  const [range, setRange] = useState(() => schoolYearAround(todayIso()));
  const [filter, setFilter] = useState(range);
  const { data, error, reload } = useApi<Closures>(`/api/calendar?from=${range.from}&to=${range.to}`);
  const canEdit = may(session, "POST /api/calendar");
  const saved = useForm();

  const months: { month: string; days: Closure[] }[] = [];
  for (const c of data?.closures ?? []) {
    const month = c.day.slice(0, 7);
    const last = months[months.length - 1];
    if (last && last.month === month) last.days.push(c);
    else months.push({ month, days: [c] });
  }

  const reopen = (day: string) =>
    saved.run(async () => {
      const r = await api<DayReopened>("DELETE", `/api/calendar/${day}`);
      await reload();
      return r.removed ? `${longDate(day)} is a school day again.` : `${longDate(day)} was already a school day.`;
    });

  return (
    <>
      <h1>Calendar</h1>
      <p>
        Weekdays the school is closed: holidays, INSET days, bank holidays and closures. No absence is counted on these days, and the policy&apos;s day counts
        skip them. Weekends are never school days and are not listed.
      </p>
      {!canEdit && <p className="muted">The headteacher, the attendance lead and the school office keep this calendar.</p>}
      {canEdit && (
        <AddClosureForm
          run={saved.run}
          onAdded={async (added) => {
            // Show the new days even when they fall outside the dates on screen.
            if (added.from < range.from || added.to > range.to) {
              const wider = { from: added.from < range.from ? added.from : range.from, to: added.to > range.to ? added.to : range.to };
              setRange(wider);
              setFilter(wider);
            } else {
              await reload();
            }
          }}
        />
      )}
      {error && <p role="alert">{error}</p>}
      <div role="status">{saved.status && <p className="ok">{saved.status}</p>}</div>
      {saved.error && (
        <p role="alert" className="error-summary">
          {saved.error}
        </p>
      )}

      <h2 id="cal-list-heading">
        Closed days, {longDate(range.from)} to {longDate(range.to)}
      </h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (filter.from && filter.to) setRange(filter);
        }}
      >
        <div>
          <label htmlFor="cal-show-from">Show from</label>
          <input id="cal-show-from" type="date" required value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} />
        </div>
        <div>
          <label htmlFor="cal-show-to">Show until</label>
          <input id="cal-show-to" type="date" required value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} />
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </form>
      {data && data.closures.length === 0 && <p>No closed weekdays in these dates.</p>}
      {data && data.closures.length > 0 && (
        <ScrollTable label="Closed days (scrolls sideways)">
          <table className="calendar-table">
            <caption className="visually-hidden">
              Weekdays the school is closed between {longDate(range.from)} and {longDate(range.to)}, by month
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Label</th>
                {canEdit && <th scope="col">Change</th>}
              </tr>
            </thead>
            {months.map((m) => (
              <tbody key={m.month}>
                <tr className="calendar-month">
                  <th scope="rowgroup" colSpan={canEdit ? 4 : 3}>
                    {monthOf(`${m.month}-01`)}
                  </th>
                </tr>
                {m.days.map((c) => (
                  <tr key={c.day}>
                    <td>
                      <span aria-hidden="true">{shortDate(c.day)}</span>
                      <span className="visually-hidden">{longDate(c.day)}</span>
                    </td>
                    <td>{kindLabel(c.kind)}</td>
                    <td>{c.label ?? "—"}</td>
                    {canEdit && (
                      <td>
                        <button type="button" className="secondary calendar-reopen" onClick={() => void reopen(c.day)}>
                          Reopen<span className="visually-hidden"> {longDate(c.day)}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </ScrollTable>
      )}

    </>
  );
}

function AddClosureForm(props: { run: Run; onAdded: (range: { from: string; to: string }) => Promise<void> }) {
  const empty = { from: "", to: "", kind: "closure" as ClosureKind, label: "" };
  const [form, setForm] = useState(empty);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="cal-add-heading">
      <h2 id="cal-add-heading">Close the school on a day or days</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const to = form.to || form.from;
          void props.run(async () => {
            const r = await api<ClosuresSaved>("POST", "/api/calendar", {
              ranges: [{ from: form.from, to, kind: form.kind, label: form.label.trim() || undefined }],
            });
            const when = to === form.from ? longDate(form.from) : `${longDate(form.from)} to ${longDate(to)}`;
            const text =
              r.days === 0
                ? `${when}: only weekend days, which are never school days; nothing was added.`
                : `${when}: ${r.days === 1 ? "1 weekday" : `${r.days} weekdays`} marked as ${kindLabel(form.kind).toLowerCase()}${form.label.trim() ? ` (${form.label.trim()})` : ""}${r.changed < r.days ? `; ${r.days - r.changed} already were` : ""}.`;
            setForm(empty);
            await props.onAdded({ from: form.from, to });
            return text;
          });
        }}
      >
        <div className="filters">
          <div>
            <label htmlFor="cal-from">First day</label>
            <input id="cal-from" type="date" required value={form.from} onChange={set("from")} />
          </div>
          <div>
            <label htmlFor="cal-to">Last day (leave empty for one day)</label>
            <input id="cal-to" type="date" min={form.from || undefined} value={form.to} onChange={set("to")} />
          </div>
        </div>
        <label htmlFor="cal-kind">Kind</label>
        <select id="cal-kind" value={form.kind} onChange={set("kind")}>
          {(Object.keys(KIND_LABELS) as ClosureKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor="cal-label">Label (for example &quot;Polling day&quot;)</label>
        <input id="cal-label" maxLength={200} value={form.label} onChange={set("label")} />
        <button type="submit">Add to the calendar</button>
      </form>
    </section>
  );
}
