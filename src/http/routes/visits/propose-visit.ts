import type { AppInstance } from "../../server";
import { ProposeVisitSchema, proposeVisit } from "../../../app/visits/propose-visit";
import { actorOf, schoolOf } from "../../auth-hook";
import { VisitProposed } from "../../../contracts/visits";

export function proposeVisitRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const actor = (req: Parameters<typeof actorOf>[0]) => ({ ...actorOf(req), userId: req.auth!.userId });

  app.post(
    "/api/visits",
    { schema: { tags: ["visits"], summary: "Propose a home visit (siblings at one address share it)", body: ProposeVisitSchema, response: { 201: VisitProposed } } },
    async (req, reply) => reply.code(201).send(await proposeVisit(db, actor(req), schoolOf(req), req.body)),
  );
}
