/**
 * Input PostgreSQL cannot store, refused at the door: a NUL character in any
 * string of a JSON body, a query string or a path (PostgreSQL text cannot hold
 * one) is a 400 naming the field or parameter, not a 500 from the database.
 */
import type { FastifyInstance } from "fastify";
import type { ErrorBody } from "./errors";

const NUL = "\u0000";

/** The dotted path ("visits.2.note") of the first string or key holding a NUL, if any. */
export function findNul(value: unknown, path: string[] = []): string | undefined {
  const here = () => (path.length ? path.join(".") : "body");
  if (typeof value === "string") return value.includes(NUL) ? here() : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return [...path, k.replaceAll(NUL, "\\u0000")].join(".");
      const found = findNul(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

export function registerInputGuards(app: FastifyInstance) {
  // preValidation: after the access check (onRequest), before the route's schema and handler.
  app.addHook("preValidation", async (req, reply) => {
    // Query and path parameters are named as they are ("from", "token"), never prefixed.
    const parameter = findNul(req.query, []) ?? findNul(req.params, []);
    if (parameter) return reply.code(400).send({ error: "invalid_input", field: parameter, message: "contains a NUL character" } satisfies ErrorBody);
    if (req.body === undefined || !String(req.headers["content-type"] ?? "").includes("json")) return;
    // An upload streamed to its route (a Wonde register) is not parsed here: walking a stream object would never end.
    if (typeof (req.body as { pipe?: unknown }).pipe === "function") return;
    const field = findNul(req.body);
    if (field) return reply.code(400).send({ error: "invalid_input", field, message: "contains a NUL character" } satisfies ErrorBody);
  });
}
