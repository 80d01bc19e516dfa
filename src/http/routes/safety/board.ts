import { z } from "zod";
import { Board, ClosedAlert } from "../../../contracts/safety";
import type { AppInstance } from "../../server";
import { acknowledgeAlert, closeAlert } from "../../../app/safety/alerts";
import { officeBoardJson } from "../../../app/safety/office-board";
import { boardSnapshots } from "../../../app/safety/board-snapshots";
import { actorOf, schoolOf } from "../../auth-hook";
import { serveEventStream } from "../../event-stream";

const AlertParams = z.object({ alertId: z.uuid() });

const Ok = z.object({ ok: z.literal(true) });

export function boardRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();
  const boardJson = boardSnapshots((schoolId) => officeBoardJson(db, schoolId));

  app.get("/api/board", { schema: { tags: ["safety"], summary: "Every visit under way, with deadlines and alerts", response: { 200: Board } } }, async (req, reply) =>
    // Already JSON, built by the database: passed on as text, not parsed and written again, so Fastify does not
    // serialize it; the schema documents it and src/http/contract.db.test.ts holds the board to it.
    reply.type("application/json; charset=utf-8").send(`{"visits":${await officeBoardJson(db, schoolOf(req))},"at":${JSON.stringify(now().toISOString())}}` as unknown as Board),
  );
  app.get("/api/board/stream", { schema: { tags: ["safety"], summary: "The office board as server-sent events (a snapshot whenever it changes)", produces: ["text/event-stream"] } }, async (req, reply) => {
    const schoolId = schoolOf(req);
    let last = "";
    await serveEventStream(req, reply, { db, now, everyMs: 1000, what: "board" }, async () => {
      const board = await boardJson(schoolId);
      if (board === last) return null;
      last = board;
      // The snapshot is already JSON (one line): wrapped as it is, not parsed and written again.
      return `event: board\ndata: {"visits":${board},"at":${JSON.stringify(now().toISOString())}}\n\n`;
    });
  });
  app.post("/api/alerts/:alertId/acknowledge", { schema: { tags: ["safety"], summary: "Acknowledge an alert by name", params: AlertParams, response: { 200: Ok } } }, async (req) => {
    await acknowledgeAlert(db, actorOf(req), schoolOf(req), req.params.alertId, now());
    return { ok: true as const };
  });
  app.post(
    "/api/alerts/:alertId/close",
    {
      schema: {
        tags: ["safety"],
        summary: "Close an alert with a note (a named person). Closing an overdue alert while the team is out sets their next deadline from now.",
        params: AlertParams,
        body: z.object({ note: z.string().max(2000) }),
        response: { 200: ClosedAlert },
      },
    },
    async (req) => {
      const closed = await closeAlert(db, { ...actorOf(req), userId: req.auth!.userId }, schoolOf(req), req.params.alertId, req.body.note, now());
      return { ok: true as const, ...closed };
    },
  );
}
