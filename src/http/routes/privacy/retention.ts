import { z } from "zod";
import type { AppInstance } from "../../server";
import { ApplyRetentionSchema, applyRetention, AUDIT_KEPT, NOT_LISTED, retentionDue } from "../../../app/privacy/retention";
import { ConcernsDecisionSchema, decideConcerns, listSubjectAccessRequests, RecordSubjectAccessSchema, recordSubjectAccessRequest, subjectAccessExport, subjectAccessPdf } from "../../../app/privacy/subject-access";
import { londonDate } from "../../../app/clock";
import { RetentionApplied, RetentionDueList, SubjectAccessExport, SubjectAccessRequest, SubjectAccessRequests } from "../../../contracts/retention";
import { schoolOf, staffActor } from "../../auth-hook";

const RequestParams = z.object({ requestId: z.uuid() });

/** What is kept and for how long (the head's retention page), and subject access requests and their exports. */
export function retentionRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/retention", { schema: { tags: ["retention"], summary: "What has passed its retention period today, by kind (src/domain/records/retention.ts)", response: { 200: RetentionDueList } } }, async (req) => {
    const today = londonDate(now());
    return { today, kinds: await retentionDue(db, schoolOf(req), today), notListed: NOT_LISTED, auditKept: AUDIT_KEPT };
  });
  app.post(
    "/api/retention/apply",
    { schema: { tags: ["retention"], summary: "Delete or anonymise what is past its period, for the kinds chosen; audited by kind and count", body: ApplyRetentionSchema, response: { 200: RetentionApplied } } },
    async (req) => ({ results: await applyRetention(db, staffActor(req), schoolOf(req), req.body, londonDate(now())) }),
  );

  app.get("/api/subject-access", { schema: { tags: ["retention"], summary: "The school's subject access requests, newest first", response: { 200: SubjectAccessRequests } } }, async (req) => ({
    requests: await listSubjectAccessRequests(db, schoolOf(req)),
  }));
  app.post(
    "/api/subject-access",
    { schema: { tags: ["retention"], summary: "Record a subject access request for a pupil or a parent: who asked, when received; due one month later", body: RecordSubjectAccessSchema, response: { 201: SubjectAccessRequest } } },
    async (req, reply) => reply.code(201).send(await recordSubjectAccessRequest(db, staffActor(req), schoolOf(req), req.body, londonDate(now()))),
  );
  app.put(
    "/api/subject-access/:requestId/concerns",
    { schema: { tags: ["retention"], summary: "The DSL's decision: the safeguarding concerns included in the export, or withheld, and why", params: RequestParams, body: ConcernsDecisionSchema, response: { 200: SubjectAccessRequest } } },
    async (req) => decideConcerns(db, staffActor(req), schoolOf(req), req.params.requestId, req.body, now()),
  );
  app.get(
    "/api/subject-access/:requestId/export.json",
    { schema: { tags: ["retention"], summary: "Everything Doorstep holds about the subject, as JSON (refused until the DSL has decided on the concerns)", params: RequestParams, response: { 200: SubjectAccessExport } } },
    async (req, reply) => {
      const data = await subjectAccessExport(db, staffActor(req), schoolOf(req), req.params.requestId, "json", now());
      return reply.header("content-disposition", `attachment; filename="subject-access-${data.request.receivedOn}.json"`).header("cache-control", "no-store").send(data);
    },
  );
  app.get(
    "/api/subject-access/:requestId/export.pdf",
    { schema: { tags: ["retention"], summary: "The same export as a readable PDF", params: RequestParams, produces: ["application/pdf"] } },
    async (req, reply) => {
      const { pdf, fileName } = await subjectAccessPdf(db, staffActor(req), schoolOf(req), req.params.requestId, now());
      return reply.type("application/pdf").header("content-disposition", `inline; filename="${fileName}"`).header("cache-control", "no-store").send(pdf);
    },
  );
}
