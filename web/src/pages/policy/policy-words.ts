/**
 * The Policy page's words for a policy's rules, conduct and records, and the
 * figures its "Edit parameters" form changes: pure, so they are tested without
 * a browser.
 */
import type { AbsenceRule, PolicyTemplate, Provision, VisitConduct } from "../../../../src/domain/policy/template";
import { rhythm } from "../../field/rhythm";
import { actionName } from "../../../../src/domain/words";

export type Policy = PolicyTemplate;

/** The page lists and edits the template's provisions and rule parameters by name, so it reads them as records. */
export type ConductByName = Record<string, (Provision<unknown> & Partial<Pick<NonNullable<VisitConduct["requiredTraining"]>, "clauses" | "organisedBy">>) | null>;
export const conductOf = (p: Policy) => p.conduct as unknown as ConductByName;
export const parametersOf = (rule: AbsenceRule) => rule as unknown as Record<string, unknown>;

/** Labels for each numeric rule parameter; unknown ones fall back to their name in words. */
export const PARAMETER_LABELS: Record<string, string> = {
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

export const CONDUCT_LABELS: Record<string, string> = {
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
export const CONDUCT_MINUTES: { path: string; key: string; label: string; optional: boolean }[] = [
  { path: "conduct.waitingLimitMinutes.value", key: "waitingLimitMinutes", label: "Wait for a parent who is not there at the arranged time (minutes)", optional: false },
  { path: "conduct.lateArrivalLimitMinutes.value", key: "lateArrivalLimitMinutes", label: "Cancel the visit when a parent who said they would be late has not come after (minutes)", optional: false },
  { path: "conduct.checkIns.value.everyMinutes", key: "checkIns", label: "Call the office during a visit every (minutes, e.g. 20, or 0.5 for a drill; leave empty for no regular check-in)", optional: true },
];

export const RECORD_LABELS: Record<string, string> = {
  physicalIntervention: "Physical intervention",
  allegations: "Allegations against staff",
  complaints: "Complaints about a visit",
  transport: "Transporting a pupil",
  agencyChecks: "Multi-agency checks",
  alternativeVenues: "Alternative venues offered",
};

/** A record rule in words: where it goes and what it follows. */
export function describeRecord(key: string, value: unknown): string {
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

export const words = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1 $2").replaceAll("_", " ").toLowerCase();
export const ruleLabel = actionName;
export const parameterLabel = (name: string) => PARAMETER_LABELS[name] ?? words(name).replace(/^./, (c) => c.toUpperCase());
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const yesNo = (b: unknown) => (b ? "yes" : "no");

/** `YYYY-MM` → "March 2027". */
export const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Version 1 is in force "since always" (src/app/policy/school-policy.ts). */
export const SINCE_ALWAYS = "2000-01-01";

/** A rule in one sentence, with its parameters. */
export function describeRule(rule: AbsenceRule): string {
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

export function numericParameters(rule: AbsenceRule): string[] {
  return Object.keys(rule).filter((k) => typeof parametersOf(rule)[k] === "number");
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A role as this policy names its holders (hunsbury-park: the home visitor is the FSW). */
export function roleName(policy: Policy, role: string): string {
  return policy.roleNames?.find((n) => n.role === role)?.name ?? words(role);
}

/** A conduct value in words. */
export function describeConduct(key: string, value: unknown): string {
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


/** The form's values: each numeric rule parameter by its path in the policy, and each conduct figure the head may change ("" where the policy has none). */
export function parameterValues(policy: Policy): Record<string, string> {
  const values: Record<string, string> = {};
  policy.absenceRules.forEach((rule, i) => {
    for (const k of numericParameters(rule)) values[`absenceRules[${i}].${k}`] = String(parametersOf(rule)[k]);
  });
  for (const f of editableConduct(policy)) {
    const p = conductOf(policy)[f.key]!;
    const v = f.key === "checkIns" ? (isObject(p.value) ? p.value.everyMinutes : null) : p.value;
    values[f.path] = typeof v === "number" ? String(v) : "";
  }
  return values;
}

/** The conduct figures this policy has, of those the head may change. */
export function editableConduct(policy: Policy): typeof CONDUCT_MINUTES {
  return CONDUCT_MINUTES.filter((f) => conductOf(policy)[f.key]);
}

/** The policy with the form's values put in (an empty value is null: no regular check-in); the policy given is not changed. */
export function withParameters(policy: Policy, values: Record<string, string>): Policy {
  const edited = structuredClone(policy);
  const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(s));
  edited.absenceRules.forEach((rule, i) => {
    for (const k of numericParameters(rule)) parametersOf(rule)[k] = num(values[`absenceRules[${i}].${k}`]);
  });
  for (const f of editableConduct(policy)) {
    const p = conductOf(edited)[f.key]!;
    if (f.key === "checkIns" && isObject(p.value)) p.value.everyMinutes = num(values[f.path]);
    else p.value = num(values[f.path]);
  }
  return edited;
}
