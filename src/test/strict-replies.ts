import { isDeepStrictEqual } from "node:util";
import type { ZodType } from "zod";
import type { AppInstance } from "../http/server";

export interface ReplyOutsideSchema {
  route: string;
  status: number;
  problem: string;
}

/**
 * Holds every JSON answer to its route's declared schema, strictly. Fastify's zod
 * serializer already refuses a reply that lacks a field or has one of the wrong
 * type (a 500), but it drops fields the schema does not name without a word: a
 * field the web reads would vanish. Here a dropped field is recorded too.
 */
export function holdRepliesToSchemas(app: AppInstance): { seen: Set<string>; outside: ReplyOutsideSchema[] } {
  const seen = new Set<string>();
  const outside: ReplyOutsideSchema[] = [];
  app.addHook("preSerialization", async (req, reply, payload) => {
    const schema = (req.routeOptions.schema?.response as Record<string, ZodType> | undefined)?.[reply.statusCode];
    if (!schema || typeof (schema as { safeParse?: unknown }).safeParse !== "function") return payload;
    const route = `${req.method} ${req.routeOptions.url}`;
    seen.add(route);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) outside.push({ route, status: reply.statusCode, problem: parsed.error.message });
    else if (!isDeepStrictEqual(JSON.parse(JSON.stringify(payload)), JSON.parse(JSON.stringify(parsed.data)))) {
      outside.push({ route, status: reply.statusCode, problem: `fields the schema does not name: ${JSON.stringify(payload).slice(0, 400)}` });
    }
    return payload;
  });
  return { seen, outside };
}
