import type { PolicyTemplateInput } from "../template";
import { animalsSecured, appointmentKept, feelsSafe, ID_CARD_TEXT, officeCallsPolice, parentPresent } from "./at-the-door";

/** Scargill Primary School: home visits policy for attendance staff (next review November 2026). */
export const scargill: PolicyTemplateInput = {
  id: "scargill",
  name: "Scargill Primary School Home Visits Policy",
  source: { document: "scargill-primary.txt", title: "Home Visits Policy" },
  review: {
    adopted: null,
    nextReviewDue: "2026-11",
    cycleMonths: 12,
    clause: "scargill review",
    note: "Reviewed annually by the Head of School; the next scheduled review is November 2026.",
    reviewers: { roles: ["headteacher"], clause: "scargill review", note: "Reviewed annually by the Head of School." },
  },
  absenceRules: [
    {
      kind: "safe_and_well_visit",
      clause: "scargill safe and well check",
      // "on the first day of absence, if school have been unable to contact parents and a child is absent without any explanation"
      fromDay: 1,
      vulnerableFromDay: 1,
      trigger: "unreached_and_unexplained",
    },
    {
      kind: "unannounced_visit",
      clause: "scargill three day absence check",
      minAbsenceDays: 3,
      minUnseenDays: 3,
      supersedes: ["safe_and_well_visit"],
    },
  ],
  conduct: {
    pairing: {
      value: "always_two",
      clause: "scargill personal safety",
      note: "Staff will not make a home visit alone; both kinds of visit are made by two members of staff.",
    },
    checkIns: null,
    waitingLimitMinutes: null,
    lateArrivalLimitMinutes: null,
    approval: {
      value: {
        mode: "decided_by_named_staff",
        approvers: ["attendance_lead", "headteacher", "dsl"],
        withDslWhereSafeguarding: true,
        description:
          "Safe and well checks follow the Attendance Policy; the attendance officer, Head of School and DSL may also decide on a check where they have welfare concerns.",
      },
      clause: "scargill safe and well check",
    },
    dslBackgroundCheck: null,
    riskAssessment: null,
    appointmentRequiredToEnter: {
      value: true,
      clause: "scargill personal safety",
      note: "Not unless an appointment has been made and the parent is present; written confirmation held in the school office.",
    },
    goingIn: {
      value: {
        questions: [
          appointmentKept("scargill personal safety"),
          parentPresent("scargill personal safety"),
          {
            id: "second_staff_inside",
            text: "Will another member of staff be with you the whole time you are inside?",
            forbidsEntry: "no",
            whenForbidden: "refuse",
            refusal: "Do not go in: you are never alone with a pupil; a parent and another member of staff are always there.",
            forFamilies: "Staff are never alone with your child: a parent and another member of staff are always there.",
            clause: "scargill after the visit",
          },
          // "the staff will request that they are kept in a separate room": asked for, not a bar to entry.
          animalsSecured("scargill in both circumstances", "reason"),
          feelsSafe("scargill in both circumstances"),
        ],
        reminders: [{ text: "Never be alone with a pupil: a parent and another member of staff are always present.", clause: "scargill after the visit" }],
        showParentalResponsibility: true,
      },
      clause: "scargill personal safety",
    },
    idCard: { value: { text: ID_CARD_TEXT }, clause: "scargill in both circumstances" },
    immediateDanger: officeCallsPolice("scargill personal safety"),
    appointmentSignatures: { value: { parent: true, officer: true }, clause: "scargill personal safety" },
    recordingSystem: { value: { system: "MyConcern" }, clause: "scargill after the visit" },
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
      clause: "scargill training",
      note: "Staff who make visits are fully trained in safe working practices, and before their duties in the kinds listed.",
      organisedBy: { roles: ["headteacher"], clause: "scargill training", note: "The Head of School organises the relevant training." },
    },
    backgroundChecks: null,
    vehicles: { value: { detailsHeldBy: "school business manager", insuranceRequired: true }, clause: "scargill personal safety" },
  },
  records: {
    physicalIntervention: { value: { routeTo: ["dsl", "headteacher"], reviewWhereInjuryOrDistress: true, procedure: "Physical Intervention Policy" }, clause: "scargill after the visit" },
    allegations: {
      value: { routeTo: ["headteacher"], aboutHeadRouteTo: ["governor"], procedure: "Low-level Safeguarding Concerns Policy or Allegations of Abuse Against Staff Policy" },
      clause: "scargill after the visit",
    },
    complaints: { value: { routeTo: ["headteacher"], procedure: "Complaints Procedure Policy" }, clause: "scargill after the visit" },
  },
  familyCopy: { clause: "scargill introduction", note: "A copy of this policy will be made available to parents via the school website." },
  calledCard: null,
  schoolContact: null,
};
