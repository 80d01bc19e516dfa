/**
 * The referral tracker: every step beyond the school (PNAR, CME, safeguarding
 * referral, police welfare check, penalty notice, legal proceedings), who
 * decided it, when, and what came of it. Opened from the Today page with
 * ?pupilId=…&kind=pnar&fromAction=notify_local_authority&rule=…, the form is
 * filled in for the action it answers.
 */
import { useId, useMemo, useRef, useState } from "react";
import type { PupilList, PupilSummary } from "../../../src/contracts/pupils";
import type { PageProps } from "../App";
import { api } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";
import { ErrorSummary, Status, type Problem } from "../records/forms";
import { useForm } from "../useForm";
import { ACTION_LABELS, label, longDate, REFERRAL_KIND_LABELS, REFERRAL_KINDS, REFERRAL_STATUS_LABELS, todayIso } from "../records/labels";
import type { Referral } from "../records/types";
import "../records/records.css";
import { ExternalReference } from "../records/ExternalReference";
import type { Referrals } from "../../../src/contracts/records";

interface Prefill {
  pupilId: string;
  kind: string;
  fromAction: string;
  rule: string;
  reason: string;
}

function prefillFromQuery(): Prefill {
  const q = new URLSearchParams(location.search);
  const kind = q.get("kind") ?? "";
  return {
    pupilId: q.get("pupilId") ?? "",
    kind: REFERRAL_KINDS.includes(kind) ? kind : "",
    fromAction: q.get("fromAction") && ACTION_LABELS[q.get("fromAction")!] ? q.get("fromAction")! : "",
    rule: q.get("rule") ?? "",
    reason: q.get("reason") ?? "",
  };
}

export function ReferralsPage(_: PageProps) {
  const { data, error, reload } = useApi<Referrals>("/api/referrals");
  const pupils = useApi<PupilList>("/api/pupils");
  const [show, setShow] = useState<"open" | "all">("all");
  const list = (data?.referrals ?? []).filter((r) => show === "all" || r.status !== "closed");
  // Opened from the Today list to record one: the form comes first.
  const [prefilled] = useState(() => new URLSearchParams(location.search).has("pupilId"));
  const form = <NewReferral pupils={pupils.data?.pupils ?? []} onDone={reload} />;

  return (
    <>
      <h1>Referrals</h1>
      <p>Steps beyond the school, with who decided each, when, and the outcome.</p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {prefilled && form}
      <h2>Tracker</h2>
      {data && (
        <fieldset className="filters">
          <legend>Show</legend>
          <label className="inline">
            <input type="radio" name="referral-show" checked={show === "all"} onChange={() => setShow("all")} /> All ({data.referrals.length})
          </label>
          <label className="inline">
            <input type="radio" name="referral-show" checked={show === "open"} onChange={() => setShow("open")} /> Not closed ({data.referrals.filter((r) => r.status !== "closed").length})
          </label>
        </fieldset>
      )}
      {data && list.length === 0 && <p>No referrals {show === "open" ? "are open" : "have been recorded"}.</p>}
      {list.length > 0 && (
        <div className="table-wrap rec-table-wrap">
          <table className="rec-table">
            <caption>Referrals and notifications, most recent first</caption>
            <thead>
              <tr>
                <th scope="col">Pupil</th>
                <th scope="col">Kind</th>
                <th scope="col">Opened on</th>
                <th scope="col">Decided by</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <ReferralRow key={r.id} referral={r} onDone={reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!prefilled && form}
    </>
  );
}

function NewReferral({ pupils, onDone }: { pupils: PupilSummary[]; onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { pupilId: `${id}-pupil`, kind: `${id}-kind`, reason: `${id}-reason`, openedOn: `${id}-opened` };
  const { problems, setProblems, status, busy, run } = useForm({ fields: ids });
  const initial = useRef(prefillFromQuery()).current;
  const [prefill, setPrefill] = useState(initial);
  const [pupilId, setPupilId] = useState(initial.pupilId);
  const [kind, setKind] = useState(initial.kind);
  const [reason, setReason] = useState(initial.reason);
  const [openedOn, setOpenedOn] = useState(todayIso);
  const sorted = useMemo(() => [...pupils].sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, "en-GB")), [pupils]);
  const fromToday = prefill.fromAction !== "";
  const child = pupils.find((p) => p.id === pupilId);

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Record a referral</h2>
      {fromToday && (
        <p className="notice">
          From the Today list: this answers &ldquo;{label(ACTION_LABELS, prefill.fromAction)}&rdquo;{child ? ` for ${child.firstName} ${child.lastName}` : ""}
          {prefill.rule ? ` (${prefill.rule})` : ""}. Once it is recorded, the action leaves the list.
        </p>
      )}
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const missing: Problem[] = [];
          if (!pupilId) missing.push({ id: ids.pupilId, message: "Choose the pupil" });
          if (!kind) missing.push({ id: ids.kind, message: "Choose the kind of referral" });
          if (!reason.trim()) missing.push({ id: ids.reason, message: "Enter the reason for the decision" });
          if (missing.length) return setProblems(missing);
          void run(async () => {
            await api("POST", "/api/referrals", {
              pupilId,
              kind,
              reason,
              openedOn: openedOn || undefined,
              fromAction: prefill.fromAction || undefined,
              rule: prefill.rule || undefined,
            });
            const who = child ? `${child.firstName} ${child.lastName}` : "the pupil";
            setReason("");
            setPrefill({ pupilId: "", kind: "", fromAction: "", rule: "", reason: "" });
            if (location.search) history.replaceState(null, "", "/referrals");
            await onDone();
            return `${label(REFERRAL_KIND_LABELS, kind)} recorded for ${who}.`;
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={ids.pupilId}>Pupil</label>
        <select id={ids.pupilId} value={pupilId} onChange={(e) => setPupilId(e.target.value)}>
          <option value="">Choose a pupil</option>
          {sorted.map((p) => (
            <option key={p.id} value={p.id}>
              {p.lastName}, {p.firstName} ({p.upn})
            </option>
          ))}
        </select>
        <label htmlFor={ids.kind}>Kind</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">Choose the kind</option>
          {REFERRAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {REFERRAL_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.reason}>Reason for the decision</label>
        <textarea id={ids.reason} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        <label htmlFor={ids.openedOn}>Opened on</label>
        <input id={ids.openedOn} type="date" max={todayIso()} value={openedOn} onChange={(e) => setOpenedOn(e.target.value)} />
        <button type="submit" disabled={busy}>
          Record the referral
        </button>
        <Status>{status}</Status>
      </form>
    </section>
  );
}

function ReferralRow({ referral: r, onDone }: { referral: Referral; onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { status: `${id}-status`, outcome: `${id}-outcome`, outcomeOn: `${id}-on` };
  const { problems, status, busy, run } = useForm({ fields: ids });
  const [state, setState] = useState(r.status);
  const [outcome, setOutcome] = useState(r.outcome ?? "");
  const [outcomeOn, setOutcomeOn] = useState(r.outcomeOn ?? "");
  return (
    <tr>
      <td>
        <Link to={`/pupils/${r.pupilId}`}>{r.pupilName}</Link>
      </td>
      <td>
        {label(REFERRAL_KIND_LABELS, r.kind)}
        {r.fromAction && (
          <span className="muted rec-small">
            <br />
            answers &ldquo;{label(ACTION_LABELS, r.fromAction)}&rdquo;{r.rule ? ` (${r.rule})` : ""}
          </span>
        )}
      </td>
      <td>{longDate(r.openedOn)}</td>
      <td>{r.decidedName}</td>
      <td className="rec-pre">{r.reason}</td>
      <td>{label(REFERRAL_STATUS_LABELS, r.status)}</td>
      <td>
        {r.outcome ? <span className="rec-pre">{r.outcome}</span> : <span className="muted">Not recorded</span>}
        {r.outcomeOn && <span className="muted rec-small"> ({longDate(r.outcomeOn)})</span>}
        <ExternalReference entity="referral" entityId={r.id} current={r.externalRef} what={`the ${label(REFERRAL_KIND_LABELS, r.kind)} for ${r.pupilName}`} onDone={onDone} />
        <details className="rec-details">
          <summary>
            Update<span className="visually-hidden"> the {label(REFERRAL_KIND_LABELS, r.kind)} for {r.pupilName}</span>
          </summary>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await api("PUT", `/api/referrals/${r.id}`, { status: state, outcome: outcome || undefined, outcomeOn: outcomeOn || undefined });
                await onDone();
                return "Saved.";
              });
            }}
          >
            <ErrorSummary problems={problems} />
            <label htmlFor={ids.status}>Status</label>
            <select id={ids.status} value={state} onChange={(e) => setState(e.target.value)}>
              {Object.entries(REFERRAL_STATUS_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            <label htmlFor={ids.outcome}>Outcome</label>
            <textarea id={ids.outcome} rows={2} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
            <label htmlFor={ids.outcomeOn}>Outcome date</label>
            <input id={ids.outcomeOn} type="date" value={outcomeOn} onChange={(e) => setOutcomeOn(e.target.value)} />
            <button type="submit" disabled={busy}>
              Save
            </button>
            <Status>{status}</Status>
          </form>
        </details>
      </td>
    </tr>
  );
}
