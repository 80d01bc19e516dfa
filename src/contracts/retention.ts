import { z } from "zod";
import { RETENTION_KINDS } from "../domain/records/retention";
import { CONCERN_DECISIONS, SUBJECT_KINDS } from "../domain/records/subject-access";

/** GET /api/retention: per kind, what is past its period today; the rule and its source come from the domain table. */
export const RetentionDueList = z.object({
  today: z.string(),
  kinds: z.array(
    z.object({
      kind: z.enum(RETENTION_KINDS),
      due: z.number(),
      kept: z.number(),
      withoutDateOfBirth: z.number(),
      latestAnchor: z.string(),
    }),
  ),
  notListed: z.string(),
  auditKept: z.string(),
});
export type RetentionDueList = z.infer<typeof RetentionDueList>;

/** POST /api/retention/apply: what each kind asked for removed or anonymised, and the history kept. */
export const RetentionApplied = z.object({ results: z.array(z.object({ kind: z.enum(RETENTION_KINDS), removed: z.number(), kept: z.number() })) });
export type RetentionApplied = z.infer<typeof RetentionApplied>;

export const SubjectAccessRequest = z.object({
  id: z.string(),
  subjectKind: z.enum(SUBJECT_KINDS),
  pupilId: z.string(),
  pupilName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  requestedBy: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  recordedName: z.string(),
  concernsDecision: z.enum(CONCERN_DECISIONS).nullable(),
  concernsReason: z.string().nullable(),
  concernsDecidedName: z.string().nullable(),
  concernsDecidedAt: z.string().nullable(),
});
export type SubjectAccessRequest = z.infer<typeof SubjectAccessRequest>;

/** GET /api/subject-access: the school's requests, newest first. */
export const SubjectAccessRequests = z.object({ requests: z.array(SubjectAccessRequest) });
export type SubjectAccessRequests = z.infer<typeof SubjectAccessRequests>;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * GET /api/subject-access/:requestId/export.json: everything Doorstep holds about
 * the subject, in sections; the PDF prints the same sections.
 */
export const SubjectAccessExport = z.object({
  request: SubjectAccessRequest,
  school: z.string(),
  generatedAt: z.string(),
  subject: z.string(),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      /** table: one line per row (many short rows); records: each row as its fields, one under another. */
      layout: z.enum(["table", "records"]),
      columns: z.array(z.object({ key: z.string(), label: z.string() })),
      rows: z.array(z.record(z.string(), Cell)),
      /** Said instead of, or beside, the rows: "Withheld by the DSL's decision". */
      note: z.string().nullable(),
    }),
  ),
});
export type SubjectAccessExport = z.infer<typeof SubjectAccessExport>;
