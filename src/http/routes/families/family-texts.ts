/** Texts to families through GOV.UK Notify, their replies, and the family's reply link (issue 18). */
import { z } from "zod";
import type { AppInstance } from "../../server";
import { actorOf, schoolOf } from "../../auth-hook";
import { londonDate } from "../../../app/clock";
import { schoolDate } from "../../../domain/attendance/school-date";
import { confirmReply, emailFamily, repliesOfPupil, TEXTS_NOT_CONFIGURED, textAllowance, textDayOneFamilies, textFamily, textsOfDay, type TextContext } from "../../../app/notify/family-texts";
import { answerReplyLink, FamilyReplySchema, publicOrigin, viewReplyLink } from "../../../app/notify/reply-links";
import { EmailQueued, FamilyReplies, ReplyConfirmed, ReplyLinkView, ReplyReceived, TextOutcomes, TextQueued, TextsOfDay, TextsStatus } from "../../../contracts/texts";

const PupilParams = z.object({ pupilId: z.uuid() });
const DateBody = z.object({ date: schoolDate().optional() });
/** Only the token's shape is checked here: any other answer would tell a guesser something. */
const TokenParams = z.object({ token: z.string().max(100) });

export function familyTextRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const actor = (req: Parameters<typeof actorOf>[0]) => ({ ...actorOf(req), userId: req.auth!.userId });
  const ctx = (req: { protocol: string; host: string }): TextContext => ({
    configured: app.deps.texts !== undefined,
    origin: publicOrigin(app.deps.config.PUBLIC_URL, req),
    now: app.deps.now(),
  });

  app.get(
    "/api/texts/status",
    { schema: { tags: ["texts"], summary: "Whether texts are set up, and the school's free texts this year", response: { 200: TextsStatus } } },
    async (req) => ({
      configured: app.deps.texts !== undefined,
      description: app.deps.texts?.description ?? TEXTS_NOT_CONFIGURED,
      allowance: await textAllowance(db, schoolOf(req), app.deps.now()),
    }),
  );
  app.post(
    "/api/pupils/:pupilId/texts",
    { schema: { tags: ["texts"], summary: "Text the family (first contact in call order with a number), with the reply link", params: PupilParams, body: DateBody, response: { 201: TextQueued } } },
    async (req, reply) => {
      const c = ctx(req);
      const queued = await textFamily(db, actor(req), schoolOf(req), req.params.pupilId, req.body.date ?? londonDate(c.now), c);
      app.deps.kickMessageDelivery?.();
      return reply.code(201).send(queued);
    },
  );
  app.post(
    "/api/pupils/:pupilId/emails",
    { schema: { tags: ["texts"], summary: "Email the family (first contact in call order with an address), with the reply link: through GOV.UK Notify where its email template is set, else SMTP", params: PupilParams, body: DateBody, response: { 201: EmailQueued } } },
    async (req, reply) => {
      const c = ctx(req);
      const queued = await emailFamily(db, actor(req), schoolOf(req), req.params.pupilId, req.body.date ?? londonDate(c.now), c);
      app.deps.kickMessageDelivery?.();
      return reply.code(201).send(queued);
    },
  );
  app.post(
    "/api/today/texts",
    { schema: { tags: ["texts"], summary: "Text every Day-1 family not yet reached today", body: DateBody, response: { 200: TextOutcomes } } },
    async (req) => {
      const c = ctx(req);
      const results = await textDayOneFamilies(db, actor(req), schoolOf(req), req.body.date ?? londonDate(c.now), c);
      app.deps.kickMessageDelivery?.();
      return { results };
    },
  );
  app.get(
    "/api/today/texts",
    { schema: { tags: ["texts"], summary: "The day's texts to families and how each stands", querystring: z.object({ date: schoolDate().optional() }), response: { 200: TextsOfDay } } },
    async (req) => ({
      texts: await textsOfDay(db, schoolOf(req), req.query.date ?? londonDate(app.deps.now())),
      allowance: await textAllowance(db, schoolOf(req), app.deps.now()),
    }),
  );
  app.get(
    "/api/pupils/:pupilId/replies",
    { schema: { tags: ["texts"], summary: "What the family said back, by text or through the reply link", params: PupilParams, response: { 200: FamilyReplies } } },
    async (req) => ({ replies: await repliesOfPupil(db, schoolOf(req), req.params.pupilId) }),
  );
  app.post(
    "/api/replies/:replyId/confirm",
    { schema: { tags: ["texts"], summary: "Parent reached: a member of staff confirms the family's reply", params: z.object({ replyId: z.uuid() }), body: DateBody, response: { 201: ReplyConfirmed } } },
    async (req, reply) => reply.code(201).send(await confirmReply(db, actor(req), schoolOf(req), req.params.replyId, req.body.date ?? londonDate(app.deps.now()), app.deps.now())),
  );

  // The family's page: no sign-in, rate-limited, and the same 404 for a wrong link as for an expired one.
  const limit = { rateLimit: { max: 30, timeWindow: "1 minute" } };
  app.get(
    "/api/reply/:token",
    { config: limit, schema: { tags: ["texts"], summary: "The reply link: the school's name and the child's first name", params: TokenParams, response: { 200: ReplyLinkView } } },
    async (req) => viewReplyLink(db, req.params.token, app.deps.now()),
  );
  app.post(
    "/api/reply/:token",
    { config: limit, schema: { tags: ["texts"], summary: "The family's answer through the reply link", params: TokenParams, body: FamilyReplySchema, response: { 201: ReplyReceived } } },
    async (req, reply) => {
      await answerReplyLink(db, req.params.token, req.body, app.deps.now());
      return reply.code(201).send({ received: true as const });
    },
  );
}
