import { z } from "zod";
import { ACTION_KINDS } from "../attendance/actions";
import { VISIT_RECORD_READERS } from "../people/need-to-know";
import { ROLES, type Role } from "../people/roles";
import { REFERRAL_KINDS } from "../records/referral-kinds";
import { VISIT_PURPOSES } from "../visits/visit-purposes";

/**
 * A school's home-visit policy written as data. The rule *kinds* are code (the
 * engine knows how to evaluate each); everything a school may reasonably change
 * (thresholds, days, minutes, who approves) is a parameter here, and every rule
 * or parameter taken from the document carries the clause it comes from, so a
 * list entry or a refusal can always say "because coteford 2.4".
 *
 * Schools store edited copies as JSON; `policyTemplateSchema` validates them.
 */

export const POLICY_IDS = ["burgh", "scargill", "coteford", "transform-trust", "hunsbury-park"] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

export function isPolicyId(value: unknown): value is PolicyId {
  return typeof value === "string" && (POLICY_IDS as readonly string[]).includes(value);
}

/** Where in the document a rule or parameter comes from, e.g. "coteford 2.4". */
const clause = z.string().trim().min(1);

/** `YYYY-MM`: policy documents date their reviews to the month. */
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM");

const dayCount = z.number().int().min(1);
const minutes = z.number().int().min(1);
/**
 * The check-in rhythm, in minutes to the second (0.5 is thirty seconds): every
 * policy counts in minutes, but a drill, or the safety bench's 20-second rhythm,
 * needs less than one.
 */
const checkInMinutes = z
  .number()
  .positive()
  .refine((m) => Math.abs(m * 60 - Math.round(m * 60)) < 0.01 && Math.round(m * 60) >= 10, { message: "a whole number of seconds, at least 10 seconds (e.g. 20, or 0.5 for thirty seconds)" });

/** A value the document sets, with the clause that sets it. */
function provision<T extends z.ZodType>(value: T) {
  return z.object({ value, clause, note: z.string().optional() });
}

const actionKind = z.enum(ACTION_KINDS);

/** Fields every absence rule has. `supersedes`: actions not listed for a pupil when this one is due. */
const ruleBase = { clause, supersedes: z.array(actionKind).default([]) };

const contactParentsRule = z.object({
  kind: z.literal("contact_parents"),
  ...ruleBase,
});

const safeAndWellRule = z.object({
  kind: z.literal("safe_and_well_visit"),
  ...ruleBase,
  /** Day of the absence run from which the visit is due. */
  fromDay: dayCount,
  /** The same for a child known to social care or otherwise vulnerable ("sooner"). */
  vulnerableFromDay: dayCount,
  /**
   * `unreached_or_unexplained`: due while nobody is reached OR today is still `N`
   * (burgh 6.2: "contact remains unsuccessful or reasons are unclear").
   * `unreached_and_unexplained`: due only when both hold (scargill: "unable to
   * contact parents and a child is absent without any explanation").
   */
  trigger: z.enum(["unreached_or_unexplained", "unreached_and_unexplained"]),
});

const eyesOnRule = z.object({
  kind: z.literal("eyes_on_visit"),
  ...ruleBase,
  /** Most school days a child may go unseen; the visit is due the day after (burgh 6.3: 5, so Day 6). */
  maxSchoolDaysUnseen: dayCount,
});

const notifyLocalAuthorityRule = z.object({
  kind: z.literal("notify_local_authority"),
  ...ruleBase,
  consecutiveUnauthorisedSchoolDays: dayCount,
});

const cmeReferralRule = z.object({
  kind: z.literal("consider_cme_referral"),
  ...ruleBase,
});

const unannouncedVisitRule = z.object({
  kind: z.literal("unannounced_visit"),
  ...ruleBase,
  minAbsenceDays: dayCount,
  minUnseenDays: dayCount,
});

const legalThresholdRule = z.object({
  kind: z.literal("legal_threshold_review"),
  ...ruleBase,
  /** Attendance % strictly below this starts the review. */
  thresholdPercent: z.number().gt(0).max(100),
  /** Length of the window in calendar months ending today. */
  months: z.number().int().min(1).max(24),
});

const penaltyNoticeRule = z.object({
  kind: z.literal("penalty_notice_review"),
  ...ruleBase,
  /** Sessions coded G, N, O or U that start the review. */
  sessions: z.number().int().min(1),
  /** Calendar weeks (Monday to Sunday) holding a school day, the current one included. */
  weeks: z.number().int().min(1).max(52),
  /** Where the thresholds come from when the document leaves them to national guidance. */
  thresholdSource: z.string().optional(),
});

export const absenceRuleSchema = z.discriminatedUnion("kind", [
  contactParentsRule,
  safeAndWellRule,
  eyesOnRule,
  notifyLocalAuthorityRule,
  cmeReferralRule,
  unannouncedVisitRule,
  legalThresholdRule,
  penaltyNoticeRule,
]);

export const PAIRING_RULES = ["always_two", "per_risk_assessment", "lone_working_allowed"] as const;

/**
 * One question the phone asks at the door before "went in", answered yes or no.
 * `forbidsEntry` is the answer that stops entry: `refuse` means the policy says
 * never; `reason` means entry is allowed only with a recorded reason (the policy
 * asks for something without forbidding entry, e.g. "request that animals are
 * secured").
 */
export const goingInQuestionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a snake_case id"),
  text: z.string().min(1),
  forbidsEntry: z.enum(["yes", "no"]),
  whenForbidden: z.enum(["refuse", "reason"]),
  /** What the phone says when the answer stops entry. */
  refusal: z.string().min(1),
  /** The rule as the family's copy of the policy says it ("Staff come in only when …"); a copy saved before this has none, and the family's copy quotes the question. */
  forFamilies: z.string().min(1).optional(),
  clause,
});

/** The going-in rules: the questions at the door, and what to keep in mind once inside. */
const goingInSchema = z.object({
  questions: z.array(goingInQuestionSchema),
  /** Shown with the questions and once inside (burgh 8: ground floor only, no bedrooms). */
  reminders: z.array(z.object({ text: z.string().min(1), clause })),
  /** Show the family's contacts with parental responsibility at the door (burgh 8: speak only with them). */
  showParentalResponsibility: z.boolean(),
});

export const POLICE_CALLERS = ["staff", "office", "not_stated"] as const;

/** What happens when staff raise the immediate-danger alarm, as the policy says it. */
const immediateDangerSchema = z.object({
  /** Who calls the police: the member of staff (coteford 2.8, burgh 8), the office (scargill, hunsbury-park 2), or the policy does not say (transform-trust 2.5). */
  policeCalledBy: z.enum(POLICE_CALLERS),
  /** What the phone tells the member of staff once the alarm is raised. */
  phone: z.string().min(1),
  /** What the office board, the alert notice and the alert email tell the office. */
  office: z.string().min(1),
  /** The policy asks for a full report afterwards (transform-trust 2.5): Doorstep asks for it until one is filed. */
  fullReportRequired: z.boolean(),
});

/**
 * The training kinds whoever visits must have on record. One clause covers the
 * list; a kind the document requires in a clause of its own names it in
 * `clauses` (transform-trust 3.1: "fully trained in safe working practices",
 * beside 3.2's list), so a refusal cites the clause that asks for that kind.
 */
const requiredTrainingSchema = z.object({
  value: z.array(z.string().min(1)),
  clause,
  note: z.string().optional(),
  clauses: z.record(z.string(), clause).default({}),
  /** Who organises the training (scargill training: the Head of School; hunsbury-park 3: the FSW and SBM); null where the document does not say. */
  organisedBy: z.object({ roles: z.array(z.enum(ROLES)).min(1), clause, note: z.string().optional() }).nullable().default(null),
});

/** The clause that requires `kind` of whoever visits. */
export function trainingClause(training: z.infer<typeof requiredTrainingSchema>, kind: string): string {
  return training.clauses[kind] ?? training.clause;
}

export const visitConductSchema = z.object({
  pairing: provision(z.enum(PAIRING_RULES)),
  /** Calls to the school office during a visit; null where the document is silent. */
  checkIns: provision(
    z.object({
      beforeVisit: z.boolean(),
      onArrival: z.boolean(),
      everyMinutes: checkInMinutes.nullable(),
      afterVisit: z.boolean(),
    }),
  ).nullable(),
  /** How long to wait for a parent who is not there at the arranged time. */
  waitingLimitMinutes: provision(minutes).nullable(),
  /** A parent who said they would be late: cancel after this many minutes. */
  lateArrivalLimitMinutes: provision(minutes).nullable(),
  approval: provision(
    z.object({
      mode: z.enum(["authorised_per_visit", "signed_list_before_visits", "planned_list_and_daily_reactive_list", "decided_by_named_staff"]),
      approvers: z.array(z.string().min(1)).min(1),
      /** The DSL must also agree where safeguarding is involved. */
      withDslWhereSafeguarding: z.boolean(),
      description: z.string().min(1),
    }),
  ).nullable(),
  /**
   * A cancelled visit's reason goes in writing to `to` (coteford 3.8, 3.9;
   * hunsbury-park 4; transform-trust 4.5, 4.7). Null where the policy says
   * nothing: Doorstep still writes to the head, citing no clause.
   */
  cancellationNotice: provision(z.object({ to: z.array(z.enum(ROLES)).min(1) })).nullable().default(null),
  /** Who is told when a visit's arrangements change once in place (coteford 3.6, hunsbury-park 4); defaulted for copies saved before it. */
  changeNotice: provision(z.object({ to: z.array(z.enum(ROLES)).min(1) })).nullable().default(null),
  /**
   * People from outside the school accompanying a visit (burgh 1, 9): whether one
   * counts as the second person of a paired visit. Null where the policy does not
   * speak of them: then they never do, and a pair is two members of staff.
   */
  companions: provision(z.object({ countTowardPair: z.boolean() })).nullable().default(null),
  riskAssessment: provision(z.object({ required: z.boolean(), by: z.string().min(1) })).nullable(),
  /**
   * Relevant background checked with the DSL before the visit (burgh 7): recorded
   * on the visit by one of `by`, and the plan is not lodged until it is.
   */
  dslBackgroundCheck: provision(z.object({ by: z.array(z.enum(ROLES)).min(1), description: z.string().min(1) }))
    .nullable()
    .default(null),
  appointmentRequiredToEnter: provision(z.boolean()).nullable(),
  /** Signatures kept with the written appointment record. */
  appointmentSignatures: provision(z.object({ parent: z.boolean(), officer: z.boolean() })).nullable(),
  recordingSystem: provision(z.object({ system: z.enum(["CPOMS", "MyConcern", "other"]), detail: z.string().optional() })),
  requiredTraining: requiredTrainingSchema.nullable(),
  backgroundChecks: provision(z.object({ enhancedDbs: z.boolean(), barredList: z.boolean() })).nullable(),
  vehicles: provision(z.object({ detailsHeldBy: z.string().min(1), insuranceRequired: z.boolean() })).nullable(),
  /** Questions before "went in" and which answers forbid entry; null where the document says nothing about going in. */
  goingIn: provision(goingInSchema).nullable(),
  /** Identification worn on the visit: confirmed before "departed". */
  idCard: provision(z.object({ text: z.string().min(1) })).nullable(),
  immediateDanger: provision(immediateDangerSchema),
  /**
   * What happens when a check-in is missed: amber to the office at once, then the
   * head or a senior leader, then a named person prompted to call the police.
   * No seed policy sets these timings, so Doorstep's defaults apply until a school
   * sets its own.
   */
  escalation: provision(z.object({ seniorAfterMinutes: minutes, policeAfterMinutes: minutes }))
    .refine((e) => e.value.policeAfterMinutes > e.value.seniorAfterMinutes, { message: "the police prompt must come after the senior leader", path: ["value", "policeAfterMinutes"] })
    .default({ value: { seniorAfterMinutes: 10, policeAfterMinutes: 20 }, clause: "Doorstep default: the policy sets no escalation timings" }),
});

/**
 * Occasions on which the policy says a visit "may be considered" (burgh 6.4, 6.5),
 * beside the absence rules that make one due. They are not actions: the action
 * list (`evaluate`) is fixed by spec/evaluate.md, and a discretionary visit is a
 * person's decision. The Today page lists them under their clause.
 */
export const considerationSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("persistent_absence"),
    clause,
    /** DfE: persistent absence is missing 10% or more of possible sessions; severe, 50% or more. */
    persistentPercent: z.number().gt(0).max(100),
    severePercent: z.number().gt(0).max(100),
  }),
  z.object({ kind: z.literal("safeguarding_indicators"), clause }),
]);
export type Consideration = z.infer<typeof considerationSchema>;

const reviewDutySchema = z.object({
  roles: z.array(z.enum(ROLES)).min(1),
  /** Each of the roles signs, not any one of them (transform-trust: the Headteacher, the Attendance governor and the Attendance Officer sign the policy). */
  each: z.boolean().default(false),
  clause,
  note: z.string().optional(),
});

export type ReviewDuty = z.infer<typeof reviewDutySchema>;

const signatureSchema = z.object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"), by: z.string().min(1), role: z.enum(ROLES) });

/** A review of the policy, recorded by one of its reviewers (and, where the policy asks, approved). */
const policyReviewSchema = z.object({
  /** `YYYY-MM-DD` the review was recorded. */
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  by: z.string().min(1),
  role: z.enum(ROLES),
  outcome: z.enum(["no_changes", "amended"]),
  note: z.string().min(1),
  /** The approval that made the review count (the last signature, where each approver signs). */
  approved: signatureSchema.nullable().default(null),
  /** Where each approver signs: the signatures so far, in order. */
  signatures: z.array(signatureSchema).default([]),
});
export type PolicyReview = z.infer<typeof policyReviewSchema>;
export type ReviewOutcome = PolicyReview["outcome"];

/** Only roles that may open the visit records page (VISIT_RECORD_READERS) can be sent a record. */
const routeTo = z
  .array(z.enum(ROLES))
  .min(1)
  .refine((rs) => rs.every((r) => VISIT_RECORD_READERS.includes(r)), { message: `each role must be one of ${VISIT_RECORD_READERS.join(", ")}` });
/** The other policy a record follows, as the document names it ("Whistle Blowing Policy"). */
const procedure = z.string().min(1);

/**
 * Where no seed clause speaks of a record, Doorstep still keeps it, routed as
 * KCSIE would have it, and says so in the clause.
 */
const roles = (...r: Role[]): Role[] => r;

function doorstepRecordDefaults() {
  return {
    physicalIntervention: { value: { routeTo: roles("dsl", "headteacher"), reviewWhereInjuryOrDistress: true, procedure: "the school's positive handling policy" }, clause: "Doorstep default: the policy does not speak of physical intervention" },
    allegations: { value: { routeTo: roles("headteacher"), aboutHeadRouteTo: roles("governor"), procedure: "the school's allegations against staff procedure" }, clause: "Doorstep default: the policy does not speak of allegations against staff" },
    complaints: { value: { routeTo: roles("headteacher"), procedure: "the school's complaints procedure" }, clause: "Doorstep default: the policy does not speak of complaints" },
    transport: { value: { insuranceRequired: true, escortRequired: true, procedure: "the school's transport arrangements" }, clause: "Doorstep default: the policy does not speak of transporting a pupil" },
    // What another agency says about a child is safeguarding information: the DSL team and the head, and the attendance lead who chases the absence.
    agencyChecks: { value: { routeTo: roles("dsl", "deputy_dsl", "headteacher", "attendance_lead"), procedure: "the school's child protection and safeguarding policy" }, clause: "Doorstep default: the policy does not speak of multi-agency checks" },
    alternativeVenues: { value: { routeTo: roles("attendance_lead", "headteacher"), procedure: "the school's attendance policy" }, clause: "Doorstep default: the policy does not speak of alternative venues" },
  } satisfies Record<string, { value: Record<string, unknown>; clause: string }>;
}

/**
 * The records a policy requires after a visit, with whom each goes to (issue 21).
 * Every part defaults, so a school's copy saved before these existed still reads.
 */
export const recordRulesSchema = z.object({
  /** What, why, force used, injuries; to the DSL and head; review where it caused injury or distress (coteford 5.3-5.4). */
  physicalIntervention: provision(z.object({ routeTo, reviewWhereInjuryOrDistress: z.boolean(), procedure })).default(() => doorstepRecordDefaults().physicalIntervention),
  /** To the head, or to the governors (the chair) when the allegation is about the head (coteford 5.5). */
  allegations: provision(z.object({ routeTo, aboutHeadRouteTo: routeTo, procedure })).default(() => doorstepRecordDefaults().allegations),
  /** burgh 5: parents raise concerns about a visit with the Headteacher. */
  complaints: provision(z.object({ routeTo, procedure })).default(() => doorstepRecordDefaults().complaints),
  /** coteford 5.2: the car insured and an additional adult as escort. */
  transport: provision(z.object({ insuranceRequired: z.boolean(), escortRequired: z.boolean(), procedure })).default(() => doorstepRecordDefaults().transport),
  /** burgh Appendix A Day 3, burgh 9: checks with social care, other schools and professionals already involved. */
  agencyChecks: provision(z.object({ routeTo, procedure })).default(() => doorstepRecordDefaults().agencyChecks),
  /** burgh 3, burgh 9: a meeting offered at school reception or a Children's Centre instead of the home. */
  alternativeVenues: provision(z.object({ routeTo, procedure })).default(() => doorstepRecordDefaults().alternativeVenues),
});

/**
 * An agreement with a parent that is not kept (coteford 4.2, 4.3; transform-trust
 * 5.2): the reminder letter and the note on the attendance record cite these
 * clauses (none where the policy has no such provision), and a follow-up visit
 * is proposed once it has not been kept `afterBreaches` times.
 */
const agreementRulesSchema = z.object({
  reminderLetter: clause.nullable(),
  attendanceNote: clause.nullable(),
  followUpVisit: provision(z.object({ afterBreaches: z.number().int().min(1).max(10) })),
});
export type AgreementRules = z.infer<typeof agreementRulesSchema>;

/** What Doorstep does where a policy says nothing of agreements. */
export const DOORSTEP_AGREEMENT_RULES: AgreementRules = {
  reminderLetter: null,
  attendanceNote: null,
  followUpVisit: { value: { afterBreaches: 2 }, clause: "Doorstep default: a follow-up visit is proposed when an agreement is not kept a second time" },
};

export const policyTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a lower-case slug"),
  name: z.string().min(1),
  source: z.object({
    /** The document this template transcribes (shared/seeds/...). */
    document: z.string().min(1),
    title: z.string().min(1),
  }),
  review: z.object({
    /** When the document was agreed, published or last updated. */
    adopted: yearMonth.nullable(),
    nextReviewDue: yearMonth,
    cycleMonths: z.number().int().min(1).nullable(),
    clause,
    note: z.string().optional(),
    /** Who reviews the policy (coteford 6.2: the School Business Manager; transform-trust 7.2: the Attendance Improvement Co-ordinator). */
    reviewers: reviewDutySchema.default(() => ({ roles: roles("headteacher"), each: false, clause: "Doorstep default: the policy does not say who reviews it" })),
    /** Who must approve a review before it counts (burgh 13: the Governing Body approves); null when the reviewer's word is enough. */
    approvers: reviewDutySchema.nullable().default(null),
    /** The last review that counts: it set `adopted` and `nextReviewDue`. */
    lastReview: policyReviewSchema.nullable().default(null),
    /** A review recorded but not yet approved by the approvers. */
    awaitingApproval: policyReviewSchema.nullable().default(null),
  }),
  absenceRules: z.array(absenceRuleSchema),
  considerations: z.array(considerationSchema).default([]),
  conduct: visitConductSchema,
  /**
   * What the document calls the people who hold a role, where it is not
   * Doorstep's word (hunsbury-park 1, 3: the home visitors are "family support
   * workers (FSW)"). A name only: the role and its access are unchanged.
   */
  roleNames: z.array(z.object({ role: z.enum(ROLES), name: z.string().min(1), clause, note: z.string().optional() })).default([]),
  /**
   * The policy says a copy is made available to parents (scargill introduction:
   * "via the school website"; transform-trust statement of intent). Doorstep
   * makes the families' copy for every school; this names the clause where the
   * document asks for it, and is null where it does not.
   */
  familyCopy: z.object({ clause, note: z.string().optional() }).nullable().default(null),
  /**
   * Referral kinds only certain roles may open (burgh 5, Appendix A: the DSL
   * determines safeguarding referrals and police welfare checks). A kind no entry
   * names is open to everyone the referrals route admits. Defaulted, so a school's
   * copy saved before this existed still reads.
   */
  referralDeciders: z.array(z.object({ kinds: z.array(z.enum(REFERRAL_KINDS)).min(1), roles: z.array(z.enum(ROLES)).min(1), clause, note: z.string().optional() })).default([]),
  records: recordRulesSchema.default(doorstepRecordDefaults),
  agreements: agreementRulesSchema.default(DOORSTEP_AGREEMENT_RULES),
  /** The "We called today" card left when nobody answers. */
  calledCard: z.object({ title: z.string().nullable(), text: z.string().nullable(), clause }).nullable(),
  /**
   * Who is told at once when a visit gets no answer at the door (burgh Appendix A,
   * Day 6: "if no response at the address ... escalate to DSL"), for which visit
   * purposes (null: any). Null where the policy says nothing beyond the card.
   */
  noAnswer: z.object({ tell: z.array(z.enum(ROLES)).min(1), purposes: z.array(z.enum(VISIT_PURPOSES)).min(1).nullable(), clause, note: z.string().optional() }).nullable().default(null),
  schoolContact: z.object({ phone: z.string().nullable(), email: z.string().nullable(), clause }).nullable(),
});

export type PolicyTemplate = z.infer<typeof policyTemplateSchema>;
/** A template as written in source or JSON: rule fields with defaults may be left out. */
export type PolicyTemplateInput = z.input<typeof policyTemplateSchema>;
export type AbsenceRule = z.infer<typeof absenceRuleSchema>;
export type AbsenceRuleKind = AbsenceRule["kind"];
export type AbsenceRuleOf<K extends AbsenceRuleKind> = Extract<AbsenceRule, { kind: K }>;
export type VisitConduct = z.infer<typeof visitConductSchema>;
export type RecordRules = z.infer<typeof recordRulesSchema>;
export type PairingRule = (typeof PAIRING_RULES)[number];
export type GoingInRules = z.infer<typeof goingInSchema>;
export type GoingInQuestion = z.infer<typeof goingInQuestionSchema>;
export type ImmediateDanger = z.infer<typeof immediateDangerSchema>;
export interface Provision<T> {
  value: T;
  clause: string;
  note?: string;
}
