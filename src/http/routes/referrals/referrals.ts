import { z } from "zod";
import { Referrals } from "../../../contracts/records";
import { Created } from "../../../contracts/common";
import type { AppInstance } from "../../server";
import { listReferrals, openReferral, OpenReferralSchema, recordReferralOutcome, ReferralOutcomeSchema } from "../../../app/referrals/referrals";
import { schoolOf, staffActor } from "../../auth-hook";

const Ok = z.object({ ok: z.literal(true) });

export function referralRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.post("/api/referrals", { schema: { tags: ["records"], summary: "Record a referral or notification (PNAR, CME, police welfare check, …)", body: OpenReferralSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await openReferral(db, staffActor(req), schoolOf(req), req.body, now())),
  );
  app.get("/api/referrals", { schema: { tags: ["records"], summary: "The referral tracker", querystring: z.object({ pupilId: z.uuid().optional() }), response: { 200: Referrals } } }, async (req) => ({ referrals: await listReferrals(db, schoolOf(req), req.query.pupilId) }));
  app.put("/api/referrals/:referralId", { schema: { tags: ["records"], summary: "Record a referral's progress and outcome", params: z.object({ referralId: z.uuid() }), body: ReferralOutcomeSchema, response: { 200: Ok } } }, async (req) => {
    await recordReferralOutcome(db, staffActor(req), schoolOf(req), req.params.referralId, req.body);
    return { ok: true as const };
  });
}
