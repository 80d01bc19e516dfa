import type { PolicyTemplateInput } from "../template";
import { animalsSecured, appointmentKept, feelsSafe, ID_CARD_TEXT, parentPresent } from "./at-the-door";

/** Coteford Junior School Home Visits Policy (published December 2025). */
export const coteford: PolicyTemplateInput = {
  id: "coteford",
  name: "Coteford Junior School Home Visits Policy",
  source: { document: "coteford-junior.txt", title: "Coteford Junior School Home Visits Policy" },
  review: {
    adopted: "2025-12",
    nextReviewDue: "2027-12",
    cycleMonths: 12,
    clause: "coteford cover, 6.2",
    note: "The cover gives the next review as December 2027, while 6.2 says the policy is reviewed annually by the School Business Manager.",
    reviewers: { roles: ["business_manager"], clause: "coteford 6.1, 6.2", note: "The School Business Manager monitors the policy, amends it after any incident or concern, and reviews it annually." },
  },
  absenceRules: [
    { kind: "legal_threshold_review", clause: "coteford 4.4", thresholdPercent: 90, months: 3 },
  ],
  conduct: {
    pairing: { value: "always_two", clause: "coteford 2.10" },
    checkIns: {
      value: { beforeVisit: true, onArrival: true, everyMinutes: 20, afterVisit: true },
      clause: "coteford 2.4, 3.10",
    },
    waitingLimitMinutes: { value: 20, clause: "coteford 3.4" },
    lateArrivalLimitMinutes: { value: 30, clause: "coteford 3.5" },
    approval: {
      value: {
        mode: "signed_list_before_visits",
        approvers: ["headteacher", "deputy_head"],
        withDslWhereSafeguarding: false,
        description:
          "Consult the Headteacher or Deputy Headteacher (2.1); the list of visits is approved and signed before any visit occurs (3.2-3.3). 3.3 names the Headteacher; 2.1 lets the Deputy Headteacher decide a visit, so either may sign.",
      },
      clause: "coteford 2.1, 3.2-3.3",
    },
    changeNotice: { value: { to: ["headteacher"] }, clause: "coteford 3.6" },
    dslBackgroundCheck: null,
    cancellationNotice: { value: { to: ["headteacher"] }, clause: "coteford 3.8, 3.9" },
    riskAssessment: { value: { required: true, by: "business_manager" }, clause: "coteford 2.5" },
    appointmentRequiredToEnter: {
      value: true,
      clause: "coteford 2.6",
      note: "Parent/carer present; written confirmation held in the school office; time, location and pupil recorded on CPOMS (2.7).",
    },
    goingIn: {
      value: {
        questions: [
          appointmentKept("coteford 2.6"),
          { ...parentPresent("coteford 2.6, 3.5"), text: "Is the parent or carer at home now (not still on their way)?", forFamilies: "Staff come in only when a parent or carer is at home; if you are running late, they wait outside until you arrive." },
          {
            id: "both_staff_going_in",
            text: "Are both of you going in together?",
            forbidsEntry: "no",
            whenForbidden: "refuse",
            refusal: "Do not go in alone: there must always be two members of staff.",
            forFamilies: "The two members of staff come in together; one never comes in alone.",
            clause: "coteford 2.10",
          },
          animalsSecured("coteford 3.9", "refuse"),
          feelsSafe("coteford 3.8"),
        ],
        reminders: [],
        showParentalResponsibility: true,
      },
      clause: "coteford 2.6",
      note: "2.6 says never without an appointment and a parent present: no exception with a reason.",
    },
    idCard: { value: { text: ID_CARD_TEXT }, clause: "coteford 3.7" },
    immediateDanger: {
      value: {
        policeCalledBy: "staff",
        phone: "Call the police now (999), then tell the office as soon as you can.",
        office: "Staff call the police themselves first (coteford 2.8), then tell the office. Phone them when it is safe to, and call 999 if you cannot reach them.",
        fullReportRequired: false,
      },
      clause: "coteford 2.8",
    },
    appointmentSignatures: null,
    recordingSystem: { value: { system: "CPOMS" }, clause: "coteford 2.7, 4.1" },
    requiredTraining: null,
    backgroundChecks: { value: { enhancedDbs: true, barredList: true }, clause: "coteford 5.1" },
    vehicles: { value: { detailsHeldBy: "business_manager", insuranceRequired: true }, clause: "coteford 2.9" },
  },
  agreements: {
    reminderLetter: "coteford 4.2, 4.3",
    attendanceNote: "coteford 4.3",
    followUpVisit: { value: { afterBreaches: 2 }, clause: "coteford 4.3", note: "\"Continued failure\" to keep the agreement: read as a second time." },
  },
  records: {
    physicalIntervention: {
      value: { routeTo: ["dsl", "headteacher"], reviewWhereInjuryOrDistress: true, procedure: "CJS Child Protection and Safeguarding Policy" },
      clause: "coteford 5.3, 5.4",
      note: "A last resort and the minimal force; one causing injury or distress may be considered under child protection or disciplinary procedures.",
    },
    allegations: { value: { routeTo: ["headteacher"], aboutHeadRouteTo: ["governor"], procedure: "Whistle Blowing Policy (on the school website)" }, clause: "coteford 5.5" },
    transport: { value: { insuranceRequired: true, escortRequired: true, procedure: "an additional adult in the car with responsibility for the child as escort" }, clause: "coteford 5.2" },
  },
  calledCard: {
    title: "Home Visit Notification - children/family not seen",
    text:
      "We attempted a home visit to you today to make contact with you. Unfortunately, we have been trying to get in touch with you " +
      "by phone; alternative contacts you gave us and listed emails. As this has not been possible we have visited you today. " +
      "Please contact the school on: {{school.phone}} to let us know you and your family are well.",
    clause: "coteford Appendix 3",
  },
  // Appendix 3 gives Coteford's own number; the card prints each school's own instead ({{school.phone}}).
  schoolContact: { phone: null, email: null, clause: "coteford Appendix 3" },
};
