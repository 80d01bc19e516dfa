/**
 * Warming the request pool before the server listens: every connection is open
 * and has read the tables a check-in touches (a table renamed without updating the
 * list fails here, not at a school's first restart), and they stay open.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client";
import { openTestDatabase } from "../test/test-database";

let db: DatabaseHandle;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

it("opens every request connection, reads the hot tables on each, and keeps them", async () => {
  await db.warm();
  if (db.kind === "postgresql") {
    expect(db.pool!.totalCount).toBe(10);
    expect(db.pool!.idleCount).toBe(10);
    // Past the pool's default idle timeout (10 s) a connection would be closed; min = max keeps them.
    expect(db.pool!.options.min).toBe(db.pool!.options.max);
  }
  expect(await db.db.execute(sql`select 1 as one`)).toBeTruthy();
});
