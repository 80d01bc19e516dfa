import { z } from "zod";
import { Incidents } from "../../../contracts/records";
import { Created } from "../../../contracts/common";
import type { AppInstance } from "../../server";
import { IncidentSchema, listIncidents, reportIncident, reviewIncident } from "../../../app/incidents/incidents";
import { schoolOf, staffActor } from "../../auth-hook";

const Ok = z.object({ ok: z.literal(true) });

export function incidentRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.post("/api/incidents", { schema: { tags: ["records"], summary: "Report an incident or near miss on a visit", body: IncidentSchema, response: { 201: Created } } }, async (req, reply) => reply.code(201).send(await reportIncident(db, staffActor(req), schoolOf(req), req.body)));
  app.get("/api/incidents", { schema: { tags: ["records"], summary: "Incidents and near misses for review", response: { 200: Incidents } } }, async (req) => ({ incidents: await listIncidents(db, schoolOf(req)) }));
  app.post("/api/incidents/:incidentId/review", { schema: { tags: ["records"], summary: "The head's review of an incident", params: z.object({ incidentId: z.uuid() }), body: z.object({ note: z.string().max(4000) }), response: { 200: Ok } } }, async (req) => {
    await reviewIncident(db, staffActor(req), schoolOf(req), req.params.incidentId, req.body.note, now());
    return { ok: true as const };
  });
}
