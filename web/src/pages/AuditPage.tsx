import { useState } from "react";
import type { PageProps } from "../App";
import { useApi } from "../useApi";
import type { AuditEvents } from "../../../src/contracts/audit";


export function AuditPage(_: PageProps) {
  const [filter, setFilter] = useState({ entity: "", action: "", actor: "", from: "", to: "" });
  const [applied, setApplied] = useState(filter);
  const query = new URLSearchParams(Object.entries(applied).filter(([, v]) => v) as [string, string][]).toString();
  const { data, error } = useApi<AuditEvents>(`/api/audit${query ? `?${query}` : ""}`);
  const set = (k: keyof typeof filter) => (e: React.ChangeEvent<HTMLInputElement>) => setFilter({ ...filter, [k]: e.target.value });
  return (
    <>
      <h1>Audit trail</h1>
      <p className="muted">Every change in this school, newest first. Entries cannot be edited or deleted.</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filter);
        }}
      >
        <div>
          <label htmlFor="f-actor">By</label>
          <input id="f-actor" value={filter.actor} onChange={set("actor")} />
        </div>
        <div>
          <label htmlFor="f-entity">Record type</label>
          <input id="f-entity" value={filter.entity} onChange={set("entity")} placeholder="e.g. user" />
        </div>
        <div>
          <label htmlFor="f-action">Action</label>
          <input id="f-action" value={filter.action} onChange={set("action")} placeholder="e.g. login" />
        </div>
        <div>
          <label htmlFor="f-from">From</label>
          <input id="f-from" type="date" value={filter.from} onChange={set("from")} />
        </div>
        <div>
          <label htmlFor="f-to">To</label>
          <input id="f-to" type="date" value={filter.to} onChange={set("to")} />
        </div>
        <button type="submit">Filter</button>
      </form>
      {error && <p role="alert">{error}</p>}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {(data?.events ?? []).map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString("en-GB", { timeZone: "Europe/London" })}</td>
                <td>{e.actorName}</td>
                <td>{e.action}</td>
                <td>{e.entity}</td>
                <td>
                  {e.before || e.after ? (
                    <details>
                      <summary>Show</summary>
                      <pre>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                    </details>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data && data.events.length === 0 && <p>No events match.</p>}
    </>
  );
}
