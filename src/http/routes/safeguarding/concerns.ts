import { z } from "zod";
import { ConcernReceived, Concerns, MyConcerns } from "../../../contracts/records";
import type { AppInstance } from "../../server";
import { listConcerns, myConcerns, raiseConcern, RaiseConcernSchema, updateConcern, UpdateConcernSchema } from "../../../app/safeguarding/concerns";
import { schoolOf, staffActor } from "../../auth-hook";

const Ok = z.object({ ok: z.literal(true) });

export function concernRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.post("/api/concerns", { schema: { tags: ["safeguarding"], summary: "Raise a safeguarding concern: the DSL team is alerted at once", body: RaiseConcernSchema, response: { 201: ConcernReceived } } }, async (req, reply) => {
    const { dslUserIds: _told, ...received } = await raiseConcern(db, staffActor(req), schoolOf(req), req.body, now(), `${req.protocol}://${req.host}`);
    app.deps.kickMessageDelivery?.();
    return reply.code(201).send(received);
  });
  app.get("/api/concerns", { schema: { tags: ["safeguarding"], summary: "All concerns (DSL, deputies, head)", response: { 200: Concerns } } }, async (req) => ({ concerns: await listConcerns(db, schoolOf(req)) }));
  app.put("/api/concerns/:concernId", { schema: { tags: ["safeguarding"], summary: "The DSL records status, notes and the CPOMS/MyConcern reference", params: z.object({ concernId: z.uuid() }), body: UpdateConcernSchema, response: { 200: Ok } } }, async (req) => {
    await updateConcern(db, staffActor(req), schoolOf(req), req.params.concernId, req.body, now());
    return { ok: true as const };
  });
  app.get("/api/my/concerns", { schema: { tags: ["safeguarding"], summary: "Concerns I raised: that each was received, not what was decided", response: { 200: MyConcerns } } }, async (req) => ({ concerns: await myConcerns(db, schoolOf(req), req.auth!.userId) }));
}
