import type { PageProps } from "../App";
import { Link } from "../router";
import { useApi } from "../useApi";
import { CalendarFeed } from "../visits/CalendarFeed";
import { clockTime, londonDay, londonToday, longDate, names, purposeLabel, stateLabel } from "../visits/format";
import { canUseField } from "../visits/roles";
import { isFinal, type VisitView } from "../visits/types";
import "../visits/visits.css";
import type { VisitList } from "../../../src/contracts/visits";

/** The day a visit falls on in UK time: its start if it has one, else its planned day. */
const dayOf = (v: VisitView) => (v.startsAt ? londonDay(v.startsAt) : v.day);

function byDay(visits: VisitView[]) {
  const days = new Map<string, VisitView[]>();
  for (const v of [...visits].sort((a, b) => (dayOf(a) + (a.startsAt ?? "") < dayOf(b) + (b.startsAt ?? "") ? -1 : 1))) {
    const d = dayOf(v);
    days.set(d, [...(days.get(d) ?? []), v]);
  }
  return [...days];
}

export function MyVisitsPage({ session }: PageProps) {
  const { data, error } = useApi<VisitList>("/api/visits?mine=true");
  const today = londonToday();
  const visits = data?.visits ?? [];
  const coming = visits.filter((v) => dayOf(v) >= today && v.state !== "cancelled");
  const earlier = visits.filter((v) => !coming.includes(v));
  const field = canUseField(session);

  return (
    <>
      <h1>My visits</h1>
      <p>The home visits you are on the team for, by day (UK time).</p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && coming.length === 0 && <p>You have no visits coming up.</p>}
      <Days days={byDay(coming)} field={field} />
      {earlier.length > 0 && (
        <details>
          <summary>Earlier and cancelled visits ({earlier.length})</summary>
          <Days days={byDay(earlier).reverse()} field={false} />
        </details>
      )}
      <CalendarFeed session={session} />
    </>
  );
}

function Days({ days, field }: { days: [string, VisitView[]][]; field: boolean }) {
  return (
    <>
      {days.map(([day, list]) => (
        <section key={day} className="my-day" aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{longDate(day)}</h2>
          <ul className="visit-list">
            {list.map((v) => {
              const who = names(v.pupils.map((p) => p.name)) || "the family";
              return (
                <li key={v.id} className="visit-card">
                  <p>
                    <strong>{v.startsAt ? clockTime(v.startsAt) : "Time not set"}</strong>
                    {v.expectedBackAt ? `, back by ${clockTime(v.expectedBackAt)}` : ""} · {purposeLabel(v.purpose)} ·{" "}
                    <span className={`visit-state visit-state-${v.state}`}>{stateLabel(v.state)}</span>
                  </p>
                  <p className="visit-address">{v.address ?? "Address not recorded"}</p>
                  <p className="visit-toolbar">
                    <Link to={`/visits/${v.id}`}>
                      Visit to {who}
                    </Link>
                    {field && !isFinal(v.state) && v.state !== "proposed" && (
                      <Link to={`/field/${v.id}`}>
                        Field view<span className="visually-hidden"> for the visit to {who}</span>
                      </Link>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
