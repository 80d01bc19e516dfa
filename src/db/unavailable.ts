/**
 * Is this error the database being away (restarting, unreachable, our
 * connection cut), rather than a fault in a request? Such a request changed
 * nothing and can be sent again in a few seconds: it is answered 503 with a
 * message, never a 500 or a socket left hanging.
 */

/** SQLSTATE classes and codes: 08 connection exceptions; 57P01–57P03 shutdown, crash, starting up; 53300 too many connections. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** node-postgres says these in words only. */
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /Client has encountered a connection error and is not queryable/, /^Client was closed and is not queryable/];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (SQLSTATES.has(code) || code.startsWith("08") || SOCKET_CODES.has(code))) return true;
    if (typeof message === "string" && PG_MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not answering just now (restarting or unreachable), so nothing was saved. Try again in a few seconds; the field app keeps its steps and sends them again by itself.";
