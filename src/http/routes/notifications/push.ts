import { z } from "zod";
import type { AppInstance } from "../../server";
import { isKnownPushService, PushSubscriptionSchema, removeSubscription, saveSubscription } from "../../../app/notify/push";
import { InvalidInput } from "../../../domain/errors";
import { actorOf, schoolOf } from "../../auth-hook";
import { PushKey, PushSubscribed } from "../../../contracts/push";

export function pushRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get(
    "/api/push/key",
    { schema: { tags: ["push"], summary: "The server's public VAPID key, for pushManager.subscribe on this device", response: { 200: PushKey } } },
    async () => ({ publicKey: app.deps.vapid!.publicKey }),
  );
  app.post(
    "/api/push/subscriptions",
    {
      schema: {
        tags: ["push"],
        summary: "Turn on alerts on this device: the browser's PushSubscription (kept for the signed-in user and school)",
        body: PushSubscriptionSchema,
        response: { 201: PushSubscribed },
      },
    },
    async (req, reply) => {
      if (!isKnownPushService(req.body.endpoint, app.deps.config.PUSH_SERVICE_HOSTS)) {
        throw new InvalidInput("endpoint", "is not at a browser push service this server sends to (PUSH_SERVICE_HOSTS)");
      }
      return reply.code(201).send(await saveSubscription(db, actorOf(req), schoolOf(req), req.body, req.headers["user-agent"] ?? null));
    },
  );
  app.delete(
    "/api/push/subscriptions",
    {
      schema: {
        tags: ["push"],
        summary: "Turn off alerts on this device (only your own subscription)",
        body: z.object({ endpoint: z.string().min(1).max(2000) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await removeSubscription(db, actorOf(req), schoolOf(req), req.body.endpoint);
      return { ok: true as const };
    },
  );
}
