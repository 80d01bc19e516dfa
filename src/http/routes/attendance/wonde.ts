/**
 * The school's Wonde feed on the Imports page: its status, connecting a token,
 * and "Sync now". The token goes in and is never sent back out.
 */
import { z } from "zod";
import type { AppInstance } from "../../server";
import { actorOf, schoolOf } from "../../auth-hook";
import { connectWondeFeed, disconnectWondeFeed, setWondeSchedule, wondeFeedStatus } from "../../../app/attendance/wonde/feed";
import { syncWondeFeed } from "../../../app/attendance/wonde/sync-feed";
import { lastMarksChange } from "../../../app/attendance/marks-changes";
import { receiveWondeWebhook, webhookSecretMatches, WondeWebhookBody } from "../../../app/attendance/wonde/webhook";
import { Conflict, DomainError, InvalidInput, NotFound } from "../../../domain/errors";
import { serveEventStream } from "../../event-stream";
import { SyncScheduleBody, WondeConnected, WondeFeedStatus, WondeSyncAnswer } from "../../../contracts/imports";

export function wondeRoutes(app: AppInstance) {
  const h = app.deps.database;
  app.get(
    "/api/imports/wonde",
    { schema: { tags: ["imports"], summary: "The school's Wonde feed: connected or not, the last sync, the next, the last error in words (never the token)", response: { 200: WondeFeedStatus } } },
    async (req) => wondeFeedStatus(h.db, schoolOf(req), app.deps.now()),
  );
  app.put(
    "/api/imports/wonde",
    {
      schema: {
        tags: ["imports"],
        summary: "Connect the school's Wonde feed: its Wonde school id and token (checked with Wonde before it is kept, then stored encrypted), and Wonde's address for the school's region",
        body: z.object({ wondeSchoolId: z.string().trim().regex(/^[A-Za-z0-9]{1,40}$/, "is a Wonde school id: letters and digits, such as A1930499544"), token: z.string().trim().min(8).max(500), baseUrl: z.string().max(300).optional() }),
        response: { 200: WondeConnected },
      },
    },
    async (req) => {
      const connected = await connectWondeFeed(h.db, actorOf(req), schoolOf(req), req.body, { box: app.deps.wondeBox ?? null, ...(app.deps.wondeClient ? { client: app.deps.wondeClient } : {}) });
      return { ...connected, feed: await wondeFeedStatus(h.db, schoolOf(req), app.deps.now()) };
    },
  );
  app.put(
    "/api/imports/wonde/schedule",
    { schema: { tags: ["imports"], summary: "The school's own sync schedule: every few minutes through a busy period, then hourly until a time; school days only (weekends and the school's closures are skipped)", body: SyncScheduleBody, response: { 200: WondeFeedStatus } } },
    async (req) => {
      await setWondeSchedule(h.db, actorOf(req), schoolOf(req), req.body);
      return wondeFeedStatus(h.db, schoolOf(req), app.deps.now());
    },
  );
  app.delete(
    "/api/imports/wonde",
    { schema: { tags: ["imports"], summary: "Disconnect the Wonde feed and forget its token (the pupils and marks it brought stay)", response: { 200: z.object({ disconnected: z.boolean() }) } } },
    async (req) => disconnectWondeFeed(h.db, actorOf(req), schoolOf(req)),
  );
  app.post(
    "/api/imports/wonde/sync",
    { schema: { tags: ["imports"], summary: "Sync now: read what changed in the MIS through Wonde and save it, all or nothing; the answer says what changed or what went wrong", response: { 200: WondeSyncAnswer } } },
    async (req) => {
      const box = app.deps.wondeBox;
      if (!box) throw new InvalidInput("token", "this server has no WONDE_TOKEN_KEY set, so it cannot read the school's Wonde token");
      const outcome = await syncWondeFeed(h, schoolOf(req), { box, now: app.deps.now, ...(app.deps.wondeClient ? { client: app.deps.wondeClient } : {}) });
      if (outcome.status === "not_connected") throw new NotFound("a Wonde feed for this school");
      if (outcome.status === "busy") throw new Conflict("a sync of this school is under way already; its progress shows on the Imports page");
      return { outcome, feed: await wondeFeedStatus(h.db, schoolOf(req), app.deps.now()) };
    },
  );

  app.post(
    "/api/wonde/webhook",
    {
      schema: {
        tags: ["imports"],
        summary: "Wonde's webhooks (schoolApproved, accessRevoked, accessDeclined, schoolMigration), with the shared secret in X-Webhook-Secret; each is re-checked against schools/{id} with the school's token before the feed's state changes",
        body: WondeWebhookBody,
        response: { 200: z.object({ received: z.literal(true) }) },
      },
    },
    async (req) => {
      const secret = app.deps.config.WONDE_WEBHOOK_SECRET;
      const sent = req.headers["x-webhook-secret"];
      if (!secret || !app.deps.wondeBox || !webhookSecretMatches(typeof sent === "string" ? sent : undefined, secret)) {
        throw new DomainError("unauthenticated", "Wrong or missing webhook secret.");
      }
      await receiveWondeWebhook(h.db, req.body, { box: app.deps.wondeBox, now: app.deps.now, ...(app.deps.wondeClient ? { client: app.deps.wondeClient } : {}) });
      // The same answer whatever the event found: a caller learns nothing of which schools Doorstep serves.
      return { received: true as const };
    },
  );

  // An open Today page hears when the school's marks change, by a sync or an upload (every instance reads the database, so a change made through another instance is heard too).
  app.get(
    "/api/today/stream",
    {
      schema: {
        tags: ["today"],
        summary: "Server-sent events: `marks` whenever a Wonde sync or an uploaded file changes the school's marks, with how many, when and from where (`mis` or `upload`), so Today can load its list again",
        produces: ["text/event-stream"],
      },
    },
    async (req, reply) => {
      const schoolId = schoolOf(req);
      let seen: string | null | undefined = undefined;
      await serveEventStream(req, reply, { db: h.db, now: app.deps.now, everyMs: 2000, what: "today changes", opening: ": listening\n\n" }, async () => {
        const change = await lastMarksChange(h.db, schoolId);
        const news = seen !== undefined && change !== null && change.id !== seen;
        seen = change?.id ?? null;
        return news ? `event: marks\ndata: ${JSON.stringify({ at: change.at.toISOString(), marksChanged: change.marksChanged, source: change.source })}\n\n` : null;
      });
    },
  );
}
