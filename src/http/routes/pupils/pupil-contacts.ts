import { z } from "zod";
import type { AppInstance } from "../../server";
import { NewContactSchema, NewSightingSchema, recordContact, recordSighting } from "../../../app/attendance/record-contact";
import { pupilTimeline } from "../../../app/attendance/pupil-timeline";
import { londonDate } from "../../../app/clock";
import { actorOf, schoolOf } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { Created } from "../../../contracts/common";
import { PupilTimeline } from "../../../contracts/pupils";

const Params = z.object({ pupilId: z.uuid() });

export function pupilContactRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const actor = (req: Parameters<typeof actorOf>[0]) => ({ ...actorOf(req), userId: req.auth!.userId });

  app.post(
    "/api/pupils/:pupilId/contacts",
    { schema: { tags: ["attendance"], summary: "Log an attempt to reach the family", params: Params, body: NewContactSchema, response: { 201: Created } } },
    async (req, reply) => reply.code(201).send(await recordContact(db, actor(req), schoolOf(req), req.params.pupilId, req.body)),
  );
  app.post(
    "/api/pupils/:pupilId/sightings",
    { schema: { tags: ["attendance"], summary: "Record that the child was seen outside the register", params: Params, body: NewSightingSchema, response: { 201: Created } } },
    async (req, reply) => reply.code(201).send(await recordSighting(db, actor(req), schoolOf(req), req.params.pupilId, req.body)),
  );
  app.get(
    "/api/pupils/:pupilId/timeline",
    {
      schema: {
        tags: ["attendance"],
        summary: "Marks, contacts, sightings and visits, newest first",
        params: Params,
        querystring: z.object({ to: schoolDate().optional(), days: z.coerce.number().int().min(1).max(400).default(28) }),
        response: { 200: PupilTimeline },
      },
    },
    async (req) => ({ days: await pupilTimeline(db, schoolOf(req), req.params.pupilId, req.query.to ?? londonDate(app.deps.now()), req.query.days) }),
  );
}
