import { z } from "zod";
import type { AppInstance } from "../../server";
import { ClosureRangeSchema, listClosures, reopenDay, saveClosures } from "../../../app/attendance/school-calendar-store";
import { actorOf, schoolOf } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { Closures, ClosuresSaved, DayReopened } from "../../../contracts/calendar";

export function calendarRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get(
    "/api/calendar",
    {
      schema: {
        tags: ["calendar"],
        summary: "Non-school weekdays (holidays, INSET, closures) between two dates",
        querystring: z.object({ from: schoolDate(), to: schoolDate() }),
        response: { 200: Closures },
      },
    },
    async (req) => ({ closures: await listClosures(db, schoolOf(req), req.query.from, req.query.to) }),
  );
  app.post(
    "/api/calendar",
    {
      schema: { tags: ["calendar"], summary: "Mark days as not school days", body: z.object({ ranges: z.array(ClosureRangeSchema).min(1) }), response: { 200: ClosuresSaved } },
    },
    async (req) => saveClosures(db, actorOf(req), schoolOf(req), req.body.ranges, "calendar page"),
  );
  app.delete(
    "/api/calendar/:day",
    { schema: { tags: ["calendar"], summary: "Make a closed weekday a school day again", params: z.object({ day: schoolDate() }), response: { 200: DayReopened } } },
    async (req) => reopenDay(db, actorOf(req), schoolOf(req), req.params.day),
  );
}
