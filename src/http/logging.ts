/**
 * Structured logs that never carry child data: no bodies, no query strings
 * (a search could be a pupil's name), no cookies.
 */
import type { FastifyServerOptions } from "fastify";

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  if (level === "silent") return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ["req.headers.cookie", "req.headers.authorization", "req.headers['x-csrf-token']"],
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { id: req.id, method: req.method, path: req.url.split("?")[0] };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}
