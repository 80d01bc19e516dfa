import { z } from "zod";
import { Notifications } from "../../../contracts/visits";
import type { AppInstance } from "../../server";
import { markNotificationRead, unreadNotifications } from "../../../app/notify/in-app-notifications";
import { actorOf } from "../../auth-hook";

const Ok = z.object({ ok: z.literal(true) });
/** Query strings are text: "false" must mean false (z.coerce.boolean would make any non-empty string true). */

export function notificationRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/notifications", { schema: { tags: ["people"], summary: "My unread notifications", response: { 200: Notifications } } }, async (req) => unreadNotifications(db, req.auth!.userId));
  app.post("/api/notifications/:notificationId/read", { schema: { tags: ["people"], summary: "Mark a notification read", params: z.object({ notificationId: z.uuid() }), response: { 200: Ok } } }, async (req) => {
    await markNotificationRead(db, { ...actorOf(req), userId: req.auth!.userId }, req.params.notificationId, now());
    return { ok: true as const };
  });
}
