/**
 * Repeatable writes (issue 14): a client that may send the same write twice (a
 * phone on a bad signal, a person pressing again after a time-out) sends an
 * `Idempotency-Key` header with an id it made for that one action. The first
 * write transaction of the request records the key (src/app/audit/request-key.ts);
 * the answer is stored as it is sent; the same key again is answered with that
 * first answer (and `Idempotent-Replay: true`), never a 409 or a 500, and changes
 * nothing.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/client";
import { keepRequestAnswer, readRequestKey, type RequestKeyClaim } from "../app/audit/request-key";
import type { AppInstance } from "./server";
import type { ErrorBody } from "./errors";

declare module "fastify" {
  interface FastifyRequest {
    requestKey: RequestKeyClaim | null;
  }
}

export const REQUEST_KEY_HEADER = "idempotency-key";
const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** How long a repeat waits for the first request, still running, to answer. */
const WAIT_MS = 10_000;

export function registerRequestKeys(app: AppInstance, db: Database) {
  app.decorateRequest("requestKey", null);
  app.addHook("preHandler", async (req, reply) => {
    const key = req.headers[REQUEST_KEY_HEADER];
    if (key === undefined || !WRITES.has(req.method) || !req.auth) return;
    if (typeof key !== "string" || !KEY.test(key)) {
      return reply.code(400).send({ error: "invalid_input", message: "Idempotency-Key: 8 to 100 letters, digits, '-', '_', '.' or ':'.", field: "Idempotency-Key" } satisfies ErrorBody);
    }
    const claim: RequestKeyClaim = { userId: req.auth.userId, key, route: `${req.method} ${req.routeOptions.url ?? req.url}`, recorded: false };
    if (await replay(db, req, reply, claim)) return reply;
    req.requestKey = claim;
  });
  // The answer is kept only for a request whose write committed with the key.
  app.addHook("onSend", async (req, reply, payload) => {
    const claim = req.requestKey;
    if (!claim?.recorded || reply.statusCode >= 500 || typeof payload !== "string") return payload;
    await keepRequestAnswer(db, claim, reply.statusCode, payload);
    return payload;
  });
}

/** The error handler's part: a repeat that ran at the same moment as the first is answered with the first's answer. */
export async function answerRepeat(db: Database, req: FastifyRequest, reply: FastifyReply, claim: RequestKeyClaim): Promise<void> {
  if (!(await replay(db, req, reply, claim))) {
    await reply.code(200).header("idempotent-replay", "true").send({ ok: true, alreadyRecorded: true });
  }
}

/**
 * Answers with the stored answer when the key was recorded. A key recorded but
 * not yet answered belongs to a request still running: wait for its answer.
 * Returns false when the key is new.
 */
export async function replay(db: Database, req: FastifyRequest, reply: FastifyReply, claim: RequestKeyClaim, waitMs = WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await readRequestKey(db, claim);
    if (!row) return false;
    if (row.route !== claim.route) {
      await reply.code(422).send({ error: "policy_violation", message: "This Idempotency-Key was already used for another kind of request: make a new one for each action.", field: "Idempotency-Key" } satisfies ErrorBody);
      return true;
    }
    if (row.response !== null && row.statusCode !== null) {
      await reply.code(row.statusCode).header("content-type", "application/json; charset=utf-8").header("idempotent-replay", "true").send(row.response);
      return true;
    }
    if (Date.now() >= deadline) {
      // Recorded, and its answer lost (the server stopped between the commit and the answer).
      await reply.code(200).header("idempotent-replay", "true").send({ ok: true, alreadyRecorded: true });
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
