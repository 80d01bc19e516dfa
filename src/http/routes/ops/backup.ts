import { timingSafeEqual } from "node:crypto";
import type { AppInstance } from "../../server";
import { dumpPglite } from "../../../db/pglite-backup";
import type { ErrorBody } from "../../errors";

/**
 * `doorstep backup` while the server runs (src/db/backup-door.ts): the copy is
 * taken in this process, which holds the PGlite folder. Not for browsers or
 * people: the key is in the data folder, made at each start.
 */
export function backupRoutes(app: AppInstance) {
  app.post("/api/ops/backup", { schema: { hide: true, produces: ["application/gzip"] } }, async (req, reply) => {
    const key = app.deps.backupKey;
    const pglite = app.deps.database.pglite;
    if (!key || !pglite) {
      return reply.code(404).send({
        error: "not_found",
        message: app.deps.database.kind === "postgresql" ? "This server uses PostgreSQL: back it up with pg_dump (README: Backups)." : "Backups over HTTP are off in this server.",
      } satisfies ErrorBody);
    }
    const sent = Buffer.from(String(req.headers.authorization ?? "").replace(/^Bearer /, ""));
    const want = Buffer.from(key);
    if (sent.length !== want.length || !timingSafeEqual(sent, want)) {
      return reply.code(401).send({ error: "unauthenticated", message: "Wrong or missing backup key (it is in the data folder, made when the server started)." } satisfies ErrorBody);
    }
    const started = Date.now();
    const bytes = await dumpPglite(pglite);
    req.log.info({ bytes: bytes.length, ms: Date.now() - started }, "backup taken");
    return reply.type("application/gzip").header("cache-control", "no-store").send(Buffer.from(bytes));
  });
}
