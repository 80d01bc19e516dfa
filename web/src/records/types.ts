import type { MessageDelivery } from "./delivery";
import type { AttendanceSummary } from "../../../src/contracts/common";
import type { AgreementReviewed, Agreement as AgreementReply, Concern as ConcernReply, Incident as IncidentReply, Referral as ReferralReply } from "../../../src/contracts/records";
/** The shapes of the record endpoints (src/app/records, src/app/documents, src/app/visits/load-visit.ts). */

export type { AttendanceSummary };

export type Outcome = "child_seen" | "parent_seen_child_not_seen" | "no_contact" | "cancelled";

/** GET /api/visits/:id, the parts the report needs. */
export interface VisitSummary {
  id: string;
  /** transform-trust 2.5: alarms on the visit still without a full report (incident report) after them; null where the policy asks none. */
  dangerReport?: { alarms: number; outstanding: number; clause: string } | null;
  state: string;
  purpose: string;
  day: string;
  address: string | null;
  pupils: {
    id: string;
    name: string;
    outcome: string | null;
    attendance: AttendanceSummary;
    parents: { name: string; relationship: string; parentalResponsibility: boolean }[];
  }[];
  team: { staff: { userId: string; name: string } }[];
}

export interface VisitReport {
  id: string;
  visitId: string;
  externalRef: ExternalRef | null;
  reason: string;
  peoplePresent: string;
  summary: string;
  actionsAgreed: string;
  followUpActions: string;
  children: { pupilId: string; name: string; seen: boolean; outcome: string; attendance: AttendanceSummary | null }[];
  staffPresent: string[];
  completedName: string;
  completedRole: string;
  completedOn: string;
  submittedAt: string;
  addenda: { id: string; text: string; addedName: string; addedAt: string }[];
}

export type Concern = ConcernReply;

export type ConcernNoteVersion = ConcernReply["versions"][number];

export type Referral = ReferralReply;

export type Agreement = AgreementReply;

export type AgreementReviewResult = AgreementReviewed;

export type Incident = IncidentReply;

export interface DocumentRow {
  id: string;
  kind: string;
  title: string;
  createdAt: string;
  emailedTo: string[];
  delivery: MessageDelivery | null;
  createdBy?: string;
}

export interface TimelineDay {
  date: string;
  am: string | null;
  pm: string | null;
  summary: string;
  contacts: { method: string; reached: boolean; reasonGiven: string | null; by: string }[];
  sightings: { seenBy: string }[];
  visits: { purpose: string; state: string; outcome: string | null }[];
}

/** GET /api/pupils/:id/record */
export interface PupilRecord {
  attendance: AttendanceSummary;
  timeline: TimelineDay[];
  visits: { id: string; day: string; purpose: string; state: string; outcome: string | null; report: null | { id: string; completedOn: string; completedName: string; /** Null for those who may not read visit reports. */ summary: string | null } }[];
  agreements: Agreement[];
  referrals: Referral[];
  /** Referrals this reader may not see (need-to-know): how many, so they know to ask the DSL. */
  referralsWithheld: number;
  notes: { id: string; text: string; byName: string; createdAt: string }[];
  documents: DocumentRow[];
  concerns: Concern[] | null;
}

/** A placeholder as GET /api/letter-templates lists it: its name, or its name with what it says. */
export type PlaceholderInfo = string | { name?: string; key?: string; description?: string; label?: string };

export interface LetterTemplate {
  kind: string;
  title: string;
  body: string;
  edited: boolean;
  updatedBy: string | null;
  /** The placeholders this template may use, where the server sends them. */
  placeholders?: PlaceholderInfo[];
}

/** GET /api/visit-records (src/app/records/visit-records.ts). */
export interface VisitRecord {
  id: string;
  kind: string;
  visitId: string | null;
  pupilId: string | null;
  occurredAt: string;
  details: Record<string, string | boolean>;
  /** The details as a person reads them: [label, value]. */
  facts: [string, string][];
  routedTo: string[];
  routeClause: string;
  reviewRequired: boolean;
  recordedName: string;
  status: string;
  outcome: string | null;
  outcomeAt: string | null;
  externalRef: ExternalRef | null;
}

/** The latest CPOMS/MyConcern reference of a record (src/app/records/external-references.ts). */
export interface ExternalRef {
  system: string;
  reference: string;
  recordedName: string;
  at: string;
}
