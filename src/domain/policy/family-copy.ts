/**
 * The family's copy of a school's home-visit policy (scargill: "made available
 * to parents via the school website"; transform-trust: "made available to
 * parent/carers"): the school's own provisions, in the version in force, said
 * to a parent. Every sentence is built from the template's data, so a school
 * that changes a minute, a rule or a clause changes its families' copy with it;
 * nothing here is written for one school. A provision the document does not
 * make (null, or a "Doorstep default") is left out rather than promised.
 * Pure: the caller gives the school's details and the version.
 */
import type { IsoDate } from "../attendance/iso-date";
import { isRole, ROLE_LABELS, type Role } from "../people/roles";
import { trainingClause, type AbsenceRule, type Consideration, type PolicyTemplate } from "./template";

/** One thing the policy says, and where in the document it says it (null: framing, not a provision). */
export interface FamilyCopyItem {
  text: string;
  clause: string | null;
}

export interface FamilyCopySection {
  heading: string;
  items: FamilyCopyItem[];
}

export interface FamilyPolicyCopy {
  schoolName: string;
  /** The document this copy is made from, as the school titles it. */
  policyName: string;
  version: number;
  /** null: in force since the school adopted it. */
  inForceFrom: IsoDate | null;
  /** `YYYY-MM`. */
  nextReviewDue: string;
  sections: FamilyCopySection[];
  contact: { phone: string | null; email: string | null; address: string | null };
}

export interface FamilyCopySchool {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** The first version is dated to before any school existed: "since adoption". */
const SINCE_ALWAYS = "2000-01-01";

/** Where no seed clause speaks, the template carries Doorstep's default: not the school's promise to families. */
const madeByPolicy = (clause: string) => !clause.startsWith("Doorstep default");

export function familyPolicyCopy(policy: PolicyTemplate, school: FamilyCopySchool, version: { version: number; effectiveFrom: IsoDate }): FamilyPolicyCopy {
  const sections: FamilyCopySection[] = [
    { heading: "Why and when the school visits", items: whyAndWhen(policy) },
    { heading: "Before a visit", items: beforeVisit(policy) },
    { heading: "Who comes to your home", items: whoComes(policy) },
    { heading: "At your door and in your home", items: atTheDoor(policy) },
    { heading: "After the visit", items: afterVisit(policy) },
    { heading: "Questions, concerns and complaints", items: concerns(policy, school) },
  ];
  return {
    schoolName: school.name,
    policyName: policy.name,
    version: version.version,
    inForceFrom: version.effectiveFrom === SINCE_ALWAYS ? null : version.effectiveFrom,
    nextReviewDue: policy.review.nextReviewDue,
    sections: sections.filter((s) => s.items.length > 0),
    contact: { phone: school.phone, email: school.email, address: school.address },
  };
}

/** A role as a parent would read it, in the policy's own name for it where it has one (hunsbury-park: the FSW). */
function roleWords(policy: PolicyTemplate, role: string): string {
  const named = policy.roleNames.find((n) => n.role === role);
  if (named) return named.name;
  if (!isRole(role)) return role.replaceAll("_", " ");
  const special: Partial<Record<Role, string>> = { dsl: "designated safeguarding lead (DSL)", deputy_dsl: "deputy designated safeguarding lead", governor: "chair of governors" };
  return special[role] ?? ROLE_LABELS[role].toLowerCase();
}

function either(policy: PolicyTemplate, roles: readonly string[], joiner: "or" | "and" = "or"): string {
  const words = roles.map((r) => `the ${roleWords(policy, r)}`);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${joiner} ${words.at(-1)}`;
}

const dayOf = (n: number) => (n === 1 ? "the first day" : `day ${n}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function absenceRule(rule: AbsenceRule): string {
  switch (rule.kind) {
    case "contact_parents":
      return "If your child is absent and the school has not heard why, the school contacts you that day, by phone, text or email.";
    case "safe_and_well_visit": {
      const when =
        rule.trigger === "unreached_and_unexplained"
          ? "If the school cannot reach you and your child is absent without any explanation"
          : "If the school cannot reach you, or the reason for the absence is unclear";
      const sooner = rule.vulnerableFromDay < rule.fromDay ? ` (from ${dayOf(rule.vulnerableFromDay)} for a child the school knows to be vulnerable)` : "";
      return `${when}, staff visit your home to check that your child is safe and well, from ${dayOf(rule.fromDay)} of the absence${sooner}.`;
    }
    case "eyes_on_visit":
      return `If no member of staff has seen your child for ${plural(rule.maxSchoolDaysUnseen, "school day")}, staff visit to see your child.`;
    case "notify_local_authority":
      return `After ${plural(rule.consecutiveUnauthorisedSchoolDays, "school day")} in a row of absence the school has not authorised, the school must tell the local authority.`;
    case "consider_cme_referral":
      return "If the school cannot find out where your child is, it may refer them to the local authority as a child missing education.";
    case "unannounced_visit":
      return `If your child has been absent for ${plural(rule.minAbsenceDays, "school day")} and not seen by staff for ${plural(rule.minUnseenDays, "school day")}, staff may visit without an appointment.`;
    case "legal_threshold_review":
      return `If your child's attendance falls below ${rule.thresholdPercent}% over ${plural(rule.months, "month")}, the school reviews whether legal action is needed.`;
    case "penalty_notice_review":
      return `${plural(rule.sessions, "session")} of unauthorised absence within ${plural(rule.weeks, "school week")} lead the school to consider a penalty notice.`;
  }
}

function consideration(c: Consideration): string {
  switch (c.kind) {
    case "persistent_absence":
      return `The school may also consider a visit when a child misses ${c.persistentPercent}% or more of school (persistent absence), or ${c.severePercent}% or more (severe absence).`;
    case "safeguarding_indicators":
      return "The school may also consider a visit when there are signs that a child may not be safe.";
  }
}

function whyAndWhen(policy: PolicyTemplate): FamilyCopyItem[] {
  const items: FamilyCopyItem[] = [
    ...(policy.familyCopy ? [{ text: "The school's policy says that a copy of it is made available to parents and carers: this is that copy, in plain words.", clause: policy.familyCopy.clause }] : []),
    { text: "A home visit is a way for the school to talk with you about your child's attendance, understand what is keeping them from school, and offer support.", clause: null },
    ...policy.absenceRules.map((r) => ({ text: absenceRule(r), clause: r.clause })),
    ...policy.considerations.map((c) => ({ text: consideration(c), clause: c.clause })),
  ];
  const approval = policy.conduct.approval;
  if (approval) {
    const dsl = approval.value.withDslWhereSafeguarding && !approval.value.approvers.includes("dsl") ? `, together with the ${roleWords(policy, "dsl")} where there is a safeguarding concern` : "";
    items.push({ text: `A visit is decided by ${either(policy, approval.value.approvers)}${dsl}.`, clause: approval.clause });
  }
  const risk = policy.conduct.riskAssessment;
  if (risk?.value.required) items.push({ text: "Before a visit, the school thinks through any risks to everyone involved.", clause: risk.clause });
  return items;
}

function beforeVisit(policy: PolicyTemplate): FamilyCopyItem[] {
  const c = policy.conduct;
  const items: FamilyCopyItem[] = [];
  if (c.appointmentRequiredToEnter) {
    items.push({
      text: c.appointmentRequiredToEnter.value
        ? "The school makes an appointment with you first: staff do not come into your home without one."
        : "A visit can be made without an appointment, for example to check that a child is safe. Staff come in only as this copy describes.",
      clause: c.appointmentRequiredToEnter.clause,
    });
  }
  if (c.appointmentSignatures?.value.parent) items.push({ text: "You are asked to sign the written record of the appointment.", clause: c.appointmentSignatures.clause });
  if (c.waitingLimitMinutes) {
    items.push({ text: `If you are not at home at the arranged time, staff wait no more than ${plural(c.waitingLimitMinutes.value, "minute")}; then the visit is cancelled.`, clause: c.waitingLimitMinutes.clause });
  }
  if (c.lateArrivalLimitMinutes) {
    items.push({
      text: `If you tell the school you are running late, staff do not come in until you arrive; if you are more than ${plural(c.lateArrivalLimitMinutes.value, "minute")} late, the visit is cancelled.`,
      clause: c.lateArrivalLimitMinutes.clause,
    });
  }
  return items;
}

function whoComes(policy: PolicyTemplate): FamilyCopyItem[] {
  const c = policy.conduct;
  const items: FamilyCopyItem[] = policy.roleNames.map((n) => ({ text: `Visits are made by school staff, including the school's ${n.name}.`, clause: n.clause }));
  const pairing = {
    always_two: "Two members of staff make every visit; nobody visits alone.",
    per_risk_assessment: "One or two members of staff visit; the school's risk assessment decides, and two come wherever there is a known risk.",
    lone_working_allowed: "One member of staff may visit on their own.",
  } as const;
  items.push({ text: pairing[c.pairing.value], clause: c.pairing.clause });
  if (c.idCard) items.push({ text: "Staff wear their school identity card on the front of their clothing, where you can see it. You can ask to see it before you let anyone in.", clause: c.idCard.clause });
  const checks = c.backgroundChecks;
  if (checks && (checks.value.enhancedDbs || checks.value.barredList)) {
    const which = [checks.value.enhancedDbs && "an enhanced DBS check", checks.value.barredList && "a check against the children's barred list"].filter(Boolean).join(" and ");
    items.push({ text: `Everyone who visits has ${which}.`, clause: checks.clause });
  }
  const training = c.requiredTraining;
  if (training && training.value.length > 0) {
    // A kind the document requires in a clause of its own (transform-trust 3.1) is said with that clause.
    const byClause = new Map<string, string[]>();
    for (const kind of training.value) {
      const clause = trainingClause(training, kind);
      byClause.set(clause, [...(byClause.get(clause) ?? []), kind]);
    }
    for (const [clause, kinds] of byClause) items.push({ text: `Staff who visit are trained in ${list(kinds)}.`, clause });
  }
  if (c.checkIns) {
    const v = c.checkIns.value;
    const when = [v.beforeVisit && "when they set off", v.onArrival && "when they arrive", v.everyMinutes !== null && `every ${rhythm(v.everyMinutes)} while they are with you`, v.afterVisit && "when they leave"].filter(
      (w): w is string => typeof w === "string",
    );
    if (when.length > 0) items.push({ text: `Staff tell the school office ${list(when)}, so the school always knows where they are.`, clause: c.checkIns.clause });
  }
  return items;
}

function atTheDoor(policy: PolicyTemplate): FamilyCopyItem[] {
  const c = policy.conduct;
  const items: FamilyCopyItem[] = (c.goingIn?.value.questions ?? []).map((q) => ({
    // A copy saved before the family's wording existed: quote what staff are asked.
    text: q.forFamilies ?? `Before coming in, staff are asked: "${q.text}"`,
    clause: q.clause,
  }));
  const danger = c.immediateDanger;
  const police = { staff: " and call the police", office: "; the school office calls the police", not_stated: "" } as const;
  items.push({
    text: `If staff are ever in danger, they leave at once${police[danger.value.policeCalledBy]}${danger.value.fullReportRequired ? ", and a full report is made afterwards" : ""}.`,
    clause: danger.clause,
  });
  return items;
}

function afterVisit(policy: PolicyTemplate): FamilyCopyItem[] {
  const c = policy.conduct;
  const r = policy.records;
  const system = c.recordingSystem.value.system;
  const items: FamilyCopyItem[] = [
    {
      text: `What is said and agreed at the visit is written down and kept securely${system === "other" ? " in the school's records" : ` on the school's safeguarding record system (${system})`}.`,
      clause: c.recordingSystem.clause,
    },
  ];
  if (policy.calledCard) items.push({ text: "If nobody is at home, staff may leave a card asking you to contact the school.", clause: policy.calledCard.clause });
  if (madeByPolicy(r.transport.clause)) {
    const conditions = [r.transport.value.insuranceRequired && "in a car insured for it", r.transport.value.escortRequired && "with another adult in the car as escort"].filter((w): w is string => typeof w === "string");
    if (conditions.length > 0) items.push({ text: `Staff take a child anywhere by car only ${list(conditions)}.`, clause: r.transport.clause });
  }
  if (madeByPolicy(r.physicalIntervention.clause)) {
    const review = r.physicalIntervention.value.reviewWhereInjuryOrDistress ? "; if it caused injury or distress, it is reviewed" : "";
    items.push({
      text: `If staff ever have to hold or guide a child to keep them or others safe, it is recorded and reported to ${either(policy, r.physicalIntervention.value.routeTo, "and")}${review}.`,
      clause: r.physicalIntervention.clause,
    });
  }
  return items;
}

function concerns(policy: PolicyTemplate, school: FamilyCopySchool): FamilyCopyItem[] {
  const r = policy.records;
  const items: FamilyCopyItem[] = [];
  if (madeByPolicy(r.complaints.clause)) {
    items.push({ text: `If you are unhappy about a visit, tell ${either(policy, r.complaints.value.routeTo)} (${r.complaints.value.procedure}).`, clause: r.complaints.clause });
  } else {
    items.push({ text: "If you are unhappy about a visit, contact the school and ask for the headteacher: the school's complaints procedure applies.", clause: null });
  }
  if (madeByPolicy(r.allegations.clause)) {
    items.push({
      text: `A concern about how a member of staff behaved goes to ${either(policy, r.allegations.value.routeTo)}, or to ${either(policy, r.allegations.value.aboutHeadRouteTo)} if it is about the headteacher, and is dealt with under the ${r.allegations.value.procedure}.`,
      clause: r.allegations.clause,
    });
  }
  const reach = [school.phone && `phone ${school.phone}`, school.email && `email ${school.email}`].filter((w): w is string => typeof w === "string");
  if (reach.length > 0) items.push({ text: `To reply to the school about a visit, or to ask about this policy, ${list(reach)}.`, clause: null });
  return items;
}

function list(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** Minutes as a parent would read them: "20 minutes", "2 hours". */
function rhythm(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, "hour");
  if (minutes < 1) return plural(Math.round(minutes * 60), "second");
  return plural(minutes, "minute");
}
