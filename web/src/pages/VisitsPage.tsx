import { useState } from "react";
import type { PageProps } from "../App";
import { ROLE_LABELS } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";
import { attendanceText, MarksList, ParentList } from "../visits/family";
import { useSubmit } from "../visits/Feedback";
import { clockTime, dayAndTime, longDate, londonToday, names, purposeLabel, stateLabel } from "../visits/format";
import { send } from "../visits/request";
import { canApprove, canCasework, canPropose } from "../visits/roles";
import { VISIT_STATES, type VisitState, type VisitView } from "../visits/types";
import "../visits/visits.css";
import type { VisitList } from "../../../src/contracts/visits";

interface Filter {
  state: VisitState | "";
  from: string;
  to: string;
}

function query(f: Filter): string {
  const q = new URLSearchParams();
  if (f.state) q.set("state", f.state);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  return q.toString();
}

export function VisitsPage({ session }: PageProps) {
  const [filter, setFilter] = useState<Filter>({ state: "proposed", from: "", to: "" });
  const q = query(filter);
  const { data, error, reload } = useApi<VisitList>(`/api/visits${q ? `?${q}` : ""}`);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const visits = data?.visits ?? [];
  const shownSelected = visits.filter((v) => selected.has(v.id));
  const approver = canApprove(session);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const listHref = shownSelected.length ? `/api/visits/list.pdf?ids=${shownSelected.map((v) => v.id).join(",")}` : `/api/visits/list.pdf${q ? `?${q}` : ""}`;

  return (
    <>
      <h1>Visits</h1>
      {canPropose(session) && (
        <p>
          A visit is proposed from an action on <Link to="/today">Today</Link>, or by hand with &ldquo;Propose a visit&rdquo; on the child&rsquo;s page (<Link to="/pupils">Pupils</Link>).
        </p>
      )}
      <form
        className="filters"
        aria-label="Filter visits"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setSelected(new Set());
          setFilter({ state: (f.get("state") as VisitState | "") ?? "", from: (f.get("from") as string) ?? "", to: (f.get("to") as string) ?? "" });
        }}
      >
        <div>
          <label htmlFor="visits-state">State</label>
          <select id="visits-state" name="state" defaultValue={filter.state}>
            {VISIT_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
            <option value="">Any state</option>
          </select>
        </div>
        <div>
          <label htmlFor="visits-from">From date</label>
          <input id="visits-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div>
          <label htmlFor="visits-to">To date</label>
          <input id="visits-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <button type="submit" className="secondary">
          Show visits
        </button>
      </form>

      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && (
        <p role="status">
          {visits.length === 0
            ? `No visits ${filter.state ? `are ${stateLabel(filter.state).toLowerCase()}` : "match"}${filter.from || filter.to ? " in these dates" : ""}.`
            : `${visits.length} visit${visits.length === 1 ? "" : "s"} ${filter.state ? stateLabel(filter.state).toLowerCase() : "in any state"}${shownSelected.length ? `; ${shownSelected.length} selected` : ""}.`}
        </p>
      )}

      <div className="visit-toolbar">
        <a href={listHref} target="_blank" rel="noopener">
          Print the list (PDF)<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <span className="muted">{shownSelected.length ? `(the ${shownSelected.length} selected visit${shownSelected.length === 1 ? "" : "s"})` : "(every visit shown)"}</span>
      </div>
      {canCasework(session) && <CalledCards />}

      {visits.length > 0 && (
        <label className="inline">
          <input
            type="checkbox"
            checked={shownSelected.length === visits.length}
            onChange={(e) => setSelected(e.currentTarget.checked ? new Set(visits.map((v) => v.id)) : new Set())}
          />
          {visits.length === 1 ? "Select the 1 visit shown" : `Select all ${visits.length} visits shown`}
        </label>
      )}

      <ol className="visit-list">
        {visits.map((v) => (
          <VisitCard key={v.id} visit={v} selected={selected.has(v.id)} onSelect={(on) => toggle(v.id, on)} />
        ))}
      </ol>

      {approver && (
        <ApproveForm
          session={session}
          visits={shownSelected}
          onDone={async () => {
            setSelected(new Set());
            await reload();
          }}
        />
      )}
    </>
  );
}

function CalledCards() {
  const [date, setDate] = useState(londonToday());
  return (
    <div className="visit-toolbar">
      <div>
        <label htmlFor="cards-date">Day of the visits for the cards</label>
        <input id="cards-date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </div>
      {date && (
        <a href={`/api/visits/called-cards.pdf?date=${date}`} target="_blank" rel="noopener">
          Cards for a day's visits (PDF)<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      )}
    </div>
  );
}

function VisitCard({ visit: v, selected, onSelect }: { visit: VisitView; selected: boolean; onSelect: (on: boolean) => void }) {
  const who = names(v.pupils.map((p) => p.name)) || "Visit";
  const headingId = `visit-${v.id}`;
  return (
    <li className="visit-card" aria-labelledby={headingId}>
      <label className="inline visit-select">
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} />
        Select the visit to {who} on {longDate(v.day)}
      </label>
      <h2 id={headingId}>
        <Link to={`/visits/${v.id}`}>{who}</Link>
      </h2>
      <p>
        {purposeLabel(v.purpose)} on <strong>{longDate(v.day)}</strong>
        {v.startsAt ? ` at ${clockTime(v.startsAt)}` : ""} · <span className={`visit-state visit-state-${v.state}`}>{stateLabel(v.state)}</span>
      </p>
      <p className="visit-address">{v.address ?? "Address not recorded"}</p>
      <p>
        Team: {v.team.length ? v.team.map((t) => `${t.staff.name}${t.driver ? " (driving)" : ""}`).join(", ") : <span className="muted">not chosen yet</span>}
      </p>
      {v.approval && (
        <p>
          Approved and signed by {v.approval.signedName} ({ROLE_LABELS[v.approval.role as keyof typeof ROLE_LABELS] ?? v.approval.role}) on {dayAndTime(v.approval.signedAt)}
          {v.approval.current ? "" : ": changed since, needs approval again"}
        </p>
      )}
      {v.pupils.map((p) => (
        <div key={p.id} className="visit-pupil">
          <h3>
            {p.name} <span className="muted">({p.yearClass ?? "class not recorded"})</span>
          </h3>
          <p>{attendanceText(p.attendance)}</p>
          <MarksList pupil={p} />
          <ParentList parents={p.parents} />
        </div>
      ))}
    </li>
  );
}

function ApproveForm({ session, visits, onDone }: { session: PageProps["session"]; visits: VisitView[]; onDone: () => Promise<void> }) {
  const [name, setName] = useState("");
  const { run, view, fail, busy } = useSubmit(onDone);
  return (
    <section className="visit-approve" aria-labelledby="approve-heading">
      <h2 id="approve-heading">Approve and sign</h2>
      <p>
        {visits.length === 0
          ? "Select the visits to approve above."
          : `You are approving ${visits.length} visit${visits.length === 1 ? "" : "s"}: ${visits.map((v) => names(v.pupils.map((p) => p.name))).join("; ")}.`}{" "}
        Your typed name, your account and the time are recorded with the approval.
      </p>
      {view}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (visits.length === 0) {
            fail("Select at least one visit to approve.");
            return;
          }
          if (!name.trim()) {
            fail("Type your full name to sign the approval.");
            return;
          }
          const count = visits.length;
          void run(
            () => send<{ approved: number; listId: string | null }>(session, "POST", "/api/visits/approve", { visitIds: visits.map((v) => v.id), signedName: name }),
            (r) => `${r.approved} visit${r.approved === 1 ? "" : "s"} approved and signed by ${name.trim()}.${count > 1 ? " They are now on the approved list." : ""}`,
          ).then((r) => {
            if (r) setName("");
          });
        }}
      >
        <label htmlFor="approve-name">Type your full name to sign</label>
        <input id="approve-name" autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          Approve and sign
        </button>
      </form>
    </section>
  );
}
