/** The push routes' reply contracts (src/http/routes/notifications/push.ts). */
import { z } from "zod";

/** GET /api/push/key: the server's public VAPID key, for pushManager.subscribe. */
export const PushKey = z.object({ publicKey: z.string() });
export type PushKey = z.infer<typeof PushKey>;

/** POST /api/push/subscriptions: the device's subscription kept. */
export const PushSubscribed = z.object({ id: z.uuid() });
export type PushSubscribed = z.infer<typeof PushSubscribed>;
