import type { PolicyTemplateInput } from "../template";
import { animalsSecured, appointmentKept, feelsSafe, ID_CARD_TEXT, officeCallsPolice, parentPresent } from "./at-the-door";

/**
 * Hunsbury Park Primary School Home Visit Policy (last updated April 2022).
 * No absence rule starts a visit: the policy governs how visits are conducted.
 */
export const hunsburyPark: PolicyTemplateInput = {
  id: "hunsbury-park",
  name: "Hunsbury Park Primary School Home Visit Policy",
  source: { document: "hunsbury-park-primary.txt", title: "Home Visit Policy" },
  review: {
    adopted: "2022-04",
    nextReviewDue: "2023-04",
    cycleMonths: 12,
    clause: "hunsbury-park cover",
    note: "Last updated April 2022. The document states no review cycle; annual review is assumed, so it is overdue.",
    reviewers: { roles: ["headteacher"], clause: "hunsbury-park 6", note: "The headteacher monitors the policy and amends it after any incident or concern." },
  },
  absenceRules: [],
  roleNames: [
    {
      role: "visitor",
      name: "Family Support Worker (FSW)",
      clause: "hunsbury-park 1, 3",
      note: "The policy is for school staff and family support workers who make home visits; the FSW holds Doorstep's home visitor role, with the same access.",
    },
  ],
  conduct: {
    pairing: {
      value: "lone_working_allowed",
      clause: "hunsbury-park 2",
      note: "Staff follow the Lone Worker Policy while working alone; a parent is always present with the pupil (5).",
    },
    checkIns: {
      value: { beforeVisit: true, onArrival: false, everyMinutes: 120, afterVisit: true },
      clause: "hunsbury-park 2, 4",
    },
    waitingLimitMinutes: { value: 20, clause: "hunsbury-park 4" },
    lateArrivalLimitMinutes: { value: 30, clause: "hunsbury-park 4" },
    approval: null,
    changeNotice: { value: { to: ["headteacher"] }, clause: "hunsbury-park 4", note: "Once in place, appointment arrangements will be adhered to; the headteacher is told of any change." },
    dslBackgroundCheck: null,
    cancellationNotice: { value: { to: ["headteacher"] }, clause: "hunsbury-park 4" },
    riskAssessment: null,
    appointmentRequiredToEnter: {
      value: true,
      clause: "hunsbury-park 2",
      note: "Not unless an appointment has been made and the parent is present.",
    },
    goingIn: {
      value: {
        questions: [
          appointmentKept("hunsbury-park 2"),
          { ...parentPresent("hunsbury-park 2, 4"), text: "Is the parent at home now (not still on their way)?", forFamilies: "Staff come in only when a parent is at home; if you are running late, they wait outside until you arrive." },
          {
            id: "parent_stays_with_pupil",
            text: "Will a parent stay with you the whole time you are with the pupil?",
            forbidsEntry: "no",
            whenForbidden: "refuse",
            refusal: "Do not go in: you are never alone with a pupil; a parent is always present.",
            forFamilies: "Staff are never alone with your child: a parent is always there.",
            clause: "hunsbury-park 5",
          },
          animalsSecured("hunsbury-park 4", "refuse"),
          feelsSafe("hunsbury-park 4"),
        ],
        reminders: [{ text: "Never be alone with a pupil: a parent is always present.", clause: "hunsbury-park 5" }],
        showParentalResponsibility: true,
      },
      clause: "hunsbury-park 2",
    },
    idCard: { value: { text: ID_CARD_TEXT }, clause: "hunsbury-park 4" },
    immediateDanger: officeCallsPolice("hunsbury-park 2"),
    appointmentSignatures: null,
    recordingSystem: {
      value: { system: "other", detail: "Safeguarding concerns reported to the DSL or DDSLs; no system named." },
      clause: "hunsbury-park 5",
    },
    requiredTraining: {
      value: [
        "safe working practices",
        "cultural awareness",
        "diversity and racial equality",
        "specific equipment training",
        "manual handling",
        "first aid",
        "disengagement techniques",
      ],
      clause: "hunsbury-park 3",
      note: "School staff, more specifically the FSW, are fully trained in safe working practices; the rest the document says training \"may include\".",
      // "The FSW and SBM is responsible for organising the relevant training": the FSW holds the visitor role here.
      organisedBy: { roles: ["visitor", "business_manager"], clause: "hunsbury-park 3", note: "The Family Support Worker (FSW) and the School Business Manager organise the relevant training." },
    },
    backgroundChecks: null,
    vehicles: { value: { detailsHeldBy: "school office manager", insuranceRequired: true }, clause: "hunsbury-park 2" },
  },
  records: {
    physicalIntervention: { value: { routeTo: ["dsl", "headteacher"], reviewWhereInjuryOrDistress: true, procedure: "Physical Intervention Policy" }, clause: "hunsbury-park 5" },
    allegations: { value: { routeTo: ["headteacher"], aboutHeadRouteTo: ["governor"], procedure: "Allegations of Abuse Against Staff Policy" }, clause: "hunsbury-park 5" },
    complaints: { value: { routeTo: ["headteacher"], procedure: "Complaints Procedure Policy" }, clause: "hunsbury-park 5" },
    transport: {
      value: { insuranceRequired: true, escortRequired: false, procedure: "Private Car Transport Policy" },
      clause: "hunsbury-park 1",
      note: "The policy lists the Private Car Transport Policy among those it works with and says no more.",
    },
  },
  calledCard: null,
  schoolContact: null,
};
