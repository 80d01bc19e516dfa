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
import type { VisitDetail } from "../../../src/contracts/visits";
import type { LetterTemplates } from "../../../src/contracts/documents";
/** The shapes of the record endpoints (src/app/safeguarding, src/app/referrals, src/app/agreements, src/app/incidents, src/app/visit-records, src/app/documents, src/app/visits/load-visit.ts). */

export type { AttendanceSummary };

export type Outcome = "child_seen" | "parent_seen_child_not_seen" | "no_contact" | "cancelled";

/** GET /api/visits/:id, the parts the report needs. */
export type VisitSummary = Pick<VisitDetail, "id" | "dangerReport" | "state" | "purpose" | "day" | "address" | "pupils" | "team">;

export type Concern = ConcernReply;

export type ConcernNoteVersion = ConcernReply["versions"][number];

export type Referral = ReferralReply;

export type Agreement = AgreementReply;

export type AgreementReviewResult = AgreementReviewed;

export type Incident = IncidentReply;




/** A letter template as GET /api/letter-templates lists it, with the placeholders it may use. */
export type LetterTemplate = LetterTemplates["templates"][number];

export type VisitReport = VisitReportReply;

/** GET /api/pupils/:id/record */
export type PupilRecord = PupilRecordReply;

export type TimelineDay = PupilRecord["timeline"][number];

export type DocumentRow = PupilRecord["documents"][number];

/** GET /api/visit-records (src/app/visit-records/visit-records.ts). */
export type VisitRecord = VisitRecordReply;

/** The latest CPOMS/MyConcern reference of a record (src/app/safeguarding/external-references.ts). */
export type ExternalRef = ExternalReference;
