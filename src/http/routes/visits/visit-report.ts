import { z } from "zod";
import { VisitReportReply } from "../../../contracts/records";
import { Created } from "../../../contracts/common";
import type { AppInstance } from "../../server";
import { addAddendum, loadVisitReport, submitVisitReport, VisitReportSchema } from "../../../app/visits/visit-report";
import { schoolOf, staffActor } from "../../auth-hook";

const VisitParams = z.object({ visitId: z.uuid() });

export function visitReportRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/visits/:visitId/report", { schema: { tags: ["records"], summary: "The visit report with its addenda (null before it is written)", params: VisitParams, response: { 200: VisitReportReply } } }, async (req) => ({
    report: await loadVisitReport(db, schoolOf(req), req.params.visitId),
  }));
  app.post("/api/visits/:visitId/report", { schema: { tags: ["records"], summary: "Submit the visit report (coteford Appendix 2); it cannot be edited afterwards", params: VisitParams, body: VisitReportSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await submitVisitReport(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now())),
  );
  app.post("/api/visits/:visitId/report/addenda", { schema: { tags: ["records"], summary: "Add to a submitted report; the original is kept", params: VisitParams, body: z.object({ text: z.string().max(10000) }), response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await addAddendum(db, staffActor(req), schoolOf(req), req.params.visitId, req.body.text, now())),
  );
}
