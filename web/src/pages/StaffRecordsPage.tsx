import type { PageProps } from "../App";
import { ROLE_LABELS, type Role, type SessionView } from "../api";
import { TRAINING_KINDS } from "../../../src/domain/people/staff-record";
import { useApi } from "../useApi";
import { useSubmit } from "../visits/Feedback";
import { longDate, londonToday } from "../visits/format";
import { send } from "../visits/request";
import type { StaffRecords } from "../../../src/contracts/staff";
import "../visits/visits.css";

type StaffRow = StaffRecords["records"][number];

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function StaffRecordsPage({ session }: PageProps) {
  const { data, error, reload } = useApi<StaffRecords>("/api/staff/records");
  return (
    <>
      <h1>Staff checks</h1>
      <p>Phones, enhanced DBS certificates, barred list checks, training and vehicles of the staff who make home visits. The policy's team checks read these records.</p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && (
        <section className="staff-expiring" aria-labelledby="expiring-heading">
          <h2 id="expiring-heading">Running out within 30 days</h2>
          {data.expiringSoon.length === 0 ? (
            <p>Nothing runs out in the next 30 days.</p>
          ) : (
            <ul>
              {data.expiringSoon.map((x, i) => (
                <li key={`${x.userId}-${x.what}-${i}`}>
                  <a href={`#staff-${x.userId}`}>{x.name}</a>: {x.what}, {x.expiresOn < londonToday() ? "ran out on" : "runs out on"} {longDate(x.expiresOn)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {data?.records.map((r) => (
        <StaffRecordCard key={r.userId} record={r} session={session} onChange={reload} />
      ))}
    </>
  );
}

function StaffRecordCard({ record: r, session, onChange }: { record: StaffRow; session: SessionView; onChange: () => Promise<void> }) {
  const id = `staff-${r.userId}`;
  return (
    <section className="staff-record" id={id} aria-labelledby={`${id}-heading`} tabIndex={-1}>
      <h2 id={`${id}-heading`}>{r.name}</h2>
      <p className="muted">
        {r.roles.map((x) => ROLE_LABELS[x as Role] ?? x).join(", ")} · {r.email}
      </p>
      <dl className="facts">
        <dt>Mobile</dt>
        <dd>{r.mobile ?? <span className="muted">not recorded</span>}</dd>
        <dt>Enhanced DBS</dt>
        <dd>{r.dbs ? `${r.dbs.number}, issued ${longDate(r.dbs.issuedOn)}` : <span className="muted">not recorded</span>}</dd>
        <dt>Barred list check</dt>
        <dd>{r.barredListCheckedOn ? longDate(r.barredListCheckedOn) : <span className="muted">not recorded</span>}</dd>
        <dt>Vehicle</dt>
        <dd>
          {r.vehicle ? (
            `${r.vehicle.colour} ${r.vehicle.make} ${r.vehicle.model}, ${r.vehicle.registration}; ${r.vehicle.insuranceExpiresOn ? `insured until ${longDate(r.vehicle.insuranceExpiresOn)}` : "insurance not recorded"}`
          ) : (
            <span className="muted">not recorded</span>
          )}
        </dd>
      </dl>
      {r.training.length === 0 ? (
        <p>No training recorded.</p>
      ) : (
        <table>
          <caption>Training of {r.name}</caption>
          <thead>
            <tr>
              <th scope="col">Training</th>
              <th scope="col">Completed</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {r.training.map((t, i) => (
              <tr key={`${t.kind}-${t.completedOn}-${i}`}>
                <th scope="row">{sentence(t.kind)}</th>
                <td>{longDate(t.completedOn)}</td>
                <td>{t.expiresOn ? longDate(t.expiresOn) : "Does not expire"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ChecksForm record={r} session={session} onChange={onChange} />
      <TrainingForm record={r} session={session} onChange={onChange} />
      <VehicleForm record={r} session={session} onChange={onChange} />
    </section>
  );
}

type FormProps = { record: StaffRow; session: SessionView; onChange: () => Promise<void> };
const orNull = (v: FormDataEntryValue | null) => {
  const s = typeof v === "string" ? v.trim() : "";
  return s === "" ? null : s;
};

function ChecksForm({ record: r, session, onChange }: FormProps) {
  const { run, view, busy } = useSubmit(onChange);
  const id = `checks-${r.userId}`;
  return (
    <details>
      <summary>Phone, DBS and barred list check<span className="visually-hidden"> for {r.name}</span></summary>
      {view}
      <form
        className="visit-form"
        key={`${r.mobile}|${r.dbs?.number}|${r.dbs?.issuedOn}|${r.barredListCheckedOn}`}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void run(
            () =>
              send(session, "PUT", `/api/staff/${r.userId}/checks`, {
                mobile: orNull(f.get("mobile")),
                dbsNumber: orNull(f.get("dbsNumber"))?.replace(/\s+/g, "") ?? null,
                dbsIssuedOn: orNull(f.get("dbsIssuedOn")),
                barredListCheckedOn: orNull(f.get("barredListCheckedOn")),
              }),
            `Checks saved for ${r.name}.`,
          );
        }}
      >
        <label htmlFor={`${id}-mobile`}>Mobile phone carried on visits</label>
        <input id={`${id}-mobile`} name="mobile" type="tel" autoComplete="off" defaultValue={r.mobile ?? ""} />
        <label htmlFor={`${id}-dbs`}>Enhanced DBS certificate number</label>
        <p className="hint" id={`${id}-dbs-hint`}>
          12 digits, as printed on the certificate.
        </p>
        <input id={`${id}-dbs`} name="dbsNumber" inputMode="numeric" autoComplete="off" aria-describedby={`${id}-dbs-hint`} defaultValue={r.dbs?.number ?? ""} />
        <label htmlFor={`${id}-dbs-date`}>DBS certificate issued on</label>
        <input id={`${id}-dbs-date`} name="dbsIssuedOn" type="date" defaultValue={r.dbs?.issuedOn ?? ""} />
        <label htmlFor={`${id}-barred`}>Barred list checked on</label>
        <input id={`${id}-barred`} name="barredListCheckedOn" type="date" defaultValue={r.barredListCheckedOn ?? ""} />
        <button type="submit" disabled={busy}>
          Save checks<span className="visually-hidden"> for {r.name}</span>
        </button>
      </form>
    </details>
  );
}

function TrainingForm({ record: r, session, onChange }: FormProps) {
  const { run, view, busy } = useSubmit(onChange);
  const id = `training-${r.userId}`;
  return (
    <details>
      <summary>Add training<span className="visually-hidden"> for {r.name}</span></summary>
      {view}
      <form
        className="visit-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          const kind = String(f.get("kind") ?? "");
          void run(
            () => send(session, "POST", `/api/staff/${r.userId}/training`, { kind, completedOn: orNull(f.get("completedOn")) ?? "", expiresOn: orNull(f.get("expiresOn")) }),
            `${sentence(kind)} training recorded for ${r.name}.`,
          ).then((ok) => {
            if (ok) form.reset();
          });
        }}
      >
        <label htmlFor={`${id}-kind`}>Training</label>
        <select id={`${id}-kind`} name="kind" defaultValue="first aid">
          {TRAINING_KINDS.map((k) => (
            <option key={k} value={k}>
              {sentence(k)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-done`}>Completed on</label>
        <input id={`${id}-done`} name="completedOn" type="date" />
        <label htmlFor={`${id}-expires`}>Expires on (leave empty if it does not expire)</label>
        <input id={`${id}-expires`} name="expiresOn" type="date" />
        <button type="submit" disabled={busy}>
          Add training<span className="visually-hidden"> for {r.name}</span>
        </button>
      </form>
    </details>
  );
}

function VehicleForm({ record: r, session, onChange }: FormProps) {
  const { run, view, busy } = useSubmit(onChange);
  const id = `vehicle-${r.userId}`;
  const v = r.vehicle;
  return (
    <details>
      <summary>Vehicle used for visits<span className="visually-hidden"> by {r.name}</span></summary>
      {view}
      <form
        className="visit-form"
        key={JSON.stringify(v)}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void run(
            () =>
              send(session, "PUT", `/api/staff/${r.userId}/vehicle`, {
                make: String(f.get("make") ?? "").trim(),
                model: String(f.get("model") ?? "").trim(),
                registration: String(f.get("registration") ?? "").trim(),
                colour: String(f.get("colour") ?? "").trim(),
                insuranceExpiresOn: orNull(f.get("insuranceExpiresOn")),
              }),
            `Vehicle saved for ${r.name}.`,
          );
        }}
      >
        <label htmlFor={`${id}-make`}>Make</label>
        <input id={`${id}-make`} name="make" defaultValue={v?.make ?? ""} />
        <label htmlFor={`${id}-model`}>Model</label>
        <input id={`${id}-model`} name="model" defaultValue={v?.model ?? ""} />
        <label htmlFor={`${id}-reg`}>Registration</label>
        <input id={`${id}-reg`} name="registration" autoCapitalize="characters" defaultValue={v?.registration ?? ""} />
        <label htmlFor={`${id}-colour`}>Colour</label>
        <input id={`${id}-colour`} name="colour" defaultValue={v?.colour ?? ""} />
        <label htmlFor={`${id}-ins`}>Insurance (business use) expires on</label>
        <input id={`${id}-ins`} name="insuranceExpiresOn" type="date" defaultValue={v?.insuranceExpiresOn ?? ""} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save vehicle<span className="visually-hidden"> for {r.name}</span>
          </button>
          {v && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => send(session, "PUT", `/api/staff/${r.userId}/vehicle`, null), `Vehicle removed for ${r.name}.`)}>
              Remove the vehicle<span className="visually-hidden"> of {r.name}</span>
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
