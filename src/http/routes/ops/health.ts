import { z } from "zod";
import type { AppInstance } from "../../server";
import { appendOnlyGuardOf, schemaVersion } from "../../../db/client";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../../../db/unavailable";

export function healthRoutes(app: AppInstance) {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["platform"],
        summary: "Liveness, database kind, schema version, and what holds the append-only tables against the app's own connection",
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgresql"]),
            schemaVersion: z.number(),
            /**
             * embedded: PGlite, one built-in user; app_role: the app's PostgreSQL role owns nothing, so it can neither
             * rewrite those tables nor switch their triggers off; triggers_only: the app is the owner, who could drop them.
             */
            appendOnly: z.enum(["embedded", "app_role", "triggers_only"]),
          }),
          /** The server runs but its database does not answer (restarting, unreachable): a load balancer or supervisor reads this. */
          // (also the shape of the error handler's 503, when a session cookie sent with the check met the database away first)
          503: z.object({ status: z.literal("database_unavailable").optional(), error: z.literal("database_unavailable"), database: z.enum(["pglite", "postgresql"]).optional(), message: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const database = app.deps.database.kind;
      try {
        return { status: "ok" as const, database, schemaVersion: await schemaVersion(app.deps.database.db), appendOnly: await appendOnlyGuardOf(app.deps.database) };
      } catch (e) {
        if (!isDatabaseUnavailable(e)) throw e;
        return reply.code(503).header("retry-after", "2").send({ status: "database_unavailable" as const, error: "database_unavailable" as const, database, message: DATABASE_UNAVAILABLE_MESSAGE });
      }
    },
  );
}
