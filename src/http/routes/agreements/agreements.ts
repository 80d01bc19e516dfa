import { z } from "zod";
import { AgreementReviewed, Agreements } from "../../../contracts/records";
import { Created } from "../../../contracts/common";
import type { AppInstance } from "../../server";
import { AgreementReviewSchema, AgreementSchema, listAgreements, recordAgreement, reviewAgreement } from "../../../app/agreements/agreements";
import { publicOrigin } from "../../../app/notify/reply-links";
import { schoolOf, staffActor } from "../../auth-hook";
import { pupilsInReach } from "../../reach-guard";
import { inReach } from "../../../app/people/reach";

export function agreementRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.post("/api/agreements", { schema: { tags: ["records"], summary: "Record an agreement made with parents, with a review date", body: AgreementSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await recordAgreement(db, staffActor(req), schoolOf(req), req.body, now())),
  );
  app.get("/api/agreements", { schema: { tags: ["records"], summary: "Agreements and their review dates, for the children within the caller's reach", response: { 200: Agreements } } }, async (req) => {
    const reached = await pupilsInReach(db, req, now());
    return { agreements: (await listAgreements(db, schoolOf(req))).filter((a) => inReach(reached, a.pupilId)) };
  });
  app.post("/api/agreements/:agreementId/review", { schema: { tags: ["records"], summary: "Review an agreement: kept, or not kept (note, reminder letter, follow-up visit)", params: z.object({ agreementId: z.uuid() }), body: AgreementReviewSchema, response: { 200: AgreementReviewed } } }, async (req) => {
    const result = await reviewAgreement(db, staffActor(req), schoolOf(req), req.params.agreementId, req.body, now(), publicOrigin(app.deps.config.PUBLIC_URL, req));
    app.deps.kickMessageDelivery?.();
    return result;
  });
}
