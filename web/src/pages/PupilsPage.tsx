import { useId, useState } from "react";
import { deliveryText } from "../records/delivery";
import type { PageProps } from "../App";
import { api, may, type SessionView } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";
import { contactWords, Replies, replyWords, SendEmail, SendText } from "./FamilyTexts";
import { AttendanceFigures } from "../records/AttendanceFigures";
import { RaiseConcernButton } from "../records/RaiseConcernButton";
import { VisitReportSection } from "../records/VisitReportSection";
import { ErrorSummary, Status, type Problem } from "../records/forms";
import { useForm } from "../useForm";
import {
  CONCERN_STATUS_LABELS,
  DOCUMENT_KIND_LABELS,
  OUTCOME_LABELS,
  PURPOSE_LABELS,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  VISIT_STATE_LABELS,
  dateTime,
  label,
  longDate,
  pdfHref,
  shortDate,
  todayIso,
} from "../records/labels";
import type { Agreement, AgreementReviewResult, PupilRecord, TimelineDay } from "../records/types";
import "../records/records.css";
import { ExternalReference } from "../records/ExternalReference";
import { AgencyChecks } from "../records/AgencyChecks";
import { canPropose, isReferrer } from "../visits/roles";
import { ProposeVisitForm } from "../records/ProposeVisitForm";
import { DeletionGroundForm } from "../records/DeletionGroundForm";
import type { Pupil, PupilList } from "../../../src/contracts/pupils";


export function PupilsPage(_: PageProps) {
  const { data, error } = useApi<PupilList>("/api/pupils");
  const [filter, setFilter] = useState("");
  const shown = (data?.pupils ?? []).filter((p) => `${p.firstName} ${p.lastName} ${p.upn}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <>
      <h1>Pupils</h1>
      {error && <p role="alert">{error}</p>}
      <label htmlFor="pupil-filter">Find a pupil</label>
      <input id="pupil-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Pupils on roll</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Class</th>
              <th scope="col">UPN</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/pupils/${p.id}`}>
                    {p.firstName} {p.lastName}
                  </Link>
                </td>
                <td>{p.className}</td>
                <td>{p.upn}</td>
                <td>{p.vulnerabilities.map((v) => v.replaceAll("_", " ")).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}


/** The roles that may open documents kept on the record (GET /api/documents/:id/pdf). */
const TIMELINE_SHOWN = 15;

/** One pupil's record: details, family, attendance, timeline, visits and their reports, agreements, referrals, notes, documents and (for the DSL team) concerns. */
/** Today's date in London, for a contact recorded from this page. */
const londonToday = () => new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

export function PupilPage({ session, pupilId }: PageProps & { pupilId: string }) {
  const { data: p, error } = useApi<Pupil>(`/api/pupils/${pupilId}`);
  const record = useApi<PupilRecord>(`/api/pupils/${pupilId}/record`);
  if (error) return <p role="alert">{error}</p>;
  if (!p) return <p>Loading…</p>;
  const name = `${p.firstName} ${p.lastName}`;
  const r = record.data;
  return (
    <>
      <h1>{name}</h1>
      <dl className="facts">
        <dt>UPN</dt>
        <dd>{p.upn}</dd>
        <dt>Year and class</dt>
        <dd>
          {p.yearGroup} · {p.className}
        </dd>
        <dt>Date of birth</dt>
        <dd>{p.dateOfBirth}</dd>
        <dt>Admitted</dt>
        <dd>{p.admittedOn ?? "Not recorded"}</dd>
        <dt>Address</dt>
        <dd>{[p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(", ")}</dd>
        <dt>Flags</dt>
        <dd>{p.vulnerabilities.map((v) => v.replaceAll("_", " ")).join(", ") || "None recorded"}</dd>
      </dl>
      {may(session, "POST /api/concerns") && <RaiseConcernButton pupilId={p.id} childName={name} />}
      {may(session, "POST /api/subject-access") && (
        <p>
          <Link to={`/subject-access?pupil=${p.id}`}>Subject access: record a request for {name}'s data, or a parent's</Link>
        </p>
      )}
      {may(session, "POST /api/pupils/:pupilId/texts") && <SendText pupilId={p.id} name={p.firstName} day={londonToday()} onDone={record.reload} />}
      {may(session, "POST /api/pupils/:pupilId/emails") && <SendEmail pupilId={p.id} name={p.firstName} day={londonToday()} onDone={record.reload} />}
      {may(session, "POST /api/statutory/deletion-grounds") && <DeletionGroundForm pupilId={p.id} childName={name} />}
      {may(session, "GET /api/pupils/:pupilId/replies") && <Replies pupilId={p.id} day={londonToday()} canConfirm={may(session, "POST /api/replies/:replyId/confirm")} />}
      <nav aria-label="On this page">
        <ul className="rec-nav">
          {[
            ["family", "Family contacts"],
            ["attendance", "Attendance"],
            ["timeline", "Timeline"],
            ["visits", "Visits"],
            ["agreements", "Agreements"],
            ["referrals", "Referrals"],
            ...(may(session, "GET /api/visit-records") ? [["agencies", "Multi-agency checks"]] : []),
            ["notes", "Notes"],
            ["documents", "Documents"],
            ...(r?.concerns ? [["concerns", "Safeguarding concerns"]] : []),
          ].map(([id, text]) => (
            <li key={id}>
              <a href={`#${id}`}>{text}</a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="family">Family contacts</h2>
      <ul className="cards">
        {p.contacts.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> ({c.relationship}
            {c.parentalResponsibility ? ", parental responsibility" : ""})
            <br />
            {c.phone && <a href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</a>}
            {c.email && (
              <>
                {" · "}
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {record.error && (
        <p role="alert" className="error-summary">
          The record could not be loaded: {record.error}
        </p>
      )}
      {!r && !record.error && <p>Loading the record…</p>}
      {r && (
        <>
          <h2 id="attendance">Attendance</h2>
          <AttendanceFigures a={r.attendance} />

          <h2 id="timeline">Timeline</h2>
          <Timeline days={r.timeline} name={name} />

          <h2 id="visits">Visits</h2>
          {r.visits.length === 0 ? (
            <p>No home visits are recorded.</p>
          ) : (
            <ul className="rec-cards">
              {r.visits.map((v) => (
                <VisitCard key={v.id} visit={v} session={session} casework={may(session, "POST /api/agreements/:agreementId/review")} onChange={record.reload} />
              ))}
            </ul>
          )}
          {canPropose(session) && <ProposeVisitForm pupilId={p.id} childName={name} siblings={r.siblings} />}

          <h2 id="agreements">Agreements</h2>
          {r.agreements.length === 0 ? (
            <p>No agreements with the family are recorded.</p>
          ) : (
            <ul className="rec-cards">
              {r.agreements.map((a) => (
                <AgreementCard key={a.id} agreement={a} canReview={may(session, "POST /api/agreements/:agreementId/review")} canOpenDocuments={may(session, "GET /api/documents/:documentId/pdf")} canReference={isReferrer(session)} onChange={record.reload} />
              ))}
            </ul>
          )}

          <h2 id="referrals">Referrals</h2>
          {r.referralsWithheld > 0 && (
            <p>
              {r.referralsWithheld === 1 ? "A referral exists" : `${r.referralsWithheld} referrals exist`} — ask the DSL.
            </p>
          )}
          {r.referrals.length === 0 ? (
            r.referralsWithheld === 0 && <p>No referrals are recorded.</p>
          ) : (
            <div className="table-wrap rec-table-wrap">
              <table className="rec-table">
                <caption className="visually-hidden">Referrals for {name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">Opened on</th>
                    <th scope="col">Decided by</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Status</th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {r.referrals.map((x) => (
                    <tr key={x.id}>
                      <td>{label(REFERRAL_KIND_LABELS, x.kind)}</td>
                      <td>{longDate(x.openedOn)}</td>
                      <td>{x.decidedName}</td>
                      <td className="rec-pre">{x.reason}</td>
                      <td>{label(REFERRAL_STATUS_LABELS, x.status)}</td>
                      <td className="rec-pre">{x.outcome ?? "Not recorded"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {may(session, "POST /api/referrals") && (
            <p>
              <Link to={`/referrals?pupilId=${p.id}`}>Record a referral for {name}</Link>
            </p>
          )}

          {may(session, "GET /api/visit-records") && <AgencyChecks pupilId={p.id} canRecord={may(session, "POST /api/visit-records")} />}

          <h2 id="notes">Notes on the attendance record</h2>
          {r.notes.length === 0 ? (
            <p>No notes.</p>
          ) : (
            <ul className="rec-list">
              {r.notes.map((n) => (
                <li key={n.id}>
                  <p className="rec-pre">{n.text}</p>
                  <p className="muted rec-small">
                    {n.byName}, {dateTime(n.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}

          <h2 id="documents">Documents</h2>
          {r.documents.length === 0 ? (
            <p>No documents are kept on this record.</p>
          ) : (
            <div className="table-wrap rec-table-wrap">
              <table className="rec-table">
                <caption className="visually-hidden">Documents kept on {name}&rsquo;s record</caption>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Made</th>
                    <th scope="col">Emailed to</th>
                  </tr>
                </thead>
                <tbody>
                  {r.documents.map((d) => (
                    <tr key={d.id}>
                      <td>
                        {may(session, "GET /api/documents/:documentId/pdf") ? (
                          <a href={pdfHref(d.id)} target="_blank" rel="noreferrer">
                            {d.title} (PDF)
                          </a>
                        ) : (
                          d.title
                        )}
                      </td>
                      <td>{label(DOCUMENT_KIND_LABELS, d.kind)}</td>
                      <td>
                        {dateTime(d.createdAt)}
                        {d.createdBy ? ` by ${d.createdBy}` : ""}
                      </td>
                      <td>{deliveryText(d.delivery, d.emailedTo)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {r.concerns && (
            <>
              <h2 id="concerns">Safeguarding concerns</h2>
              <p className="muted">Shown to the DSL, the deputies and the headteacher only.</p>
              {r.concerns.length === 0 ? (
                <p>No concerns have been raised about {p.firstName}.</p>
              ) : (
                <ul className="rec-cards">
                  {r.concerns.map((c) => (
                    <li key={c.id} className={c.status === "closed" ? "rec-closed" : undefined}>
                      <h3>{c.summary}</h3>
                      <dl className="facts">
                        <dt>Raised</dt>
                        <dd>{dateTime(c.raisedAt)}</dd>
                        <dt>Status</dt>
                        <dd>{label(CONCERN_STATUS_LABELS, c.status)}</dd>
                        <dt>{c.recordingSystem} reference</dt>
                        <dd>{c.externalRef || "Not recorded yet"}</dd>
                      </dl>
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to="/concerns">Open the concerns list</Link>
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}

function timelineText(d: TimelineDay) {
  return (
    [
      ...d.contacts.map(contactWords),
      ...d.replies.map(replyWords),
      ...d.sightings.map((s) => `seen by ${s.seenBy}`),
      ...d.visits.map((v) => `home visit (${label(PURPOSE_LABELS, v.purpose).toLowerCase()}): ${label(OUTCOME_LABELS, v.outcome) || label(VISIT_STATE_LABELS, v.state)}`),
    ].join("; ") || d.summary
  );
}

function Timeline({ days, name }: { days: TimelineDay[]; name: string }) {
  const [all, setAll] = useState(false);
  if (days.length === 0) return <p>Nothing recorded in the last weeks.</p>;
  const shown = all ? days : days.slice(0, TIMELINE_SHOWN);
  return (
    <>
      <div className="table-wrap rec-table-wrap">
        <table className="rec-table">
          <caption>
            Marks, contacts, sightings and visits for {name}, most recent first{all ? "" : ` (the last ${shown.length} days with a record)`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">AM</th>
              <th scope="col">PM</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.date}>
                <th scope="row">{shortDate(d.date)}</th>
                <td>
                  <code>{d.am ?? "–"}</code>
                </td>
                <td>
                  <code>{d.pm ?? "–"}</code>
                </td>
                <td>{timelineText(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {days.length > TIMELINE_SHOWN && (
        <button type="button" className="secondary" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? `Show the last ${TIMELINE_SHOWN} days only` : `Show all ${days.length} days`}
        </button>
      )}
    </>
  );
}

function VisitCard({ visit: v, session, casework, onChange }: { visit: PupilRecord["visits"][number]; session: SessionView; casework: boolean; onChange: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  return (
    <li data-visit-id={v.id}>
      <h3>
        <Link to={`/visits/${v.id}`}>
          {longDate(v.day)}: {label(PURPOSE_LABELS, v.purpose).toLowerCase()}
        </Link>
      </h3>
      <dl className="facts">
        <dt>State</dt>
        <dd>{label(VISIT_STATE_LABELS, v.state)}</dd>
        <dt>Outcome</dt>
        <dd>{label(OUTCOME_LABELS, v.outcome) || "Not recorded yet"}</dd>
        <dt>Report</dt>
        <dd>
          {v.report ? (
            <>
              By {v.report.completedName}, {longDate(v.report.completedOn)}
              {v.report.summary === null ? "." : <>: <span className="rec-pre">{v.report.summary}</span></>}
            </>
          ) : (
            "Not written yet"
          )}
        </dd>
      </dl>
      {casework && (
        <details className="rec-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>Report, agreement, card and incident for this visit</summary>
          {open && <VisitReportSection visitId={v.id} session={session} headingLevel={4} onChange={onChange} />}
        </details>
      )}
    </li>
  );
}

function AgreementCard({ agreement: a, canReview, canOpenDocuments, canReference, onChange }: { agreement: Agreement; canReview: boolean; canOpenDocuments: boolean; canReference: boolean; onChange: () => Promise<void> }) {
  const id = useId();
  const ids = { kept: `${id}-kept-yes`, note: `${id}-note`, nextReviewOn: `${id}-next` };
  const { problems, setProblems, status, busy, run } = useForm({ fields: ids });
  const [kept, setKept] = useState<"" | "yes" | "no">("");
  const [note, setNote] = useState("");
  const [nextReviewOn, setNextReviewOn] = useState("");
  const statusLabel = a.status === "kept" ? "Kept" : a.status === "not_kept" ? "Not kept" : "Open";
  return (
    <li className={a.status === "kept" ? "rec-closed" : undefined}>
      <h3>
        Agreed with {a.agreedWith}, {dateTime(a.createdAt)}
        <span className={`rec-tag ${a.status === "kept" ? "rec-done" : "rec-open"}`}>{statusLabel}</span>
      </h3>
      <dl className="facts">
        <dt>Terms</dt>
        <dd className="rec-pre">{a.terms}</dd>
        <dt>Review on</dt>
        <dd>{longDate(a.reviewOn)}</dd>
        <dt>Times found not kept</dt>
        <dd>{a.breaches}</dd>
        {a.visitId && (
          <>
            <dt>Made on</dt>
            <dd>
              <Link to={`/visits/${a.visitId}`}>a home visit</Link>
            </dd>
          </>
        )}
      </dl>
      {canReference && <ExternalReference entity="agreement" entityId={a.id} current={a.externalRef} what={`the agreement with ${a.agreedWith}`} onDone={onChange} />}
      {canReview && (
        <details className="rec-details">
          <summary>Review this agreement</summary>
          <form
            className="rec-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const missing: Problem[] = [];
              if (!kept) missing.push({ id: ids.kept, message: "Say whether the agreement was kept" });
              if (nextReviewOn && nextReviewOn < todayIso()) missing.push({ id: ids.nextReviewOn, message: "The next review date cannot be in the past" });
              if (missing.length) return setProblems(missing);
              void run(async () => {
                const res = await api<AgreementReviewResult>("POST", `/api/agreements/${a.id}/review`, { kept: kept === "yes", note: note || undefined, nextReviewOn: nextReviewOn || undefined });
                setKept("");
                setNote("");
                setNextReviewOn("");
                await onChange();
                return <ReviewOutcome result={res} canOpenDocuments={canOpenDocuments} />;
              });
            }}
          >
            <ErrorSummary problems={problems} />
            <fieldset>
              <legend>Was the agreement kept?</legend>
              <label className="inline">
                <input type="radio" id={ids.kept} name={`${id}-kept`} checked={kept === "yes"} onChange={() => setKept("yes")} /> Yes, kept
              </label>
              <label className="inline">
                <input type="radio" name={`${id}-kept`} checked={kept === "no"} onChange={() => setKept("no")} /> No, not kept
              </label>
            </fieldset>
            {kept === "no" && (
              <p className="notice">
                Not kept: a note goes on the attendance record and a reminder letter is written to the family; if it was not kept before, a follow-up visit is proposed (coteford 4.3).
              </p>
            )}
            <label htmlFor={ids.note}>Note</label>
            <textarea id={ids.note} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            <label htmlFor={ids.nextReviewOn}>Next review date (optional)</label>
            <input id={ids.nextReviewOn} type="date" min={todayIso()} value={nextReviewOn} onChange={(e) => setNextReviewOn(e.target.value)} />
            <button type="submit" disabled={busy}>
              Record the review
            </button>
          </form>
        </details>
      )}
      <Status>{status}</Status>
    </li>
  );
}

function ReviewOutcome({ result, canOpenDocuments }: { result: AgreementReviewResult; canOpenDocuments: boolean }) {
  if (result.status === "kept") return <>Review recorded: the agreement was kept.</>;
  const letter = result.reminderLetter;
  return (
    <>
      Review recorded: the agreement was not kept.
      {result.noteAdded && " A note was added to the attendance record."}
      {letter && (
        <>
          {" "}
          {canOpenDocuments ? (
            <a href={pdfHref(letter.documentId)} target="_blank" rel="noreferrer">
              Open the reminder letter (PDF)
            </a>
          ) : (
            "A reminder letter was written"
          )}
          {letter.queuedTo.length ? `; it is queued for email to ${letter.queuedTo.join(", ")} (the pupil record shows when it is sent).` : ": not emailed (no email address on record), so print and post it."}
        </>
      )}
      {result.followUpVisitId && (
        <>
          {" "}
          A follow-up visit has been proposed: <Link to={`/visits/${result.followUpVisitId}`}>open the follow-up visit</Link>.
        </>
      )}
    </>
  );
}
