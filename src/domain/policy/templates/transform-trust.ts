import type { PolicyTemplateInput } from "../template";
import { animalsSecured, feelsSafe, ID_CARD_TEXT } from "./at-the-door";

/** Transform Trust: home visits policy for attendance officers (review date September 2019). */
export const transformTrust: PolicyTemplateInput = {
  id: "transform-trust",
  name: "Transform Trust Attendance Officer Home Visits Policy",
  source: { document: "transform-trust.txt", title: "Home Visits Policy" },
  review: {
    adopted: null,
    nextReviewDue: "2019-09",
    cycleMonths: 12,
    clause: "transform-trust 7.2, 7.3",
    note: "Reviewed annually by the Attendance Improvement Co-ordinator; the stated review date, September 2019, has long passed.",
    reviewers: { roles: ["attendance_lead"], clause: "transform-trust 7.1, 7.2", note: "The Attendance Improvement Co-ordinator for Transform Trust monitors and reviews the policy; Doorstep's attendance lead role holds that duty." },
    approvers: {
      roles: ["headteacher", "governor", "attendance_lead"],
      each: true,
      clause: "transform-trust signatures",
      note: "Signed by the Headteacher and the Attendance governor (first page) and the Attendance Officer (last page); Doorstep's attendance lead signs as the Attendance Officer.",
    },
  },
  absenceRules: [
    {
      kind: "penalty_notice_review",
      clause: "transform-trust 5.3",
      // 5.3 says only "appropriate thresholds"; the figures are the national framework's.
      sessions: 10,
      weeks: 10,
      thresholdSource:
        "DfE national framework for penalty notices (August 2024): 10 sessions of unauthorised absence within a rolling 10 school weeks.",
    },
  ],
  conduct: {
    pairing: {
      value: "lone_working_allowed",
      clause: "transform-trust 2.4",
      note: "When working alone, officers follow the Lone Workers Policy and Risk Assessment Policy.",
    },
    checkIns: {
      value: { beforeVisit: true, onArrival: false, everyMinutes: null, afterVisit: true },
      clause: "transform-trust 2.3, 4.8",
      note: "Inform the office where they are going; check in by calling the office after the visit.",
    },
    waitingLimitMinutes: null,
    lateArrivalLimitMinutes: null,
    approval: {
      value: {
        mode: "planned_list_and_daily_reactive_list",
        approvers: ["headteacher", "attendance_lead"],
        withDslWhereSafeguarding: false,
        description:
          "An action/decision list decided at half-term/summary meetings, and a reactive list day to day (4.2). 4.2 names no decider; the policy is signed by the Headteacher, to whom cancellations go (4.5, 4.7), so the Headteacher or the attendance lead records the decision.",
      },
      clause: "transform-trust 4.2",
    },
    dslBackgroundCheck: null,
    cancellationNotice: { value: { to: ["headteacher"] }, clause: "transform-trust 4.5, 4.7" },
    riskAssessment: {
      value: { required: true, by: "attendance officer, under the Risk Assessment Policy" },
      clause: "transform-trust 2.4, 4.5",
    },
    appointmentRequiredToEnter: {
      value: false,
      clause: "transform-trust 4.3",
      note: "If parents are not at home, make appropriate enquiries and leave a visit card.",
    },
    goingIn: {
      value: {
        questions: [animalsSecured("transform-trust 4.6", "refuse"), feelsSafe("transform-trust 4.5")],
        reminders: [],
        showParentalResponsibility: true,
      },
      clause: "transform-trust 4.5, 4.6",
      note: "The policy sets no appointment or invitation rule for going in (4.3).",
    },
    idCard: { value: { text: ID_CARD_TEXT }, clause: "transform-trust 4.4" },
    immediateDanger: {
      value: {
        policeCalledBy: "not_stated",
        phone: "Get yourself out of the house now. Call 999 if you need help. Afterwards, complete a full report of what happened.",
        office:
          "The officer must get out of the house and then complete a full report (transform-trust 2.5). The policy does not say who calls the police: phone the officer, and call 999 if you cannot reach them.",
        fullReportRequired: true,
      },
      clause: "transform-trust 2.5",
    },
    appointmentSignatures: null,
    recordingSystem: {
      value: { system: "other", detail: "Agreements recorded as a parent contract and email; notes in the pupil's attendance record." },
      clause: "transform-trust 5.1, 5.2",
    },
    requiredTraining: {
      value: ["safe working practices", "cultural awareness", "diversity and racial equality", "specific equipment training", "first aid", "conflict management"],
      clause: "transform-trust 3.2",
      clauses: { "safe working practices": "transform-trust 3.1" },
    },
    backgroundChecks: { value: { enhancedDbs: true, barredList: true }, clause: "transform-trust 6.1" },
    vehicles: { value: { detailsHeldBy: "business_manager", insuranceRequired: true }, clause: "transform-trust 2.6" },
  },
  agreements: {
    reminderLetter: "transform-trust 5.2",
    attendanceNote: "transform-trust 5.2",
    followUpVisit: { value: { afterBreaches: 2 }, clause: "Doorstep default: a follow-up visit is proposed when an agreement is not kept a second time" },
  },
  records: {
    physicalIntervention: {
      value: { routeTo: ["dsl", "headteacher"], reviewWhereInjuryOrDistress: true, procedure: "Positive Handling/De-Escalation Policy" },
      clause: "transform-trust 6.3-6.5",
    },
    allegations: { value: { routeTo: ["headteacher"], aboutHeadRouteTo: ["governor"], procedure: "Allegations of Abuse against Staff Policy" }, clause: "transform-trust 6.6" },
    transport: {
      value: { insuranceRequired: true, escortRequired: true, procedure: "Private Car Transport Policy" },
      clause: "transform-trust 6.2, 2.6",
      note: "6.2 defers to the Private Car Transport Policy, which Doorstep does not hold; the vehicle's insurance is 2.6. An escort is asked for until the school records that its transport policy says otherwise.",
    },
  },
  familyCopy: { clause: "transform-trust statement of intent", note: "A copy of this policy will be made available to parent/carers." },
  calledCard: { title: null, text: null, clause: "transform-trust 4.3" },
  schoolContact: null,
};
