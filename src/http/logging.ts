/**
 * Structured logs that never carry child data: no bodies, no query strings
 * (a search could be a pupil's name), no cookies, no secret URL tokens, and no
 * database error's query text, parameters or detail (they hold the values).
 */
import type { FastifyServerOptions } from "fastify";

/** Path segments that are credentials: the segment after each of these is replaced. */
const SECRET_AFTER = new Set(["calendar-feed", "reply", "r"]);

/** The path of a URL for the log: no query string, secret segments replaced. */
export function loggedPath(url: string): string {
  const segments = url.split("?")[0]!.split("/");
  return segments.map((s, i) => (i > 0 && SECRET_AFTER.has(segments[i - 1]!) && s ? "[redacted]" : s)).join("/");
}

/** Quoted values at the end of a PostgreSQL message (`invalid input syntax for type uuid: "…"`). */
const scrub = (message: string) => message.replace(/: ".*"$/s, ': "[redacted]"');

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  stack: string;
  cause?: LoggedError;
}

/**
 * Keeps an error's name, message, code and the names of the constraint, table and
 * column; never `query`, `params`, `detail` or `where`. A Drizzle query error's
 * message is the query with its parameters, so it is replaced by its cause's.
 */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error) && (typeof err !== "object" || err === null)) return { type: typeof err, message: "[not an error]", stack: "" };
  const e = err as Error & Record<string, unknown>;
  const message = String(e.message ?? "");
  const out: LoggedError = { type: e.constructor?.name ?? "Error", message: message.startsWith("Failed query") ? "Failed query" : scrub(message), stack: "" };
  for (const k of ["code", "constraint", "table", "column"] as const) if (typeof e[k] === "string") out[k] = e[k];
  // The stack's first lines repeat the message: keep only the frames.
  if (typeof e.stack === "string") out.stack = e.stack.split("\n").filter((l) => /^\s+at /.test(l)).join("\n");
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  if (level === "silent") return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ["req.headers.cookie", "req.headers.authorization", "req.headers['x-csrf-token']"],
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { id: req.id, method: req.method, path: loggedPath(req.url) };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
      err: serializeError,
      error: serializeError,
    },
  };
}
