/**
 * Input PostgreSQL cannot store, refused at the door: a NUL character in any
 * string of a JSON body, a query string or a path (PostgreSQL text cannot hold
 * one), or half of a surrogate pair, is a 400 naming the field or parameter, not
 * a 500 from the database; so is a body nested deeper than any form sends, before
 * anything recurses into it.
 */
import type { FastifyInstance } from "fastify";
import type { ErrorBody } from "./errors";

const NUL = "\u0000";
/**
 * Half of a UTF-16 surrogate pair ("\ud800" in JSON) is no character: PostgreSQL's
 * jsonb refuses it (a 500 from a risk assessment, whose answers are jsonb) and text
 * columns keep a replacement character instead of what was sent.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HALF_PAIR = "contains half of a surrogate pair (not a character)";

/**
 * Far deeper than any form or phone sends (no route's body schema goes past 3 levels).
 * A body nested thousands deep is cheap to send and took the server's stack with it.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonFault = { field: string; message: string };

/**
 * The first string or key holding a NUL or half a surrogate pair, or the first part
 * nested deeper than MAX_JSON_DEPTH, depth first. Walked with a stack of its own, not by recursion:
 * the value may be as deep as the parser allowed.
 */
export function findJsonFault(value: unknown): JsonFault | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  const name = (path: string[]) => (path.length ? path.join(".") : "body");
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes(NUL)) return { field: name(path), message: "contains a NUL character" };
      if (LONE_SURROGATE.test(v)) return { field: name(path), message: HALF_PAIR };
      continue;
    }
    if (!v || typeof v !== "object") continue;
    if (path.length >= MAX_JSON_DEPTH) return { field: path[0] && !/^\d+$/.test(path[0]) ? path[0] : "body", message: `is nested more than ${MAX_JSON_DEPTH} levels deep` };
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [k] of entries) {
      if (k.includes(NUL)) return { field: [...path, k.replaceAll(NUL, "\\u0000")].join("."), message: "contains a NUL character" };
      if (LONE_SURROGATE.test(k)) return { field: name(path), message: `has a key that ${HALF_PAIR}` };
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return undefined;
}

/** The dotted path ("visits.2.note") of the first string or key holding a NUL, if any. */
export function findNul(value: unknown): string | undefined {
  const fault = findJsonFault(value);
  return fault?.message.includes("NUL") ? fault.field : undefined;
}

export function registerInputGuards(app: FastifyInstance) {
  // preValidation: after the access check (onRequest), before the route's schema and handler.
  app.addHook("preValidation", async (req, reply) => {
    // Query and path parameters are named as they are ("from", "token"), never prefixed.
    const parameter = findNul(req.query) ?? findNul(req.params);
    if (parameter) return reply.code(400).send({ error: "invalid_input", field: parameter, message: "contains a NUL character" } satisfies ErrorBody);
    // A JSON body may be null (the text "null"): the route's schema answers that.
    if (req.body === undefined || req.body === null || !String(req.headers["content-type"] ?? "").includes("json")) return;
    // An upload streamed to its route (a Wonde register) is not parsed here: walking a stream object would never end.
    if (typeof (req.body as { pipe?: unknown }).pipe === "function") return;
    const fault = findJsonFault(req.body);
    if (fault) return reply.code(400).send({ error: "invalid_input", field: fault.field, message: fault.message } satisfies ErrorBody);
  });
}
