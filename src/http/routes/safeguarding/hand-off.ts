import { z } from "zod";
import { ExternalReferenceRecorded } from "../../../contracts/records";
import type { AppInstance } from "../../server";
import { ExternalReferenceSchema, handOff, recordExternalReference } from "../../../app/safeguarding/external-references";
import { REFERENCED_ENTITIES } from "../../../domain/records/hand-off";
import { schoolOf, staffActor } from "../../auth-hook";

export function handOffRoutes(app: AppInstance) {
  const db = app.deps.database.db;

  app.post("/api/external-references", { schema: { tags: ["records"], summary: "Record the CPOMS/MyConcern reference of a visit report, agreement, referral or visit record (the latest is in force)", body: ExternalReferenceSchema, response: { 201: ExternalReferenceRecorded } } }, async (req, reply) =>
    reply.code(201).send(await recordExternalReference(db, staffActor(req), schoolOf(req), req.body)),
  );
  app.get("/api/hand-off/:entity/:entityId", { schema: { tags: ["records"], summary: "A plain-text summary of the record to paste into CPOMS or MyConcern", params: z.object({ entity: z.enum(REFERENCED_ENTITIES), entityId: z.uuid() }), produces: ["text/plain"] } }, async (req, reply) =>
    reply.type("text/plain; charset=utf-8").send(await handOff(db, schoolOf(req), req.params.entity, req.params.entityId, [...req.auth!.roles])),
  );
}
