import { z } from "zod";
import { CardLeft, ConfirmationSent } from "../../../contracts/documents";
import type { AppInstance } from "../../server";
import { confirmAppointment, visitListPdf } from "../../../app/documents/visit-documents";
import { deliveryAfter } from "../../../app/notify/outbox";
import { createReplyLink, publicOrigin, replyUrl } from "../../../app/notify/reply-links";
import { writeAudited } from "../../../app/audit/write-audited";
import { calledCardsPdf, recordCardLeft } from "../../../app/documents/letters";
import { listVisitIds } from "../../../app/visits/planning-steps";
import { VISIT_STATES } from "../../../domain/visits/visit-lifecycle";
import { actorOf, schoolOf } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { visitsInReach, withinReach } from "../../reach-guard";

/** "id,id,…": each a visit's UUID, so a stray value is a 400 naming ids, not a database error. */
const VisitIds = z
  .string()
  .max(200 * 37)
  .refine((s) => s.split(",").filter(Boolean).every((id) => z.uuid().safeParse(id).success), "must be visit ids (UUIDs) separated by commas");

export function visitDocumentRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get(
    "/api/visits/list.pdf",
    {
      schema: {
        tags: ["documents"],
        summary: "The visit list as a PDF (coteford 3.2-3.3): by ids, or by state and dates",
        querystring: z.object({ ids: VisitIds.optional(), state: z.enum(VISIT_STATES).optional(), from: schoolDate().optional(), to: schoolDate().optional() }),
        produces: ["application/pdf"],
      },
    },
    async (req, reply) => {
      const ids = req.query.ids ? req.query.ids.split(",").filter(Boolean) : await listVisitIds(db, schoolOf(req), { states: req.query.state ? [req.query.state] : undefined, from: req.query.from, to: req.query.to });
      const pdf = await visitListPdf(db, schoolOf(req), withinReach(await visitsInReach(db, req, now()), ids), now());
      return reply.type("application/pdf").header("content-disposition", `inline; filename="visit-list.pdf"`).header("cache-control", "no-store").send(pdf);
    },
  );
  app.post(
    "/api/visits/:visitId/appointment/confirmation",
    { schema: { tags: ["documents"], summary: "Write the appointment confirmation letter, keep it on record and email it to the family", params: z.object({ visitId: z.uuid() }), response: { 201: ConfirmationSent } } },
    async (req, reply) => {
      const { messageId, ...confirmation } = await confirmAppointment(db, app.deps.mailer, actorOf(req), schoolOf(req), req.params.visitId, now());
      app.deps.kickMessageDelivery?.();
      // Kept and queued already; a short wait lets the answer usually say "emailed".
      return reply.code(201).send({ ...confirmation, delivery: await deliveryAfter(db, messageId, 3000) });
    },
  );
  app.get(
    "/api/visits/called-cards.pdf",
    { schema: { tags: ["documents"], summary: "\"We called today\" cards for the day's visits, to take out", querystring: z.object({ date: schoolDate() }), produces: ["application/pdf"] } },
    async (req, reply) => {
      const all = await listVisitIds(db, schoolOf(req), { from: req.query.date, to: req.query.date, states: ["approved", "planned", "under_way"] });
      const ids = withinReach(await visitsInReach(db, req, now()), all);
      // Each printed card carries a new reply link for its child (issue 18); the tokens are kept only as hashes.
      const schoolId = schoolOf(req);
      const origin = publicOrigin(app.deps.config.PUBLIC_URL, req);
      const pdf = await writeAudited(db, actorOf(req), async (tx, audit) => {
        let issued = 0;
        const out = await calledCardsPdf(tx, schoolId, ids, null, async (pupilId) => {
          issued++;
          return replyUrl(origin, await createReplyLink(tx, schoolId, pupilId, now()));
        });
        await audit({ action: "reply_links_issued", entity: "reply_link", schoolId, after: { cards: issued, date: req.query.date } });
        return out;
      });
      return reply.type("application/pdf").header("content-disposition", `inline; filename="called-cards-${req.query.date}.pdf"`).send(pdf);
    },
  );
  app.post(
    "/api/visits/:visitId/called-card",
    { schema: { tags: ["documents"], summary: "Record that a \"We called today\" card was left; the card is kept on each child's record", params: z.object({ visitId: z.uuid() }), response: { 201: CardLeft } } },
    async (req, reply) => reply.code(201).send(await recordCardLeft(db, actorOf(req), schoolOf(req), req.params.visitId, now())),
  );
}
