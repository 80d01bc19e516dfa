import { z } from "zod";
import type { AppInstance } from "../../server";
import { PenaltyDecisionSchema, recordPenaltyDecision, ReturnKeySchema, returnForm, returnFormCsv, submitReturn, SubmitReturnSchema } from "../../../app/attendance/statutory-returns";
import { DeletionGroundSchema, JointEnquirySchema, recordDeletionGround, recordJointEnquiry } from "../../../app/attendance/deletion-grounds";
import { chooseLaPack, laPackOf } from "../../../app/attendance/la-pack-choice";
import { LA_PACK_IDS, LA_PACKS, returnFormOf, type ReturnDuty } from "../../../domain/attendance/statutory";
import { schoolPack } from "../../../app/attendance/statutory-duties";
import { schoolOf, staffActor } from "../../auth-hook";
import { pupilsInReach } from "../../reach-guard";
import { inReach } from "../../../app/people/reach";
import { NotFound } from "../../../domain/errors";
import type { FastifyRequest } from "fastify";
import { DeletionGroundRecorded, LaPacks, PenaltyDecision, ReturnSubmitted } from "../../../contracts/statutory";
import { Created, Ok } from "../../../contracts/common";

/** The law beneath the policy: returns to the LA, penalty-notice decisions, and the LA pack a school works to. */
export function statutoryRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();
  /**
   * A child out of the caller's reach is not found, as on the pupil routes;
   * but the owner the LA's pack names for a return (the office for a new
   * pupil) reaches the child for that return.
   */
  const reach = async (req: FastifyRequest, pupilId: string, duty?: ReturnDuty) => {
    if (inReach(await pupilsInReach(db, req, now()), pupilId)) return;
    const owner = duty ? returnFormOf(await schoolPack(db, schoolOf(req)), duty)?.ownerRole : undefined;
    if (owner === undefined || !req.auth?.roles.has(owner)) throw new NotFound("pupil", "pupilId");
  };

  app.get(
    "/api/statutory/returns/form.pdf",
    { schema: { tags: ["statutory"], summary: "The LA's form for a return owed (PRR 2024 reg 13), filled from the record, missing fields named (header x-missing-fields)", querystring: ReturnKeySchema, produces: ["application/pdf"] } },
    async (req, reply) => {
      await reach(req, req.query.pupilId, req.query.duty);
      const { pdf, missing } = await returnForm(db, schoolOf(req), req.query, now(), staffActor(req));
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${req.query.duty}.pdf"`)
        .header("cache-control", "no-store")
        .header("x-missing-fields", missing.join(","))
        .send(pdf);
    },
  );
  app.get(
    "/api/statutory/returns/form.csv",
    { schema: { tags: ["statutory"], summary: "The LA's form for a return its pack takes as CSV: the pack's fields as header, one row from the record, missing fields empty and named (header x-missing-fields)", querystring: ReturnKeySchema, produces: ["text/csv"] } },
    async (req, reply) => {
      await reach(req, req.query.pupilId, req.query.duty);
      const { csv, missing } = await returnFormCsv(db, schoolOf(req), req.query, now(), staffActor(req));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${req.query.duty}.csv"`)
        .header("cache-control", "no-store")
        .header("x-missing-fields", missing.join(","))
        .send(csv);
    },
  );
  app.post(
    "/api/statutory/deletion-grounds",
    { schema: { tags: ["statutory"], summary: "Record a ground for deletion from the admission register as met (PRR 2024 reg 9): a deletion return is then owed on Today", body: DeletionGroundSchema, response: { 201: DeletionGroundRecorded } } },
    async (req, reply) => {
      await reach(req, req.body.pupilId);
      return reply.code(201).send(await recordDeletionGround(db, staffActor(req), schoolOf(req), req.body, now()));
    },
  );
  app.post(
    "/api/statutory/joint-enquiries",
    { schema: { tags: ["statutory"], summary: "Record a reasonable enquiry made jointly with the LA (who, when, what) for a deletion return on the whereabouts-unknown or missing-education ground", body: JointEnquirySchema, response: { 201: Created } } },
    async (req, reply) => {
      await reach(req, req.body.pupilId);
      return reply.code(201).send(await recordJointEnquiry(db, staffActor(req), schoolOf(req), req.body, now()));
    },
  );
  app.post(
    "/api/statutory/returns",
    { schema: { tags: ["statutory"], summary: "Mark a return submitted to the LA: when and how; it leaves Today", body: SubmitReturnSchema, response: { 201: ReturnSubmitted } } },
    async (req, reply) => {
      await reach(req, req.body.pupilId, req.body.duty);
      return reply.code(201).send(await submitReturn(db, staffActor(req), schoolOf(req), req.body, now()));
    },
  );
  app.post(
    "/api/statutory/penalty-decisions",
    { schema: { tags: ["statutory"], summary: "Record the penalty-notice decision: a notice to improve (its window), a notice (amount, pay-by; at most two per parent per child in three years) or other support", body: PenaltyDecisionSchema, response: { 201: PenaltyDecision } } },
    async (req, reply) => {
      await reach(req, req.body.pupilId);
      return reply.code(201).send(await recordPenaltyDecision(db, staffActor(req), schoolOf(req), req.body, now()));
    },
  );
  app.get("/api/statutory/packs", { schema: { tags: ["statutory"], summary: "The local authority packs, and the one this school works to", response: { 200: LaPacks } } }, async (req) => {
    return { current: await laPackOf(db, schoolOf(req)), packs: Object.values(LA_PACKS).map((p) => ({ ...p, notes: [...p.notes], returns: p.returns.map((r) => ({ ...r, fields: [...r.fields] })) })) };
  });
  app.put(
    "/api/statutory/pack",
    { schema: { tags: ["statutory"], summary: "Choose the school's local authority pack", body: z.object({ laPackId: z.enum(LA_PACK_IDS as [string, ...string[]]) }), response: { 200: Ok } } },
    async (req) => {
      await chooseLaPack(db, staffActor(req), schoolOf(req), req.body.laPackId);
      return { ok: true as const };
    },
  );
}
