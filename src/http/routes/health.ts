import { z } from "zod";
import type { AppInstance } from "../server";
import { schemaVersion } from "../../db/client";

export function healthRoutes(app: AppInstance) {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["platform"],
        summary: "Liveness, database kind and schema version",
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgresql"]), schemaVersion: z.number() }) },
      },
    },
    async () => ({ status: "ok" as const, database: app.deps.database.kind, schemaVersion: await schemaVersion(app.deps.database.db) }),
  );
}
