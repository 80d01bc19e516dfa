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

export interface TestDatabaseOptions {
  /**
   * PostgreSQL only: the app connects as a login role made for this database
   * (unique, dropped on close: roles are cluster-wide), which owns nothing, and
   * migrations run as the server's owner, as with DATABASE_OWNER_URL.
   */
  appRole?: boolean;
}

export async function openTestDatabase(opts: TestDatabaseOptions = {}): Promise<DatabaseHandle & { appRole?: string }> {
  if (testServerUrl) {
    const suffix = randomBytes(6).toString("hex");
    const name = `doorstep_test_${suffix}`;
    const role = opts.appRole ? `doorstep_app_test_${suffix}` : undefined;
    const admin = new pg.Client({ connectionString: testServerUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    if (role) await admin.query(`create role ${role} login`);
    await admin.end();
    const url = new URL(testServerUrl);
    url.pathname = `/${name}`;
    const appUrl = new URL(url);
    if (role) {
      appUrl.username = role;
      appUrl.password = "";
    }
    const handle = await openDatabase({ databaseUrl: appUrl.toString(), ownerUrl: role ? url.toString() : undefined });
    await runMigrations(handle);
    const close = handle.close;
    handle.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: testServerUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      if (role) await a.query(`drop role if exists ${role}`);
      await a.end();
    };
    return role ? Object.assign(handle, { appRole: role }) : handle;
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
