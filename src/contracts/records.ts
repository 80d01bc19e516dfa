import { z } from "zod";
import { ROLES } from "../domain/people/roles";
import { VISIT_RECORD_KINDS } from "../domain/records/visit-records";
import { AttendanceSummary, ExternalReference, MessageDelivery } from "./common";
import { TimelineDay } from "./pupils";

/** A submitted visit report with its addenda. */
export const VisitReport = z.object({
  externalRef: ExternalReference.nullable(),
  submittedAt: z.string(),
  addenda: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      addedName: z.string(),
      addedAt: z.string(),
    }),
  ),
  id: z.string(),
  visitId: z.string(),
  schoolId: z.string(),
  reason: z.string(),
  peoplePresent: z.string(),
  summary: z.string(),
  actionsAgreed: z.string(),
  followUpActions: z.string(),
  children: z.array(
    z.object({
      pupilId: z.string(),
      name: z.string(),
      seen: z.boolean(),
      outcome: z.string(),
      attendance: AttendanceSummary.nullable(),
    }),
  ),
  staffPresent: z.array(z.string()),
  completedBy: z.string(),
  completedName: z.string(),
  completedRole: z.string(),
  completedOn: z.string(),
});
export type VisitReport = z.infer<typeof VisitReport>;

/** GET /api/visits/:visitId/report */
export const VisitReportReply = z.object({ report: VisitReport.nullable() });
export type VisitReportReply = z.infer<typeof VisitReportReply>;

/** POST /api/concerns: that it was received and how many were told (never whom). */
export const ConcernReceived = z.object({
  id: z.string(),
  raisedAt: z.string(),
  status: z.literal("received"),
  notified: z.number(),
  recordingSystem: z.string(),
});
export type ConcernReceived = z.infer<typeof ConcernReceived>;

/** A concern as the DSL team reads it, with every version of their record. */
export const Concern = z.object({
  raisedByName: z.string(),
  raisedAt: z.string(),
  updatedAt: z.string().nullable(),
  versions: z.array(
    z.object({
      version: z.number(),
      dslNotes: z.string().nullable(),
      statusBefore: z.string(),
      status: z.string(),
      externalRef: z.string().nullable(),
      writtenByName: z.string(),
      writtenAt: z.string(),
    }),
  ),
  id: z.string(),
  schoolId: z.string(),
  pupilId: z.string().nullable(),
  visitId: z.string().nullable(),
  summary: z.string(),
  details: z.string(),
  raisedBy: z.string(),
  recordingSystem: z.string(),
  externalRef: z.string().nullable(),
  status: z.string(),
  dslNotes: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type Concern = z.infer<typeof Concern>;

/** GET /api/concerns */
export const Concerns = z.object({ concerns: z.array(Concern) });
export type Concerns = z.infer<typeof Concerns>;

/** GET /api/my/concerns: that each was received, not what was decided. */
export const MyConcerns = z.object({
  concerns: z.array(
    z.object({
      id: z.string(),
      summary: z.string(),
      raisedAt: z.string(),
      status: z.string(),
    }),
  ),
});
export type MyConcerns = z.infer<typeof MyConcerns>;

/** A referral or notification on the tracker. */
export const Referral = z.object({
  pupilName: z.string(),
  createdAt: z.string(),
  externalRef: ExternalReference.nullable(),
  id: z.string(),
  schoolId: z.string(),
  pupilId: z.string(),
  kind: z.string(),
  fromAction: z.string().nullable(),
  rule: z.string().nullable(),
  openedOn: z.string(),
  decidedBy: z.string(),
  decidedName: z.string(),
  reason: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  outcomeOn: z.string().nullable(),
});
export type Referral = z.infer<typeof Referral>;

/** GET /api/referrals */
export const Referrals = z.object({ referrals: z.array(Referral) });
export type Referrals = z.infer<typeof Referrals>;

/** An agreement made with parents, with its review. */
export const Agreement = z.object({
  createdAt: z.string(),
  externalRef: ExternalReference.nullable(),
  id: z.string(),
  schoolId: z.string(),
  pupilId: z.string(),
  visitId: z.string().nullable(),
  terms: z.string(),
  agreedWith: z.string(),
  reviewOn: z.string(),
  status: z.string(),
  breaches: z.number(),
  createdBy: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

/** GET /api/agreements */
export const Agreements = z.object({ agreements: z.array(Agreement) });
export type Agreements = z.infer<typeof Agreements>;

/** POST /api/agreements/:agreementId/review */
export const AgreementReviewed = z.object({
  status: z.enum(["kept", "not_kept"]),
  noteAdded: z.boolean(),
  reminderLetterDue: z.boolean(),
  followUpVisitId: z.string().nullable(),
  reminderLetter: z
    .object({
      documentId: z.string(),
      messageId: z.string(),
      queuedTo: z.array(z.string()),
    })
    .nullable(),
});
export type AgreementReviewed = z.infer<typeof AgreementReviewed>;

/** POST /api/visit-records: where the record was routed, as the policy says. */
export const VisitRecordMade = z.object({
  id: z.string(),
  kind: z.enum(VISIT_RECORD_KINDS),
  routedTo: z.array(z.enum(ROLES)),
  clause: z.string(),
  procedure: z.string(),
  reviewRequired: z.boolean(),
  notified: z.number(),
});
export type VisitRecordMade = z.infer<typeof VisitRecordMade>;

/** A physical intervention, allegation, complaint or transport record. */
export const VisitRecord = z.object({
  occurredAt: z.string(),
  outcomeAt: z.string().nullable(),
  createdAt: z.string(),
  facts: z.array(z.tuple([z.string(), z.string()])),
  externalRef: ExternalReference.nullable(),
  id: z.string(),
  schoolId: z.string(),
  kind: z.string(),
  visitId: z.string().nullable(),
  pupilId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  routedTo: z.array(z.string()),
  routeClause: z.string(),
  reviewRequired: z.boolean(),
  recordedBy: z.string(),
  recordedName: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  outcomeBy: z.string().nullable(),
});
export type VisitRecord = z.infer<typeof VisitRecord>;

/** GET /api/visit-records */
export const VisitRecords = z.object({ records: z.array(VisitRecord) });
export type VisitRecords = z.infer<typeof VisitRecords>;

/** POST /api/external-references */
export const ExternalReferenceRecorded = z.object({
  id: z.string(),
  system: z.string(),
  reference: z.string(),
});
export type ExternalReferenceRecorded = z.infer<typeof ExternalReferenceRecorded>;

/** An incident or near miss. */
export const Incident = z.object({
  occurredAt: z.string(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  id: z.string(),
  schoolId: z.string(),
  visitId: z.string().nullable(),
  kind: z.string(),
  description: z.string(),
  reportedBy: z.string(),
  reportedName: z.string(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type Incident = z.infer<typeof Incident>;

/** GET /api/incidents */
export const Incidents = z.object({ incidents: z.array(Incident) });
export type Incidents = z.infer<typeof Incidents>;

/** GET /api/pupils/:pupilId/record */
export const PupilRecord = z.object({
  attendance: AttendanceSummary,
  /** The last 60 days, as the timeline gives them. */
  timeline: z.array(TimelineDay),
  visits: z.array(
    z.object({
      report: z
        .object({
          summary: z.string().nullable(),
          id: z.string(),
          visitId: z.string(),
          completedOn: z.string(),
          completedName: z.string(),
        })
        .nullable(),
      id: z.string(),
      day: z.string(),
      purpose: z.string(),
      state: z.string(),
      outcome: z.string().nullable(),
    }),
  ),
  agreements: z.array(
    z.object({
      createdAt: z.string(),
      externalRef: ExternalReference.nullable(),
      id: z.string(),
      schoolId: z.string(),
      pupilId: z.string(),
      visitId: z.string().nullable(),
      terms: z.string(),
      agreedWith: z.string(),
      reviewOn: z.string(),
      status: z.string(),
      breaches: z.number(),
      createdBy: z.string(),
    }),
  ),
  referrals: z.array(Referral),
  referralsWithheld: z.number(),
  notes: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      byName: z.string(),
      createdAt: z.string(),
    }),
  ),
  documents: z.array(
    z.object({
      createdAt: z.string(),
      delivery: MessageDelivery.nullable(),
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      emailedTo: z.array(z.string()),
      createdBy: z.string(),
    }),
  ),
  concerns: z.array(Concern).nullable(),
  /** Siblings on roll at the same address, within the caller's reach: a visit proposed by hand may include them. */
  siblings: z.array(z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), yearGroup: z.string().nullable(), className: z.string().nullable() })),
});
export type PupilRecord = z.infer<typeof PupilRecord>;
