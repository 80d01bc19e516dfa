import type { PageProps } from "../App";
import { RaiseConcernButton } from "../records/RaiseConcernButton";
import { VisitReportSection } from "../records/VisitReportSection";
import { Link } from "../router";
import { useApi } from "../useApi";
import { ApprovalSection } from "../visits/ApprovalSection";
import { BackgroundCheckSection } from "../visits/BackgroundCheckSection";
import { AppointmentSection } from "../visits/AppointmentSection";
import { CancelSection } from "../visits/CancelSection";
import { CompanionsSection } from "../visits/CompanionsSection";
import { DocumentsSection } from "../visits/DocumentsSection";
import { FamilySection } from "../visits/FamilySection";
import { useSubmit } from "../visits/Feedback";
import { clockTime, longDate, names, purposeLabel, stateLabel } from "../visits/format";
import { PlanSection } from "../visits/PlanSection";
import { send } from "../visits/request";
import { RiskAssessmentSection } from "../visits/RiskAssessmentSection";
import { canRaiseConcern, canUseField, isDsl } from "../visits/roles";
import { Section, type VisitSectionProps } from "../visits/Section";
import { SignaturesSection } from "../visits/SignaturesSection";
import { StepsSection } from "../visits/StepsSection";
import { TeamSection } from "../visits/TeamSection";
import type { VisitView } from "../visits/types";
import "../visits/visits.css";

/**
 * The sections of the visit page, in order. Each is its own component taking
 * VisitSectionProps; to add one (e.g. the visit report from web/src/records/),
 * add it to this list.
 */
const SECTIONS: { key: string; render: (p: VisitSectionProps) => React.ReactNode }[] = [
  { key: "family", render: (p) => <FamilySection {...p} /> },
  { key: "approval", render: (p) => <ApprovalSection {...p} /> },
  { key: "team", render: (p) => <TeamSection {...p} /> },
  { key: "background", render: (p) => <BackgroundCheckSection {...p} /> },
  { key: "companions", render: (p) => <CompanionsSection {...p} /> },
  { key: "risk", render: (p) => <RiskAssessmentSection {...p} /> },
  { key: "appointment", render: (p) => <AppointmentSection {...p} /> },
  { key: "signatures", render: (p) => <SignaturesSection {...p} /> },
  { key: "plan", render: (p) => <PlanSection {...p} /> },
  { key: "steps", render: (p) => <StepsSection {...p} /> },
  { key: "documents", render: (p) => <DocumentsSection {...p} /> },
  // After the visit (web/src/records/): the report and its addenda, the agreement with the parent,
  // the "We called today" card and an incident or near miss. It shows nothing to roles without casework.
  { key: "report", render: (p) => <VisitReportSection visitId={p.visit.id} session={p.session} headingLevel={2} onChange={p.reload} /> },
  { key: "concern", render: (p) => <ConcernSection {...p} /> },
  { key: "cancel", render: (p) => <CancelSection {...p} /> },
];

export function VisitPage({ session, visitId }: PageProps & { visitId: string }) {
  const { data: visit, error, reload } = useApi<VisitView>(`/api/visits/${visitId}`);
  if (error && !visit)
    return (
      <>
        <h1>Visit</h1>
        <p role="alert" className="error-summary">
          {error}
        </p>
        <p>
          <Link to="/visits">Back to the visits</Link>
        </p>
      </>
    );
  if (!visit)
    return (
      <>
        <h1>Visit</h1>
        <p role="status">Loading the visit…</p>
      </>
    );

  const props: VisitSectionProps = { visit, session, reload };
  const onTeam = visit.team.some((t) => t.staff.userId === session.user.id);
  return (
    <>
      <p>
        <Link to="/visits">Back to the visits</Link>
      </p>
      <h1>Visit: {names(visit.pupils.map((p) => p.name)) || "no children recorded"}</h1>
      <p className="visit-lede">
        {purposeLabel(visit.purpose)} on <strong>{longDate(visit.day)}</strong>
        {visit.startsAt ? ` at ${clockTime(visit.startsAt)}` : ""} · <span className={`visit-state visit-state-${visit.state}`}>{stateLabel(visit.state)}</span>
        {visit.safeguarding && <> · Safeguarding visit{visit.dslAgreed ? " (agreed by the DSL)" : " (waiting for the DSL to agree)"}</>}
      </p>
      {onTeam && canUseField(session) && (visit.state === "planned" || visit.state === "under_way") && (
        <p>
          <Link to={`/field/${visit.id}`} className="visit-field-link">
            Open the field view
          </Link>
        </p>
      )}
      {isDsl(session) && visit.safeguarding && !visit.dslAgreed && <DslAgree {...props} />}
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {SECTIONS.map((s) => (
        <div key={s.key}>{s.render(props)}</div>
      ))}
    </>
  );
}

/** Burgh 5: where safeguarding is involved, the DSL agrees before the head authorises. */
function DslAgree({ visit, session, reload }: VisitSectionProps) {
  const { run, view, busy } = useSubmit(reload);
  return (
    <div className="notice">
      <p>Safeguarding is involved: the DSL agrees this visit before the headteacher authorises it (burgh 5).</p>
      {view}
      <button type="button" disabled={busy} onClick={() => void run(() => send(session, "POST", `/api/visits/${visit.id}/dsl-agree`), "Agreed as DSL.")}>
        Agree as DSL
      </button>
    </div>
  );
}

/** A safeguarding concern about this visit goes straight to the DSL team (KCSIE); the visit and, for one child, the child are attached. */
function ConcernSection({ visit, session }: VisitSectionProps) {
  if (!canRaiseConcern(session)) return null;
  const only = visit.pupils.length === 1 ? visit.pupils[0] : undefined;
  return (
    <Section id="concern" title="Safeguarding concern">
      <p>Anything seen or heard on this visit that worries you goes to the designated safeguarding lead today, not in the visit report.</p>
      <RaiseConcernButton visitId={visit.id} pupilId={only?.id} childName={only?.name} />
    </Section>
  );
}
