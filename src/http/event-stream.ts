/**
 * A server-sent event stream that reads the database every so often (the office
 * board, Today's changes): every instance reads for itself, so news made on
 * another instance arrives too. An open stream keeps its session from going idle,
 * ends with the session, and says it is still there every 15 quiet looks.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/client";
import { keepSessionAlive, TOUCH_EVERY_MS } from "../app/auth/sessions";

export async function serveEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { db: Database; now: () => Date; everyMs: number; what: string; opening?: string },
  /** The event to send now (text ending in a blank line), or null when there is no news. */
  look: () => Promise<string | null>,
): Promise<void> {
  const { db, now } = opts;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
  let closed = false;
  let beats = 0;
  const token = req.auth!.token;
  let touched = now().getTime();
  const end = () => {
    closed = true;
    clearInterval(timer);
    res.end();
  };
  const push = async () => {
    if (closed) return;
    try {
      if (now().getTime() - touched > TOUCH_EVERY_MS) {
        touched = now().getTime();
        if (!(await keepSessionAlive(db, token, now()))) return end();
      }
      const event = await look();
      if (event !== null) res.write(event);
      else if (++beats % 15 === 0) res.write(": still here\n\n");
    } catch (e) {
      req.log.error({ err: e }, `${opts.what} stream failed`);
    }
  };
  const timer = setInterval(() => void push(), opts.everyMs);
  req.raw.on("close", () => {
    closed = true;
    clearInterval(timer);
  });
  if (opts.opening) res.write(opts.opening);
  await push();
}
