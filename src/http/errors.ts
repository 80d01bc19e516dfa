/** One table from domain errors to HTTP. A "not found" is never a 400. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError, type DomainErrorCode } from "../domain/errors";
import { DataDirLocked } from "../db/data-dir-lock";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable";

const STATUS: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  policy_violation: 422,
};

export interface ErrorBody {
  error: DomainErrorCode | "csrf" | "rate_limited" | "internal" | "database_unavailable";
  message: string;
  field?: string | undefined;
  clause?: string | undefined;
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  // An upload refused part-way (a bad line 2 of a large register) must not leave the
  // browser sending the rest: answer, and close the connection.
  if (!req.raw.readableEnded) reply.header("connection", "close");
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const field = first?.instancePath?.replace(/^\//, "").replaceAll("/", ".") || undefined;
    const where = (err as FastifyError).validationContext ?? "request";
    return reply.code(400).send({
      error: "invalid_input",
      message: `${field ? `${where}.${field}` : where}: ${first?.message ?? "is not valid"}`,
      field,
    } satisfies ErrorBody);
  }
  if (err instanceof DomainError) {
    return reply.code(STATUS[err.code]).send({
      error: err.code,
      message: err.message,
      field: err.field,
      clause: "clause" in err ? String((err as { clause: unknown }).clause) : undefined,
    } satisfies ErrorBody);
  }
  const status = (err as FastifyError).statusCode;
  if (status === 429) {
    return reply.code(429).send({ error: "rate_limited", message: "Too many attempts. Wait a minute and try again." } satisfies ErrorBody);
  }
  if (status && status >= 400 && status < 500) {
    return reply.code(status).send({ error: "invalid_input", message: err.message } satisfies ErrorBody);
  }
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err }, "database unavailable");
    return reply.code(503).header("retry-after", "2").send({ error: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } satisfies ErrorBody);
  }
  // The logger's error serializer (src/http/logging.ts) drops query text, parameters and detail.
  if (err instanceof DataDirLocked) req.log.error({ err }, "database locked");
  else req.log.error({ err }, "unhandled error");
  return reply.code(500).send({ error: "internal", message: "Something went wrong on the server; it has been logged." } satisfies ErrorBody);
}
