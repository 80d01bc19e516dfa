import { z } from "zod";
import { AlarmRaised, FieldView, StepResult } from "../../../contracts/safety";
import type { AppInstance } from "../../server";
import { FieldStepSchema, recordFieldStep } from "../../../app/safety/record-field-step";
import { AlarmSchema, raiseAlarm } from "../../../app/safety/alerts";
import { fieldView } from "../../../app/safety/field-view";
import { schoolOf, staffActor } from "../../auth-hook";

const VisitParams = z.object({ visitId: z.uuid() });

export function fieldRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/visits/:visitId/field", { schema: { tags: ["safety"], summary: "The field view of a visit for a member of its team", params: VisitParams, response: { 200: FieldView } } }, async (req) =>
    fieldView(db, schoolOf(req), req.params.visitId, req.auth!.userId),
  );
  app.post(
    "/api/visits/:visitId/steps",
    { schema: { tags: ["safety"], summary: "Report a step (departed, arrived, check-in, …). Replays of the same id are recorded once.", params: VisitParams, body: FieldStepSchema, response: { 200: StepResult } } },
    async (req) => recordFieldStep(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now()),
  );
  app.post("/api/visits/:visitId/alarm", { schema: { tags: ["safety"], summary: "Immediate danger: raise the alarm on the office board", params: VisitParams, body: AlarmSchema, response: { 201: AlarmRaised } } }, async (req, reply) => {
    const raised = await raiseAlarm(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now());
    // Its email and push are queued with it; the sender goes now rather than at its next tick.
    if (!raised.duplicate) app.deps.kickAlertDelivery?.();
    return reply.code(201).send(raised);
  });
}
