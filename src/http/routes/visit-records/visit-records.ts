import { z } from "zod";
import { VisitRecordMade, VisitRecords } from "../../../contracts/records";
import type { AppInstance } from "../../server";
import { listVisitRecords, recordVisitRecord, recordVisitRecordOutcome, VisitRecordOutcomeSchema, VisitRecordSchema } from "../../../app/visit-records/visit-records";
import { VISIT_RECORD_KINDS } from "../../../domain/records/visit-records";
import { schoolOf, staffActor } from "../../auth-hook";

const Ok = z.object({ ok: z.literal(true) });

export function visitRecordRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.post("/api/visit-records", { schema: { tags: ["records"], summary: "Record a physical intervention, an allegation against staff, a complaint about a visit, a pupil transported, a multi-agency check or an alternative venue offered; routed as the policy says", body: VisitRecordSchema, response: { 201: VisitRecordMade } } }, async (req, reply) => {
    const made = await recordVisitRecord(db, staffActor(req), schoolOf(req), req.body, now(), `${req.protocol}://${req.host}`);
    app.deps.kickMessageDelivery?.();
    return reply.code(201).send(made);
  });
  app.get("/api/visit-records", { schema: { tags: ["records"], summary: "The records routed to the caller's roles", querystring: z.object({ kind: z.enum(VISIT_RECORD_KINDS).optional(), visitId: z.uuid().optional(), pupilId: z.uuid().optional() }), response: { 200: VisitRecords } } }, async (req) => ({
    records: await listVisitRecords(db, schoolOf(req), [...req.auth!.roles], req.query),
  }));
  app.put("/api/visit-records/:recordId/outcome", { schema: { tags: ["records"], summary: "The outcome of a record, by someone it was routed to", params: z.object({ recordId: z.uuid() }), body: VisitRecordOutcomeSchema, response: { 200: Ok } } }, async (req) => {
    await recordVisitRecordOutcome(db, staffActor(req), schoolOf(req), req.params.recordId, req.body, now());
    return { ok: true as const };
  });
}
