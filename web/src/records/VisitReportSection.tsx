/**
 * After the visit (coteford Appendix 2): the visit report, written once and
 * never edited (an addendum adds to it), the agreement made with the parent,
 * the "We called today" card left at the door, and an incident or near miss.
 *
 * Mount it with the visit's id: <VisitReportSection visitId={id} />. Pass the
 * session if the page has it (it is fetched otherwise) and the heading level
 * the section starts at (2 by default).
 */
import { useId, useState } from "react";
import { api, may, ROLE_LABELS, type Role, type SessionView } from "../api";
import { useApi } from "../useApi";
import { AttendanceFigures } from "./AttendanceFigures";
import { AgreementForm } from "./AgreementForm";
import { CalledCardButton } from "./CalledCardButton";
import { IncidentForm } from "./IncidentForm";
import { VisitRecordForm } from "./VisitRecordForm";
import { VisitRecordList } from "./VisitRecordList";
import { ExternalReference } from "./ExternalReference";
import { ErrorSummary, H, Status, type Problem } from "./forms";
import { useForm } from "../useForm";
import { dateTime, label, longDate, OUTCOME_LABELS, todayIso, VISIT_STATE_LABELS } from "./labels";
import type { Outcome, VisitReport, VisitSummary } from "./types";
import { isReferrer, readsEveryReport } from "../visits/roles";
import "./records.css";
import type { VisitRecords, VisitReportReply } from "../../../src/contracts/records";

const BEFORE_THE_VISIT = new Set(["proposed", "approved", "planned"]);

export interface VisitReportSectionProps {
  visitId: string;
  session?: SessionView;
  /** The level of the section's own heading; its parts use the next level. */
  headingLevel?: number;
  /** Called after anything is saved, e.g. to reload the page around it. */
  onChange?: () => void | Promise<void>;
}

export function VisitReportSection({ visitId, session, headingLevel = 2, onChange }: VisitReportSectionProps) {
  const id = useId();
  const fetchedSession = useApi<SessionView>(session ? null : "/api/session");
  const me = session ?? fetchedSession.data;
  // Reports are casework (GET/POST /api/visits/:id/report): other roles that can open a visit see nothing here.
  const allowed = !!me && may(me, "POST /api/visits/:visitId/report");
  const visit = useApi<VisitSummary>(allowed ? `/api/visits/${visitId}` : null);
  // The report is the team's (and senior staff's): the office watching a visit it is not on sees none of it.
  const onTeam = !!visit.data && !!me && visit.data.team.some((t) => t.staff.userId === me.user.id);
  const readsReport = allowed && !!me && (readsEveryReport(me) || onTeam);
  const report = useApi<VisitReportReply>(readsReport ? `/api/visits/${visitId}/report` : null);
  // Only the records routed to the caller's roles come back (need-to-know).
  const records = useApi<VisitRecords>(allowed && me && may(me, "GET /api/visit-records") ? `/api/visit-records?visitId=${visitId}` : null);
  const changed = async () => {
    await Promise.all([report.reload(), visit.reload(), records.data ? records.reload() : undefined]);
    await onChange?.();
  };
  const sub = headingLevel + 1;
  const [notice, setNotice] = useState<string | null>(null);
  if (me && !allowed) return null;
  if (visit.data && !readsReport) return null;

  return (
    <section className="rec-section" aria-labelledby={`${id}-h`}>
      <H level={headingLevel} id={`${id}-h`}>
        Visit report
      </H>
      {(visit.error || report.error) && (
        <p role="alert" className="error-summary">
          {visit.error ?? report.error}
        </p>
      )}
      <Status>{notice}</Status>
      {(!visit.data || !report.data) && !visit.error && !report.error && <p>Loading…</p>}
      {visit.data && report.data && (
        <>
          {report.data.report ? (
            <>
              <ReportView report={report.data.report} level={sub} />
              {me && isReferrer(me) && <ExternalReference entity="visit_report" entityId={report.data.report.id} current={report.data.report.externalRef} what="this visit report" onDone={changed} />}
              <Addenda visitId={visitId} report={report.data.report} level={sub} onDone={changed} />
            </>
          ) : BEFORE_THE_VISIT.has(visit.data.state) ? (
            <p className="notice">
              The report is written once the visit has happened. This visit is {label(VISIT_STATE_LABELS, visit.data.state)}.
            </p>
          ) : (
            <ReportForm
              visit={visit.data}
              completedBy={me ? { name: me.user.name, roles: me.roles } : null}
              onDone={async () => {
                setNotice("Report submitted. It is on the record and cannot be edited; add an addendum if something needs adding.");
                await changed();
              }}
            />
          )}
          <H level={sub}>Agreement with the parent</H>
          <AgreementForm visit={visit.data} onDone={changed} />
          <H level={sub}>&ldquo;We called today&rdquo; card</H>
          <CalledCardButton visit={visit.data} onDone={changed} />
          <H level={sub}>Incident or near miss</H>
          {visit.data.dangerReport && visit.data.dangerReport.outstanding > 0 && (
            <p className="notice" role="status">
              <strong>A full report is needed</strong> of the immediate danger on this visit <span className="clause">{visit.data.dangerReport.clause}</span>: report it here as an
              incident.
            </p>
          )}
          <IncidentForm visitId={visitId} onDone={changed} />
          <H level={sub}>Multi-agency checks, alternative venues and other records</H>
          {records.data && <VisitRecordList records={records.data.records} empty="No records tied to this visit have been sent to you." />}
          <VisitRecordForm visitId={visitId} staff={visit.data.team.map((t) => t.staff)} pupils={visit.data.pupils.map((p) => ({ id: p.id, name: p.name }))} onDone={() => void changed()} />
        </>
      )}
    </section>
  );
}

interface ChildAnswer {
  seen: "" | "yes" | "no";
  outcome: Outcome | "";
}

function ReportForm({ visit, completedBy, onDone }: { visit: VisitSummary; completedBy: { name: string; roles: Role[] } | null; onDone: () => Promise<void> }) {
  const id = useId();
  const fieldIds = {
    reason: `${id}-reason`,
    peoplePresent: `${id}-people`,
    summary: `${id}-summary`,
    actionsAgreed: `${id}-agreed`,
    followUpActions: `${id}-follow`,
    children: `${id}-child-0-yes`,
  };
  const { problems, setProblems, status, busy, run } = useForm({ fields: fieldIds });
  const [text, setText] = useState({ reason: "", peoplePresent: "", summary: "", actionsAgreed: "", followUpActions: "" });
  const [children, setChildren] = useState<Record<string, ChildAnswer>>(() => Object.fromEntries(visit.pupils.map((p) => [p.id, { seen: "", outcome: "" }])));
  const setChild = (pupilId: string, change: Partial<ChildAnswer>) =>
    setChildren((all) => {
      const next = { ...all[pupilId]!, ...change };
      if (next.seen === "yes") next.outcome = "child_seen";
      else if (change.seen === "no" && next.outcome === "child_seen") next.outcome = "";
      return { ...all, [pupilId]: next };
    });

  const submit = () => {
    const missing: Problem[] = [];
    if (!text.reason.trim()) missing.push({ id: fieldIds.reason, message: "Enter the reason for the visit" });
    if (!text.peoplePresent.trim()) missing.push({ id: fieldIds.peoplePresent, message: "Enter who was present at the home" });
    if (!text.summary.trim()) missing.push({ id: fieldIds.summary, message: "Enter a summary of the discussion" });
    visit.pupils.forEach((p, i) => {
      const c = children[p.id]!;
      if (!c.seen) missing.push({ id: `${id}-child-${i}-yes`, message: `Say whether ${p.name} was seen` });
      else if (!c.outcome) missing.push({ id: `${id}-child-${i}-outcome`, message: `Choose the outcome for ${p.name}` });
    });
    if (missing.length) {
      setProblems(missing);
      return;
    }
    void run(async () => {
      await api("POST", `/api/visits/${visit.id}/report`, {
        ...text,
        children: visit.pupils.map((p) => ({ pupilId: p.id, seen: children[p.id]!.seen === "yes", outcome: children[p.id]!.outcome })),
      });
      await onDone();
      return null;
    });
  };

  const area = (key: keyof typeof text, labelText: string, hint?: string, rows = 3) => (
    <>
      <label htmlFor={fieldIds[key]}>{labelText}</label>
      {hint && (
        <p className="rec-hint" id={`${fieldIds[key]}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={fieldIds[key]} rows={rows} value={text[key]} aria-describedby={hint ? `${fieldIds[key]}-hint` : undefined} onChange={(e) => setText({ ...text, [key]: e.target.value })} />
    </>
  );

  return (
    <form
      className="rec-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ErrorSummary problems={problems} />
      <p className="muted">Factual and dated: write what was seen and said. Once submitted, the report cannot be edited.</p>
      {area("reason", "Reason for visit")}
      {area("peoplePresent", "People present at the home", "Names and relationship to the child, e.g. \u201cMother (Rukhsana Begum), Muhammad\u201d.")}
      {area("summary", "Summary of discussion", undefined, 6)}
      {area("actionsAgreed", "Actions agreed")}
      {area("followUpActions", "Follow-up actions")}

      {visit.pupils.map((p, i) => {
        const c = children[p.id]!;
        return (
          <fieldset key={p.id} className="rec-child">
            <legend>{p.name}</legend>
            <fieldset>
              <legend>Was {p.name} seen?</legend>
              <label className="inline">
                <input type="radio" id={`${id}-child-${i}-yes`} name={`${id}-seen-${i}`} checked={c.seen === "yes"} onChange={() => setChild(p.id, { seen: "yes" })} /> Yes
              </label>
              <label className="inline">
                <input type="radio" name={`${id}-seen-${i}`} checked={c.seen === "no"} onChange={() => setChild(p.id, { seen: "no" })} /> No
              </label>
            </fieldset>
            <label htmlFor={`${id}-child-${i}-outcome`}>Outcome for {p.name}</label>
            {c.seen === "yes" && (
              <p className="rec-hint" id={`${id}-child-${i}-outcome-hint`}>
                A child who was seen has the outcome &ldquo;Child seen&rdquo;.
              </p>
            )}
            <select
              id={`${id}-child-${i}-outcome`}
              value={c.outcome}
              disabled={c.seen === "yes"}
              aria-describedby={c.seen === "yes" ? `${id}-child-${i}-outcome-hint` : undefined}
              onChange={(e) => setChild(p.id, { outcome: e.target.value as Outcome })}
            >
              <option value="">Choose the outcome</option>
              {(["child_seen", "parent_seen_child_not_seen", "no_contact", "cancelled"] as const)
                .filter((o) => c.seen !== "no" || o !== "child_seen")
                .map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_LABELS[o]}
                  </option>
                ))}
            </select>
            <p className="rec-subhead">Attendance (filled in from the register, not typed)</p>
            <AttendanceFigures a={p.attendance} />
          </fieldset>
        );
      })}

      <dl className="facts rec-completed">
        <dt>Completed by</dt>
        <dd>{completedBy ? `${completedBy.name} (${completedBy.roles.map((r) => ROLE_LABELS[r]).join(", ")})` : "You"}</dd>
        <dt>Date</dt>
        <dd>{longDate(todayIso())}</dd>
      </dl>
      <button type="submit" disabled={busy}>
        Submit the report
      </button>
      <Status>{status}</Status>
    </form>
  );
}

function ReportView({ report, level }: { report: VisitReport; level: number }) {
  return (
    <div className="rec-report">
      <p className="notice">This report cannot be edited; add an addendum.</p>
      <dl className="facts">
        <dt>Reason for visit</dt>
        <dd className="rec-pre">{report.reason}</dd>
        <dt>People present</dt>
        <dd className="rec-pre">{report.peoplePresent}</dd>
        <dt>Staff present</dt>
        <dd>{report.staffPresent.join(", ") || "Not recorded"}</dd>
        <dt>Summary of discussion</dt>
        <dd className="rec-pre">{report.summary}</dd>
        <dt>Actions agreed</dt>
        <dd className="rec-pre">{report.actionsAgreed || "None"}</dd>
        <dt>Follow-up actions</dt>
        <dd className="rec-pre">{report.followUpActions || "None"}</dd>
        <dt>Completed by</dt>
        <dd>
          {report.completedName} ({label(ROLE_LABELS, report.completedRole)}), {longDate(report.completedOn)}
        </dd>
        <dt>Submitted</dt>
        <dd>{dateTime(report.submittedAt)}</dd>
      </dl>
      {report.children.map((c) => (
        <div key={c.pupilId} className="rec-child">
          <H level={level}>{c.name}</H>
          <dl className="facts">
            <dt>Seen</dt>
            <dd>{c.seen ? "Yes" : "No"}</dd>
            <dt>Outcome</dt>
            <dd>{label(OUTCOME_LABELS, c.outcome)}</dd>
          </dl>
          <AttendanceFigures a={c.attendance} caption="Attendance from the register when the report was written:" />
        </div>
      ))}
    </div>
  );
}

function Addenda({ visitId, report, level, onDone }: { visitId: string; report: VisitReport; level: number; onDone: () => Promise<void> }) {
  const id = useId();
  const [text, setText] = useState("");
  const { problems, setProblems, status, busy, run } = useForm({ fields: { text: `${id}-text` } });
  return (
    <div className="rec-addenda">
      <H level={level}>Addenda</H>
      {report.addenda.length === 0 ? (
        <p className="muted">No addenda yet.</p>
      ) : (
        <ol className="rec-list">
          {report.addenda.map((a) => (
            <li key={a.id}>
              <p className="rec-pre">{a.text}</p>
              <p className="muted rec-small">
                Added by {a.addedName}, {dateTime(a.addedAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) {
            setProblems([{ id: `${id}-text`, message: "Write the addendum" }]);
            return;
          }
          void run(async () => {
            await api("POST", `/api/visits/${visitId}/report/addenda`, { text });
            setText("");
            await onDone();
            return "Addendum added. The original report is kept as it was.";
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={`${id}-text`}>Addendum</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy}>
          Add the addendum
        </button>
        <Status>{status}</Status>
      </form>
    </div>
  );
}
