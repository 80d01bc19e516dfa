/** A migrated database and a real server on it, the clock set: what most HTTP tests start from. */
import type { DatabaseHandle } from "../db/client";
import { openTestDatabase } from "./test-database";
import { startTestServer, type TestServer } from "./test-server";

export async function openDbAndServer(now: Date): Promise<{ db: DatabaseHandle; server: TestServer; close(): Promise<void> }> {
  const db = await openTestDatabase();
  const server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = now;
  return {
    db,
    server,
    async close() {
      await server.close();
      await db.close();
    },
  };
}

