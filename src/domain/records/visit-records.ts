/**
 * The records the seed policies require after something happens on a visit,
 * as one typed family (issue 21): each kind's details, where it goes (the
 * template's route, with its clause), and what a transport record is checked
 * against. Pure: the app supplies who the allegation is about and the driver's
 * staff record.
 */
import { z } from "zod";
import type { IsoDate } from "../attendance/iso-date";
import type { Role } from "../people/roles";
import type { StaffRecord } from "../people/staff-record";
import type { PolicyTemplate } from "../policy/template";

export const VISIT_RECORD_KINDS = ["physical_intervention", "allegation", "complaint", "transport", "agency_check", "alternative_venue"] as const;
export type VisitRecordKind = (typeof VISIT_RECORD_KINDS)[number];


/** The agencies a school checks with about a child (burgh Appendix A Day 3: "e.g., social care, other schools"). */
export const AGENCY_KINDS = ["childrens_social_care", "other_school", "police", "health", "early_help", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_LABELS: Record<AgencyKind, string> = {
  childrens_social_care: "Children's social care",
  other_school: "Another school",
  police: "Police",
  health: "Health",
  early_help: "Early help",
  other: "Other",
};

/** What the family said to the venue offered (burgh 9: "offer alternative face-to-face meeting options"). */
export const VENUE_ANSWERS = ["accepted", "declined", "awaiting"] as const;
export type VenueAnswer = (typeof VENUE_ANSWERS)[number];
export const VENUE_ANSWER_LABELS: Record<VenueAnswer, string> = { accepted: "Accepted", declined: "Declined", awaiting: "Not answered yet" };

const text = (max = 4000) => z.string().trim().min(1).max(max);

export const visitRecordDetailsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("physical_intervention"),
    what: text(),
    why: text(),
    force: text(),
    /** Empty when none. */
    injuries: z.string().trim().max(4000).default(""),
    /** The child was distressed by it (coteford 5.4: "injury or distress"). */
    distress: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal("allegation"),
    /** The member of staff the allegation is about. */
    againstUserId: z.uuid(),
    madeBy: text(200),
    allegation: text(10000),
  }),
  z.object({ kind: z.literal("complaint"), raisedBy: text(200), complaint: text(10000) }),
  z.object({
    kind: z.literal("transport"),
    driverUserId: z.uuid(),
    /** The additional adult in the car with responsibility for the child (coteford 5.2). */
    escortName: z.string().trim().max(200).default(""),
    from: text(300),
    to: text(300),
    reason: text(),
  }),
  z.object({
    kind: z.literal("agency_check"),
    agency: z.enum(AGENCY_KINDS),
    /** The service or school by name ("Lincolnshire Children's Services", "St Mary's Primary"). */
    organisation: text(200),
    /** The person spoken to, with their role where known. */
    contactName: text(200),
    /** What they said: whether the child is known, seen, open to them. */
    response: text(10000),
    /** burgh 9: "consider joint visits". */
    jointVisitProposed: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal("alternative_venue"),
    /** burgh 9: "e.g., at school reception/Children's Centre"; burgh 3: the "alternative agreed venue". */
    venue: text(300),
    why: text(),
    answer: z.enum(VENUE_ANSWERS),
  }),
]);
export type VisitRecordDetails = z.infer<typeof visitRecordDetailsSchema>;

/** How each detail is named where a person reads it (the visit records page, the hand-off text). */
export const VISIT_RECORD_FIELD_LABELS: Readonly<Record<string, string>> = {
  what: "What was done",
  why: "Why",
  force: "Force used",
  injuries: "Injuries",
  distress: "Child distressed",
  madeBy: "Made by",
  allegation: "Allegation",
  raisedBy: "Raised by",
  complaint: "Complaint",
  from: "From",
  to: "To",
  reason: "Reason",
  escortName: "Escort",
  agency: "Agency",
  organisation: "Organisation",
  contactName: "Spoken to",
  response: "What they said",
  jointVisitProposed: "Joint visit proposed",
  venue: "Venue",
  answer: "Family's answer",
};

/** Enum details as a person reads them. */
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = { agency: AGENCY_LABELS, answer: VENUE_ANSWER_LABELS };

/** A record's details as a person reads them: named, in order, the empty ones and ids left out. */
export function visitRecordFacts(details: Record<string, unknown>): [string, string][] {
  return Object.entries(details)
    .filter(([k, v]) => VISIT_RECORD_FIELD_LABELS[k] && v !== "")
    .map(([k, v]) => [VISIT_RECORD_FIELD_LABELS[k]!, typeof v === "boolean" ? (v ? "yes" : "no") : (VALUE_LABELS[k]?.[String(v)] ?? String(v))]);
}

export interface RecordRoute {
  routedTo: Role[];
  clause: string;
  /** The other policy the record follows, as the document names it. */
  procedure: string;
  /** Child-protection or disciplinary review called for (coteford 5.4). */
  reviewRequired: boolean;
}

/** `allegationAboutHead`: the member of staff it is about holds the headteacher role in the school. */
export function routeRecord(policy: PolicyTemplate, details: VisitRecordDetails, facts: { allegationAboutHead: boolean }): RecordRoute {
  const r = policy.records;
  switch (details.kind) {
    case "physical_intervention": {
      const p = r.physicalIntervention;
      const harmed = details.injuries.length > 0 || details.distress;
      return { routedTo: [...p.value.routeTo], clause: p.clause, procedure: p.value.procedure, reviewRequired: p.value.reviewWhereInjuryOrDistress && harmed };
    }
    case "allegation": {
      const a = r.allegations;
      // About the head, it cannot go to the head: the chair of governors takes it.
      return { routedTo: [...(facts.allegationAboutHead ? a.value.aboutHeadRouteTo : a.value.routeTo)], clause: a.clause, procedure: a.value.procedure, reviewRequired: false };
    }
    case "complaint":
      return { routedTo: [...r.complaints.value.routeTo], clause: r.complaints.clause, procedure: r.complaints.value.procedure, reviewRequired: false };
    case "transport":
      // The head is told a pupil was carried; the business manager holds the vehicle details (coteford 2.9).
      return { routedTo: ["headteacher", "business_manager"], clause: r.transport.clause, procedure: r.transport.value.procedure, reviewRequired: false };
    case "agency_check":
      return { routedTo: [...r.agencyChecks.value.routeTo], clause: r.agencyChecks.clause, procedure: r.agencyChecks.value.procedure, reviewRequired: false };
    case "alternative_venue":
      return { routedTo: [...r.alternativeVenues.value.routeTo], clause: r.alternativeVenues.clause, procedure: r.alternativeVenues.value.procedure, reviewRequired: false };
  }
}

export interface TransportFailure {
  requirement: "vehicle" | "vehicle_insurance" | "escort";
  clause: string;
  message: string;
}

/** Checked like a team (src/domain/visits/team-check.ts): the driver's vehicle and insurance from the staff record, and an escort. */
export function checkTransport(policy: PolicyTemplate, driver: StaffRecord, escortName: string, day: IsoDate): TransportFailure[] {
  const t = policy.records.transport;
  const out: TransportFailure[] = [];
  const v = driver.vehicle;
  if (!v || !v.registration) out.push({ requirement: "vehicle", clause: t.clause, message: `${driver.name} has no vehicle recorded in the staff records.` });
  else if (t.value.insuranceRequired && (!v.insuranceExpiresOn || v.insuranceExpiresOn < day)) {
    out.push({ requirement: "vehicle_insurance", clause: t.clause, message: v.insuranceExpiresOn ? `The insurance of ${v.registration} expired on ${v.insuranceExpiresOn}.` : `No insurance is recorded for ${v.registration}.` });
  }
  if (t.value.escortRequired && !escortName.trim()) out.push({ requirement: "escort", clause: t.clause, message: "An additional adult must be in the car as escort: name them." });
  return out;
}
