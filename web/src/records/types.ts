import type { AttendanceSummary } from "../../../src/contracts/common";
import type {
  AgreementReviewed,
  Agreement as AgreementReply,
  Concern as ConcernReply,
  Incident as IncidentReply,
  PupilRecord as PupilRecordReply,
  Referral as ReferralReply,
  VisitRecord as VisitRecordReply,
  VisitReport as VisitReportReply,
} from "../../../src/contracts/records";
import type { ExternalReference } from "../../../src/contracts/common";
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


export type Concern = ConcernReply;

export type ConcernNoteVersion = ConcernReply["versions"][number];

export type Referral = ReferralReply;

export type Agreement = AgreementReply;

export type AgreementReviewResult = AgreementReviewed;

export type Incident = IncidentReply;




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



export type VisitReport = VisitReportReply;

/** GET /api/pupils/:id/record */
export type PupilRecord = PupilRecordReply;

export type TimelineDay = PupilRecord["timeline"][number];

export type DocumentRow = PupilRecord["documents"][number];

/** GET /api/visit-records (src/app/records/visit-records.ts). */
export type VisitRecord = VisitRecordReply;

/** The latest CPOMS/MyConcern reference of a record (src/app/records/external-references.ts). */
export type ExternalRef = ExternalReference;
