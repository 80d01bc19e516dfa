import { z } from "zod";
import type { AppInstance } from "../../server";
import { calendarFeed, issueCalendarFeed, revokeCalendarFeed } from "../../../app/visits/calendar-feed";
import { actorOf } from "../../auth-hook";

const Ok = z.object({ ok: z.literal(true) });
/** Query strings are text: "false" must mean false (z.coerce.boolean would make any non-empty string true). */

export function calendarFeedRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.post("/api/my/calendar-feed", { schema: { tags: ["visits"], summary: "Issue a new secret calendar URL (the old one stops working)", response: { 200: z.object({ path: z.string() }) } } }, async (req) => {
    const { token } = await issueCalendarFeed(db, { ...actorOf(req), userId: req.auth!.userId });
    return { path: `/api/calendar-feed/${token}` };
  });
  app.delete("/api/my/calendar-feed", { schema: { tags: ["visits"], summary: "Revoke my calendar URL", response: { 200: Ok } } }, async (req) => {
    await revokeCalendarFeed(db, { ...actorOf(req), userId: req.auth!.userId });
    return { ok: true as const };
  });
  app.get("/api/calendar-feed/:token", { schema: { tags: ["visits"], summary: "iCalendar feed of a user's visits (the secret URL is the credential)", params: z.object({ token: z.string().min(20).max(100) }), produces: ["text/calendar"] } }, async (req, reply) =>
    reply.type("text/calendar; charset=utf-8").header("cache-control", "no-store").send(await calendarFeed(db, req.params.token, now())),
  );
}
