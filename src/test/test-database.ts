/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or
 * a throw-away database on the PostgreSQL server named by TEST_DATABASE_URL
 * (npm run test:pg) or, failing that, DATABASE_URL. The same tests run on both.
 */
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, runMigrations, type DatabaseHandle } from "../db/client";

// Someone running the server on PostgreSQL expects `npm test` to use it too; each test file gets its own database there.
export const testServerUrl = process.env.TEST_DATABASE_URL || (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined);

let template: PGlite | undefined;

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testServerUrl) {
    const name = `doorstep_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: testServerUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(testServerUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString() });
    await runMigrations(handle);
    const close = handle.close;
    handle.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: testServerUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
    return handle;
  }
  if (!template) {
    template = await PGlite.create();
    const h = await openDatabase({ pglite: template });
    await runMigrations(h);
  }
  // A clone of a migrated template is much faster than migrating again.
  const clone = (await template.clone()) as PGlite;
  return openDatabase({ pglite: clone });
}
