import type { PolicyTemplateInput } from "../template";
import { animalsSecured, feelsSafe, ID_CARD_TEXT } from "./at-the-door";

/** Burgh School, Lincolnshire: Home Visits Policy (agreed March 2026). */
export const burgh: PolicyTemplateInput = {
  id: "burgh",
  name: "Burgh School Home Visits Policy",
  source: { document: "burgh-lincolnshire.txt", title: "HOME VISITS POLICY" },
  review: {
    adopted: "2026-03",
    nextReviewDue: "2027-03",
    cycleMonths: 12,
    clause: "burgh 13",
    note: "Agreed March 2026; reviewed annually with the Safeguarding and Attendance policies, or earlier if legislation changes.",
    reviewers: { roles: ["headteacher", "dsl"], clause: "burgh 13", note: "The Headteacher and DSL monitor compliance and impact." },
    approvers: { roles: ["governor"], clause: "burgh 13", note: "The Governing Body approves this policy and reviews it annually." },
  },
  absenceRules: [
    { kind: "contact_parents", clause: "burgh 6.1" },
    {
      kind: "safe_and_well_visit",
      clause: "burgh 6.2",
      fromDay: 3,
      // "sooner for vulnerable children": the spec fixes sooner as Day 2.
      vulnerableFromDay: 2,
      trigger: "unreached_or_unexplained",
    },
    {
      kind: "eyes_on_visit",
      clause: "burgh 6.3",
      maxSchoolDaysUnseen: 5,
      // The must-visit replaces the safe-and-well visit on the list (spec: not listed when due).
      supersedes: ["safe_and_well_visit"],
    },
    {
      kind: "notify_local_authority",
      clause: "burgh local reporting duties (PNAR)",
      consecutiveUnauthorisedSchoolDays: 10,
    },
    { kind: "consider_cme_referral", clause: "burgh 9" },
  ],
  considerations: [
    // "persistent or severe absence": the DfE's measures (10% and 50% of possible sessions missed).
    { kind: "persistent_absence", clause: "burgh 6.4", persistentPercent: 10, severePercent: 50 },
    { kind: "safeguarding_indicators", clause: "burgh 6.5" },
  ],
  conduct: {
    companions: {
      value: { countTowardPair: false },
      clause: "burgh 1; burgh 9",
      note: "The policy applies to volunteers and external professionals accompanying staff, and asks staff to consider joint visits; it plans a paired visit (burgh 11) without saying that someone from outside the school makes one, so a pair is two members of staff.",
    },
    pairing: {
      value: "per_risk_assessment",
      clause: "burgh 7, 11",
      note: "The risk assessment decides whether the visit is paired; paired where risks are known or suspected.",
    },
    checkIns: {
      value: { beforeVisit: true, onArrival: false, everyMinutes: null, afterVisit: true },
      clause: "burgh 7, 10",
      note: "Leave a visit plan with the office (who, where, ETA back), agree check-in times, inform the office on leaving and returning.",
    },
    waitingLimitMinutes: null,
    lateArrivalLimitMinutes: null,
    approval: {
      value: {
        mode: "authorised_per_visit",
        approvers: ["headteacher"],
        withDslWhereSafeguarding: true,
        description: "The Headteacher authorises home visits, with the DSL where safeguarding is involved.",
      },
      clause: "burgh 5",
    },
    riskAssessment: {
      value: { required: true, by: "staff conducting the visit, overseen by the Headteacher" },
      clause: "burgh 7",
    },
    dslBackgroundCheck: {
      value: { by: ["dsl", "deputy_dsl"], description: "Check relevant background with the DSL before the visit." },
      clause: "burgh 7",
    },
    appointmentRequiredToEnter: {
      value: false,
      clause: "burgh 8",
      note: "Enter only when invited by a responsible adult; never if only a child is present; ground floor only.",
    },
    goingIn: {
      value: {
        questions: [
          {
            id: "invited_by_responsible_adult",
            text: "Has a responsible adult invited you in?",
            forbidsEntry: "no",
            whenForbidden: "refuse",
            refusal: "Do not go in unless a responsible adult invites you.",
            forFamilies: "Staff come in only when a responsible adult invites them in.",
            clause: "burgh 8",
          },
          {
            id: "only_child_present",
            text: "Is only a child (or only children) at home?",
            forbidsEntry: "yes",
            whenForbidden: "refuse",
            refusal: "Do not go in when only a child is at home.",
            forFamilies: "Staff never come in when only a child or children are at home.",
            clause: "burgh 8",
          },
          {
            // Delegated authority is allowed too: someone not on the list may be speaking for a parent, so say who.
            id: "adult_has_parental_responsibility",
            text: "Is the adult you will speak with one of the contacts with parental responsibility shown here?",
            forbidsEntry: "no",
            whenForbidden: "reason",
            refusal: "Speak only with adults who have parental responsibility or delegated authority: say who they are and what authority they have.",
            forFamilies: "Staff speak only with adults who have parental responsibility for your child, or whom you have asked to speak for you.",
            clause: "burgh 8",
          },
          {
            id: "ground_floor_only",
            text: "Can you stay on the ground floor, out of bedrooms?",
            forbidsEntry: "no",
            whenForbidden: "refuse",
            refusal: "Do not go in: stay on the ground floor and never enter bedrooms.",
            forFamilies: "Staff stay on the ground floor and never go into bedrooms.",
            clause: "burgh 8",
          },
          // "request that animals are secured in another room": asked for, not a bar to entry.
          animalsSecured("burgh 8", "reason"),
          { ...feelsSafe("burgh 7, 8"), text: "Do you feel safe to go in (no reasonable doubt about safety)?" },
        ],
        reminders: [
          { text: "Stay on the ground floor; do not enter bedrooms.", clause: "burgh 8" },
          { text: "Speak only with adults who have parental responsibility or delegated authority.", clause: "burgh 8" },
          { text: "Leave at once if you feel uncomfortable or at risk.", clause: "burgh 8" },
        ],
        showParentalResponsibility: true,
      },
      clause: "burgh 8",
    },
    // "show school ID" on arrival.
    idCard: { value: { text: ID_CARD_TEXT }, clause: "burgh 8" },
    immediateDanger: {
      value: {
        policeCalledBy: "staff",
        phone: "Leave now and call 999.",
        office: "Staff call 999 themselves (burgh 8). Phone them when it is safe to, and call 999 if you cannot reach them.",
        fullReportRequired: false,
      },
      clause: "burgh 8",
    },
    appointmentSignatures: null,
    recordingSystem: { value: { system: "CPOMS", detail: "Safeguarding records on CPOMS; attendance actions on the school attendance system." }, clause: "burgh 2, Appendix A" },
    requiredTraining: null,
    backgroundChecks: null,
    vehicles: null,
  },
  referralDeciders: [
    {
      kinds: ["safeguarding", "police_welfare_check"],
      roles: ["dsl", "deputy_dsl"],
      clause: "burgh 5, Appendix A",
      note: "The DSL determines referrals to children's social care and police; a deputy DSL acts for the DSL.",
    },
  ],
  records: {
    complaints: { value: { routeTo: ["headteacher"], procedure: "parents/carers raise any concerns about a visit with the Headteacher" }, clause: "burgh 5" },
    agencyChecks: {
      value: { routeTo: ["dsl", "deputy_dsl", "headteacher", "attendance_lead"], procedure: "the DSL-led processes of the Child Protection and Safeguarding Policy" },
      clause: "burgh Appendix A Day 3; burgh 9",
      note: "Continue multi-agency checks (social care, other schools); liaise with professionals already involved to avoid duplication and consider joint visits. The DSL advises and triages (burgh 5); the Attendance Champion is part of the discussion when concerns remain (burgh 9).",
    },
    alternativeVenues: {
      value: { routeTo: ["attendance_lead", "headteacher", "dsl"], procedure: "offer alternative face-to-face meeting options; online meetings are a last resort" },
      clause: "burgh 3; burgh 9",
    },
  },
  noAnswer: {
    tell: ["dsl"],
    purposes: ["eyes_on"],
    clause: "burgh Appendix A Day 6",
    note: "No response at the address on the Day-6 visit: leave the card and escalate to the DSL, who decides on a safeguarding referral or a police welfare check.",
  },
  calledCard: {
    title: "SORRY WE MISSED YOU!",
    text:
      "We visited today as your child was absent from school. Please contact us as soon as possible to confirm they are safe, " +
      "the reason for absence, and when they will return. If we do not hear from you promptly, we may seek advice from other " +
      "professionals to make sure your child is safe and well.",
    clause: "burgh Appendix B",
  },
  // Appendix B prints the school's own number and address; a seed carries no real school's, so the card uses each school's own.
  schoolContact: { phone: null, email: null, clause: "burgh Appendix B" },
};
