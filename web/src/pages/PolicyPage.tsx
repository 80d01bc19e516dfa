import type { AbsenceRule, PolicyTemplate, Provision, VisitConduct } from "../../../src/domain/policy/template";
import type { PolicyVersion, PolicyView, TemplateChoices } from "../../../src/contracts/policy";
import { rhythm } from "../field/rhythm";
import { Fragment, useState } from "react";
import type { PageProps } from "../App";
import { api, may, ROLE_LABELS, type Role } from "../api";
import { useForm } from "../useForm";
import { useApi } from "../useApi";
import { LawPackSection } from "./LawPackSection";
import { ScrollTable } from "./CalendarPage";
import { PolicyReviewSection } from "./PolicyReviewSection";
import { monthYear } from "../visits/format";
import type { FamilyPolicyLink } from "../../../src/contracts/family-policy";
import { actionName } from "../../../src/domain/words";

type Policy = PolicyTemplate;

/** The page lists and edits the template's provisions and rule parameters by name, so it reads them as records. */
type ConductByName = Record<string, (Provision<unknown> & Partial<Pick<NonNullable<VisitConduct["requiredTraining"]>, "clauses" | "organisedBy">>) | null>;
const conductOf = (p: Policy) => p.conduct as unknown as ConductByName;
const parametersOf = (rule: AbsenceRule) => rule as unknown as Record<string, unknown>;

/** Labels for each numeric rule parameter; unknown ones fall back to their name in words. */
const PARAMETER_LABELS: Record<string, string> = {
  fromDay: "Due from day of absence",
  vulnerableFromDay: "Due from day of absence, for a vulnerable child",
  maxSchoolDaysUnseen: "Most school days a child may go unseen",
  consecutiveUnauthorisedSchoolDays: "Consecutive school days of unauthorised absence",
  minAbsenceDays: "Consecutive school days absent",
  minUnseenDays: "School days not seen by staff",
  thresholdPercent: "Attendance below (per cent)",
  months: "Over the last (months)",
  sessions: "Sessions coded G, N, O or U",
  weeks: "Within (school weeks)",
};

const CONDUCT_LABELS: Record<string, string> = {
  pairing: "Who goes on a visit",
  companions: "People from outside the school on a visit",
  checkIns: "Check-ins with the office",
  waitingLimitMinutes: "Waiting for a parent who is not there",
  lateArrivalLimitMinutes: "A parent who will be late",
  approval: "Approval",
  changeNotice: "A change once arrangements are in place",
  cancellationNotice: "A cancelled visit",
  riskAssessment: "Risk assessment",
  dslBackgroundCheck: "Background check with the DSL",
  appointmentRequiredToEnter: "Appointment needed to go in",
  appointmentSignatures: "Signatures on the appointment record",
  goingIn: "Before going in (asked on the phone)",
  idCard: "Identification",
  immediateDanger: "Immediate danger",
  recordingSystem: "Where visits are recorded",
  requiredTraining: "Training required",
  backgroundChecks: "Background checks",
  vehicles: "Vehicles",
};

/** Whole-minute conduct values the headteacher may change, by their path in the policy. */
const CONDUCT_MINUTES: { path: string; key: string; label: string; optional: boolean }[] = [
  { path: "conduct.waitingLimitMinutes.value", key: "waitingLimitMinutes", label: "Wait for a parent who is not there at the arranged time (minutes)", optional: false },
  { path: "conduct.lateArrivalLimitMinutes.value", key: "lateArrivalLimitMinutes", label: "Cancel the visit when a parent who said they would be late has not come after (minutes)", optional: false },
  { path: "conduct.checkIns.value.everyMinutes", key: "checkIns", label: "Call the office during a visit every (minutes, e.g. 20, or 0.5 for a drill; leave empty for no regular check-in)", optional: true },
];

const RECORD_LABELS: Record<string, string> = {
  physicalIntervention: "Physical intervention",
  allegations: "Allegations against staff",
  complaints: "Complaints about a visit",
  transport: "Transporting a pupil",
  agencyChecks: "Multi-agency checks",
  alternativeVenues: "Alternative venues offered",
};

/** A record rule in words: where it goes and what it follows. */
function describeRecord(key: string, value: unknown): string {
  const v = isObject(value) ? value : {};
  const roles = (x: unknown) => (Array.isArray(x) ? x.map((r) => words(String(r))).join(" and ") : "");
  switch (key) {
    case "physicalIntervention":
      return `To the ${roles(v.routeTo)}${v.reviewWhereInjuryOrDistress ? "; flagged for child-protection or disciplinary review where it caused injury or distress" : ""}. Follows the ${String(v.procedure)}.`;
    case "allegations":
      return `To the ${roles(v.routeTo)}, or the ${roles(v.aboutHeadRouteTo)} when it is about the headteacher. Follows the ${String(v.procedure)}.`;
    case "complaints":
    case "agencyChecks":
    case "alternativeVenues":
      return `To the ${roles(v.routeTo)}. Follows the ${String(v.procedure)}.`;
    case "transport":
      return `Insurance in date: ${yesNo(v.insuranceRequired)}; an escort in the car: ${yesNo(v.escortRequired)}. Follows the ${String(v.procedure)}.`;
    default:
      return JSON.stringify(value);
  }
}

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1 $2").replaceAll("_", " ").toLowerCase();
const ruleLabel = actionName;
const parameterLabel = (name: string) => PARAMETER_LABELS[name] ?? words(name).replace(/^./, (c) => c.toUpperCase());
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const yesNo = (b: unknown) => (b ? "yes" : "no");

/** `YYYY-MM` → "March 2027". */
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Version 1 is in force "since always" (src/app/policy/school-policy.ts). */
const SINCE_ALWAYS = "2000-01-01";

/** A rule in one sentence, with its parameters. */
function describeRule(rule: AbsenceRule): string {
  const n = (k: string) => Number(parametersOf(rule)[k]);
  switch (rule.kind) {
    case "contact_parents":
      return "When a child is absent with no reason given (N) and no parent or carer has been reached, contact the family that day.";
    case "safe_and_well_visit": {
      const when =
        rule.trigger === "unreached_and_unexplained"
          ? "nobody has been reached and the absence is still unexplained"
          : "nobody has been reached or the absence is still unexplained";
      return `From day ${n("fromDay")} of an absence (day ${n("vulnerableFromDay")} for a vulnerable child), when ${when}, visit the home.`;
    }
    case "eyes_on_visit":
      return `A child may go at most ${plural(n("maxSchoolDaysUnseen"), "school day")} without being seen by school staff or a verified professional; the visit must take place on school day ${n("maxSchoolDaysUnseen") + 1}.`;
    case "notify_local_authority":
      return `After ${plural(n("consecutiveUnauthorisedSchoolDays"), "consecutive school day")} of unauthorised absence, notify the local authority.`;
    case "consider_cme_referral":
      return "When nobody answered a home visit while the child was unseen, and no parent or carer has been reached since, consider a referral for children missing education.";
    case "unannounced_visit":
      return `After ${plural(n("minAbsenceDays"), "consecutive school day")} of absence with the child not seen for ${plural(n("minUnseenDays"), "school day")}, make an unannounced visit.`;
    case "legal_threshold_review":
      return `Attendance below ${n("thresholdPercent")}% over the last ${plural(n("months"), "month")} starts a review for legal proceedings.`;
    case "penalty_notice_review":
      return `${plural(n("sessions"), "session")} coded G, N, O or U within ${plural(n("weeks"), "school week")} start a review for a penalty notice${typeof rule.thresholdSource === "string" ? ` (thresholds: ${rule.thresholdSource})` : ""}.`;
    default:
      return numericParameters(rule)
        .map((k) => `${parameterLabel(k)}: ${n(k)}`)
        .join("; ");
  }
}

function numericParameters(rule: AbsenceRule): string[] {
  return Object.keys(rule).filter((k) => typeof parametersOf(rule)[k] === "number");
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A role as this policy names its holders (hunsbury-park: the home visitor is the FSW). */
function roleName(policy: Policy, role: string): string {
  return policy.roleNames?.find((n) => n.role === role)?.name ?? words(role);
}

/** A conduct value in words. */
function describeConduct(key: string, value: unknown): string {
  const v = isObject(value) ? value : {};
  switch (key) {
    case "pairing":
      return value === "always_two" ? "Always two members of staff" : value === "per_risk_assessment" ? "Decided by the risk assessment" : value === "lone_working_allowed" ? "One member of staff may visit alone" : String(value);
    case "checkIns": {
      const when = [v.beforeVisit && "before the visit", v.onArrival && "on arrival", typeof v.everyMinutes === "number" && `every ${rhythm(v.everyMinutes)} during the visit`, v.afterVisit && "after the visit"].filter(Boolean);
      return when.length ? `Call the office ${when.join(", ")}` : "No check-ins set";
    }
    case "waitingLimitMinutes":
      return `Wait at most ${plural(Number(value), "minute")}`;
    case "lateArrivalLimitMinutes":
      return `Cancel after ${plural(Number(value), "minute")}`;
    case "approval": {
      const approvers = Array.isArray(v.approvers) ? v.approvers.map((a) => words(String(a))).join(", ") : "";
      return `${String(v.description ?? "")} Approved by: ${approvers}${v.withDslWhereSafeguarding ? ", with the DSL where safeguarding is involved" : ""}.`;
    }
    case "companions":
      return v.countTowardPair ? "May make the second person of a paired visit" : "Welcome on a visit, but a paired visit is two members of staff";
    case "changeNotice":
      return `Tell ${Array.isArray(v.to) ? v.to.map((r) => words(String(r))).join(", ") : ""}`;
    case "cancellationNotice":
      return `The reason goes in writing to ${Array.isArray(v.to) ? v.to.map((r) => words(String(r))).join(", ") : ""}`;
    case "dslBackgroundCheck":
      return `${String(v.description ?? "")} Recorded by: ${Array.isArray(v.by) ? v.by.map((r) => words(String(r))).join(", ") : ""}; the plan waits for it.`;
    case "riskAssessment":
      return v.required ? `Required, by ${String(v.by)}` : "Not required";
    case "appointmentRequiredToEnter":
      return value ? "Yes: go in only with an appointment" : "No";
    case "appointmentSignatures":
      return `Parent: ${yesNo(v.parent)}; officer: ${yesNo(v.officer)}`;
    case "goingIn": {
      const questions = Array.isArray(v.questions) ? (v.questions as { text: string; whenForbidden: string; clause: string }[]) : [];
      return questions.map((q) => `${q.text}${q.whenForbidden === "reason" ? " (otherwise only with a reason)" : ""} [${q.clause}]`).join(" ") || "No questions";
    }
    case "idCard":
      return `Confirmed before setting off: ${String(v.text)}`;
    case "immediateDanger":
      return `${v.policeCalledBy === "staff" ? "Staff call the police." : v.policeCalledBy === "office" ? "The office calls the police." : "The policy names no-one to call the police."} Phone: ${String(v.phone)} Office: ${String(v.office)}${v.fullReportRequired ? " A full report afterwards." : ""}`;
    case "recordingSystem":
      return `${String(v.system)}${typeof v.detail === "string" ? `: ${v.detail}` : ""}`;
    case "requiredTraining":
      return Array.isArray(value) ? value.join("; ") : String(value);
    case "backgroundChecks":
      return `Enhanced DBS: ${yesNo(v.enhancedDbs)}; barred list: ${yesNo(v.barredList)}`;
    case "vehicles":
      return `Details held by ${String(v.detailsHeldBy)}; business insurance required: ${yesNo(v.insuranceRequired)}`;
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

export function PolicyPage({ session }: PageProps) {
  const { data, error, reload } = useApi<PolicyView>("/api/policy");
  const canEdit = may(session, "PUT /api/policy");
  const [saved, setSaved] = useState<string | null>(null);
  const policy = data?.inForce.policy;

  return (
    <>
      <h1>Policy</h1>
      {error && <p role="alert">{error}</p>}
      {data && policy && (
        <>
          <p className="policy-name">
            <strong>{policy.name}</strong>
          </p>
          <p>
            Version {data.inForce.version}, in force {data.inForce.effectiveFrom === SINCE_ALWAYS ? "since the school adopted it" : `from ${longDate(data.inForce.effectiveFrom)}`}. Transcribed
            from &ldquo;{policy.source.title}&rdquo;. Every action on the Today list names the clause of this policy that requires it.
          </p>
          <ReviewReminder review={data.review} policy={policy} />
          <ForFamilies asked={policy.familyCopy ?? null} onCopied={() => setSaved("The families' address is copied.")} />
          <div role="status">{saved && <p className="ok">{saved}</p>}</div>
          <PolicyReviewSection
            review={policy.review}
            session={session}
            onSaved={async (message) => {
              setSaved(message);
              await reload();
            }}
          />

          <h2>When a child is absent</h2>
          <ol className="policy-rules">
            {policy.absenceRules.map((rule) => (
              <li key={rule.kind}>
                <h3>
                  {ruleLabel(rule.kind)} <span className="clause">{rule.clause}</span>
                </h3>
                <p>{describeRule(rule)}</p>
                {rule.supersedes && rule.supersedes.length > 0 && (
                  <p className="muted">While this is due, the list does not also show: {rule.supersedes.map((k) => ruleLabel(k).toLowerCase()).join(", ")}.</p>
                )}
              </li>
            ))}
          </ol>

          <h2>How visits are carried out</h2>
          <dl className="facts policy-conduct">
            {Object.keys(CONDUCT_LABELS).map((key) => {
              const p = conductOf(policy)[key];
              return (
                <Fragment key={key}>
                  <dt>{CONDUCT_LABELS[key]}</dt>
                  <dd>
                    {p ? (
                      <>
                        {describeConduct(key, p.value)} <span className="clause">{p.clause}</span>
                        {Object.entries(p.clauses ?? {}).map(([kind, clause]) => (
                          <span key={kind} className="policy-note">
                            {kind}: <span className="clause">{clause}</span>
                          </span>
                        ))}
                        {p.organisedBy && (
                          <span className="policy-note">
                            Organised by the {p.organisedBy.roles.map((r) => roleName(policy, r)).join(" and ")} <span className="clause">{p.organisedBy.clause}</span>
                          </span>
                        )}
                        {p.note && <span className="policy-note">{p.note}</span>}
                      </>
                    ) : (
                      <span className="muted">The policy does not say.</span>
                    )}
                  </dd>
                </Fragment>
              );
            })}
          </dl>

          <h2>Records and who decides</h2>
          <dl className="facts policy-conduct">
            {(policy.roleNames ?? []).map((n) => (
              <Fragment key={n.role}>
                <dt>{ROLE_LABELS[n.role as Role] ?? words(n.role)}s are called</dt>
                <dd>
                  {n.name} <span className="clause">{n.clause}</span>
                  {n.note && <span className="policy-note">{n.note}</span>}
                </dd>
              </Fragment>
            ))}
            {(policy.referralDeciders ?? []).map((d) => (
              <Fragment key={d.kinds.join()}>
                <dt>Who opens {d.kinds.map((k) => words(k)).join(" and ")} referrals</dt>
                <dd>
                  Only the {d.roles.map((r) => words(r)).join(" or ")} <span className="clause">{d.clause}</span>
                  {d.note && <span className="policy-note">{d.note}</span>}
                </dd>
              </Fragment>
            ))}
            {policy.agreements && (
              <>
                <dt>An agreement with a parent not kept</dt>
                <dd>
                  A note on the attendance record{policy.agreements.attendanceNote && <> <span className="clause">{policy.agreements.attendanceNote}</span></>} and a reminder letter
                  {policy.agreements.reminderLetter && <> <span className="clause">{policy.agreements.reminderLetter}</span></>}; a follow-up visit is proposed once it has not been kept{" "}
                  {plural(policy.agreements.followUpVisit.value.afterBreaches, "time")} <span className="clause">{policy.agreements.followUpVisit.clause}</span>
                  {policy.agreements.followUpVisit.note && <span className="policy-note">{policy.agreements.followUpVisit.note}</span>}
                </dd>
              </>
            )}
            {Object.entries(policy.records ?? {}).map(([key, p]) => (
              <Fragment key={key}>
                <dt>{RECORD_LABELS[key] ?? words(key)}</dt>
                <dd>
                  {describeRecord(key, p.value)} <span className="clause">{p.clause}</span>
                  {p.note && <span className="policy-note">{p.note}</span>}
                </dd>
              </Fragment>
            ))}
          </dl>

          {canEdit && (
            <EditParameters
              key={data.inForce.version}
              policy={policy}
              onSaved={async (version) => {
                setSaved(`Saved as version ${version.version}, in force from ${longDate(version.effectiveFrom)}.`);
                await reload();
              }}
            />
          )}
          {canEdit && (
            <SwitchTemplate
              current={data.inForce.templateId}
              onSaved={async (version) => {
                setSaved(`Now on ${version.templateId}'s template: version ${version.version}, in force from ${longDate(version.effectiveFrom)}.`);
                await reload();
              }}
            />
          )}

          {may(session, "GET /api/statutory/packs") && <LawPackSection canChoose={may(session, "PUT /api/statutory/pack")} />}

          <h2 id="policy-versions">Version history</h2>
          <ScrollTable label="Version history (scrolls sideways)">
            <table>
              <caption className="visually-hidden">Versions of the policy, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">In force from</th>
                  <th scope="col">Changed by</th>
                  <th scope="col">What changed and why</th>
                </tr>
              </thead>
              <tbody>
                {data.versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{v.effectiveFrom === SINCE_ALWAYS ? "Adoption" : longDate(v.effectiveFrom)}</td>
                    <td>
                      {v.changedBy}
                      <span className="policy-note">{new Date(v.createdAt).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" })}</span>
                    </td>
                    <td>{v.changeNote ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </>
  );
}

/**
 * Where families read this policy (scargill, transform-trust: "made available to
 * parents"): a page without sign-in and its PDF, made from the version in force.
 */
function ForFamilies({ asked, onCopied }: { asked: Policy["familyCopy"]; onCopied: () => void }) {
  const { data } = useApi<FamilyPolicyLink>("/api/policy/family-link");
  if (!data) return null;
  return (
    <section aria-labelledby="policy-for-families">
      <h2 id="policy-for-families">For families</h2>
      <p>
        Families can read this policy in plain English, without signing in, at this address: put it on the school&rsquo;s website or in a letter. It is made from the
        version in force, so a change saved here is on it the same day. It names no child.
        {asked && (
          <>
            {" "}
            The policy asks for it: {asked.note ?? "a copy is made available to parents"} <span className="clause">{asked.clause}</span>
          </>
        )}
      </p>
      <p>
        <a href={data.path} className="family-policy-link">
          {data.url}
        </a>
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(data.url).then(onCopied);
          }}
        >
          Copy the address
        </button>{" "}
        <a className="button secondary" href={data.pdfPath} download>
          PDF for families
        </a>
      </p>
    </section>
  );
}

function ReviewReminder({ review, policy }: { review: PolicyView["review"]; policy: Policy }) {
  const due = monthYear(review.due);
  const cycle = policy.review.cycleMonths ? ` It is reviewed every ${plural(policy.review.cycleMonths, "month")}.` : "";
  if (review.overdue) {
    return (
      <div className="policy-review policy-review-overdue">
        <h2>Review overdue</h2>
        <p>
          <strong>Warning:</strong> this policy was due for review in {due} <span className="clause">{review.clause}</span>. Review it with the governing
          body and record the changes here.{cycle}
          {review.awaitingApproval && " A review has been recorded and is waiting for approval."}
        </p>
      </div>
    );
  }
  if (review.dueSoon) {
    return (
      <div className="policy-review notice">
        <h2>Review due soon</h2>
        <p>
          This policy is due for review in {due} <span className="clause">{review.clause}</span>: time to start the review.{cycle}
        </p>
      </div>
    );
  }
  return (
    <div className="policy-review policy-review-ok">
      <h2>Review</h2>
      <p>
        Next review due {due} <span className="clause">{review.clause}</span>.{cycle}
      </p>
    </div>
  );
}

/** A school adopting another school's or trust's policy starts from that seed template, from today. */
function SwitchTemplate({ current, onSaved }: { current: string; onSaved: (v: PolicyVersion) => Promise<void> }) {
  const { data } = useApi<TemplateChoices>("/api/policy/templates");
  const [templateId, setTemplateId] = useState("");
  const [note, setNote] = useState("");
  const { run, busy, error, problems } = useForm({ fields: { templateId: "policy-template", note: "policy-template-note" } });
  const invalid = (id: string) => problems[0]?.id === id || undefined;
  const choices = (data?.templates ?? []).filter((t) => t.id !== current);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    return run(async () => {
      const version = await api<PolicyVersion>("POST", "/api/policy/template", { templateId, note });
      setTemplateId("");
      setNote("");
      await onSaved(version);
    });
  };

  return (
    <section aria-labelledby="policy-template-heading" className="policy-edit">
      <h2 id="policy-template-heading">Start from another policy</h2>
      <p>
        If the governing body adopts a different home visits policy, start from its template. It becomes a new version in force from today, replacing every rule
        and figure above; earlier days keep the version that was in force then.
      </p>
      {error && (
        <p role="alert" className="error-summary" id="policy-template-error">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="policy-template">Policy template</label>
        <select id="policy-template" required value={templateId} onChange={(e) => setTemplateId(e.target.value)} aria-invalid={invalid("policy-template")}>
          <option value="">Choose a policy…</option>
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="policy-template-note">Why the school is changing policy</label>
        <textarea
          id="policy-template-note"
          required
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={invalid("policy-template-note")}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Adopt this policy from today
          </button>
        </div>
      </form>
    </section>
  );
}

function EditParameters({ policy, onSaved }: { policy: Policy; onSaved: (v: PolicyVersion) => Promise<void> }) {
  const initial: Record<string, string> = {};
  policy.absenceRules.forEach((rule, i) => {
    for (const k of numericParameters(rule)) initial[`absenceRules[${i}].${k}`] = String(parametersOf(rule)[k]);
  });
  const conductFields = CONDUCT_MINUTES.filter((f) => conductOf(policy)[f.key]);
  for (const f of conductFields) {
    const p = conductOf(policy)[f.key]!;
    const v = f.key === "checkIns" ? (isObject(p.value) ? p.value.everyMinutes : null) : p.value;
    initial[f.path] = typeof v === "number" ? String(v) : "";
  }
  const [values, setValues] = useState(initial);
  const [note, setNote] = useState("");
  const idOf = (path: string) => `edit-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const { run, busy, error, problems } = useForm({ fields: { ...Object.fromEntries(Object.keys(initial).map((path) => [path, idOf(path)])), note: "policy-note" } });

  const inputProps = (path: string, opts: { required: boolean; step?: string; min?: number; max?: number }) => {
    const invalid = problems[0]?.id === idOf(path);
    return {
      id: idOf(path),
      type: "number",
      inputMode: opts.step === "any" ? ("decimal" as const) : ("numeric" as const),
      required: opts.required,
      step: opts.step ?? "1",
      min: opts.min ?? 1,
      max: opts.max,
      value: values[path] ?? "",
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [path]: e.target.value }),
      "aria-invalid": invalid || undefined,
      "aria-describedby": invalid ? "policy-edit-error" : undefined,
      className: "policy-number",
    };
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const edited = structuredClone(policy);
    const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(s));
    edited.absenceRules.forEach((rule, i) => {
      for (const k of numericParameters(rule)) parametersOf(rule)[k] = num(values[`absenceRules[${i}].${k}`]);
    });
    for (const f of conductFields) {
      const p = conductOf(edited)[f.key]!;
      if (f.key === "checkIns" && isObject(p.value)) p.value.everyMinutes = num(values[f.path]);
      else p.value = num(values[f.path]);
    }
    await run(async () => {
      const version = await api<PolicyVersion>("PUT", "/api/policy", { policy: edited, note });
      await onSaved(version);
    });
  };

  return (
    <section aria-labelledby="policy-edit-heading" className="policy-edit">
      <h2 id="policy-edit-heading">Edit parameters</h2>
      <p>
        Change the figures the governing body has agreed. The change is saved as a new version of the policy, in force from today; earlier days keep the
        version that was in force then.
      </p>
      {error && (
        <p role="alert" className="error-summary" id="policy-edit-error">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        {policy.absenceRules.map((rule, i) => {
          const params = numericParameters(rule);
          if (params.length === 0) return null;
          return (
            <fieldset key={rule.kind} className="policy-fieldset">
              <legend>
                {ruleLabel(rule.kind)} ({rule.clause})
              </legend>
              {params.map((k) => {
                const path = `absenceRules[${i}].${k}`;
                return (
                  <div key={k}>
                    <label htmlFor={idOf(path)}>{parameterLabel(k)}</label>
                    <input {...inputProps(path, k === "thresholdPercent" ? { required: true, step: "any", min: 0, max: 100 } : { required: true })} />
                  </div>
                );
              })}
            </fieldset>
          );
        })}
        {conductFields.length > 0 && (
          <fieldset className="policy-fieldset">
            <legend>Visits</legend>
            {conductFields.map((f) => (
              <div key={f.path}>
                <label htmlFor={idOf(f.path)}>
                  {f.label} ({conductOf(policy)[f.key]!.clause})
                </label>
                <input {...inputProps(f.path, { required: !f.optional })} />
              </div>
            ))}
          </fieldset>
        )}
        <label htmlFor="policy-note">What changed and why</label>
        <textarea id="policy-note" required rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={problems[0]?.id === "policy-note" || undefined} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save as a new version
          </button>
        </div>
      </form>
    </section>
  );
}
