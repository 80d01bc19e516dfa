/**
 * PostgreSQL only (issue 13): the app runs as a role that owns nothing, so the
 * append-only tables hold against the app's own connection, not just its code.
 * With that role the database refuses to switch the audit trigger off, drop it,
 * replicate around it, or rewrite an audit row, a visit report or a DSL's note,
 * while the app's ordinary work (signing in, a register import through COPY and
 * a temporary table, raising and recording a concern, the safety sweep) goes on.
 * The same statements succeed as the owner: that is what was wrong before.
 * PGlite (one built-in user, no roles) is exempt; see src/db/app-role.ts.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendOnlyGuardOf, MigrationsNeedOwner, openDatabase, rowsOf, runMigrations, type DatabaseHandle } from "./client";
import { appendOnlyTables, createAppRole, grantAppRole } from "./app-role";
import { pupils } from "./schema";
import { openTestDatabase, testServerUrl } from "../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { TestClient } from "../test/http-client";
import { startTestServer, type TestServer } from "../test/test-server";
import { sweepSafety } from "../jobs/safety-sweeper";

let db: DatabaseHandle & { appRole?: string };
let owner: pg.Client;
let server: TestServer;

beforeAll(async () => {
  if (!testServerUrl) return;
  db = await openTestDatabase({ appRole: true });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await owner?.end();
  await db?.close();
});

/** A statement as the app's role, inside a transaction rolled back whatever happens, so a wrongly allowed one changes nothing. */
async function asApp(statement: string): Promise<string> {
  const client = await db.pool!.connect();
  try {
    await client.query("begin");
    await client.query(statement);
    return "allowed";
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.query("rollback").catch(() => {});
    client.release();
  }
}

describe.skipIf(!testServerUrl)("the app's PostgreSQL role", { timeout: 120_000 }, () => {
  it("owns nothing, and says so in /api/health", async () => {
    const [me] = rowsOf<{ role: string }>(await db.db.execute(sql`select current_user as role`));
    expect(me!.role).toBe(db.appRole);
    expect(await appendOnlyGuardOf(db)).toBe("app_role");
    const health = await new TestClient(server.url).request("GET", "/api/health");
    expect(health.body).toMatchObject({ status: "ok", database: "postgresql", appendOnly: "app_role" });
  });

  it("does the app's ordinary work: sign-in, a register import (COPY into a temporary table), a concern and its notes, the safety sweep", async () => {
    const school = await buildSchool(db);
    await db.db.insert(pupils).values({ schoolId: school.id, upn: "A100000000001", firstName: "Ann", lastName: "One", addressLine1: "1 Lane" });
    const lead = new TestClient(server.url);
    expect((await lead.login((await buildStaff(db, school.id, ["attendance_lead"])).email, TEST_PASSWORD)).status).toBe(200);
    const imported = await lead.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: "upn,date,session,code\nA100000000001,2026-03-05,AM,N\n" });
    expect(imported.status, imported.text).toBe(200);

    const dsl = new TestClient(server.url);
    expect((await dsl.login((await buildStaff(db, school.id, ["dsl"])).email, TEST_PASSWORD)).status).toBe(200);
    const raised = await lead.request("POST", "/api/concerns", { summary: "Worried", details: "Seen at the door." });
    expect(raised.status, raised.text).toBe(201);
    const noted = await dsl.request("PUT", `/api/concerns/${raised.body.id}`, { status: "in_progress", dslNotes: "Called the family." });
    expect(noted.status, noted.text).toBe(200);
    expect((await dsl.request("GET", "/api/concerns")).body.concerns[0].versions).toHaveLength(1);

    await sweepSafety(db.sweeperDb, new Date());
    expect((await lead.request("POST", "/api/auth/logout", {})).status).toBeLessThan(300);
  });

  it("cannot switch the audit trigger off, drop it, or replicate around it", async () => {
    for (const statement of [
      "alter table audit_events disable trigger audit_events_no_update",
      "alter table audit_events disable trigger all",
      "drop trigger audit_events_no_update on audit_events",
      "drop function doorstep_audit_append_only() cascade",
      "drop table audit_events cascade",
      "alter table audit_events owner to current_user",
      "create trigger sneak before insert on audit_events for each row execute function doorstep_audit_append_only()",
      "alter table concern_note_versions disable trigger concern_note_versions_no_update",
      "alter table visit_reports disable trigger visit_reports_no_update",
    ]) {
      expect(await asApp(statement), statement).toMatch(/must be owner|permission denied/);
    }
    expect(await asApp("set session_replication_role = replica")).toMatch(/permission denied/);
    expect(await asApp("create table public.mine (n int)")).toMatch(/permission denied/);
  });

  it("may not update, delete or truncate audit rows, visit reports or DSL notes: refused by privilege, before any trigger", async () => {
    for (const table of ["audit_events", "visit_reports", "visit_report_addenda", "concern_note_versions"]) {
      for (const statement of [`update ${table} set id = id`, `delete from ${table}`, `truncate ${table}`]) {
        expect(await asApp(statement), statement).toMatch(new RegExp(`permission denied for table ${table}`));
      }
    }
    // Reading and appending stay open.
    expect(await asApp("select count(*) from audit_events")).toBe("allowed");
    expect(await asApp("insert into audit_events (actor_name, action, entity) values ('test', 'probe', 'probe')")).toBe("allowed");
  });

  it("the tables kept from UPDATE and DELETE are those the migrations made append-only", async () => {
    expect(await appendOnlyTables(owner)).toEqual(["audit_events", "concern_note_versions", "external_references", "visit_report_addenda", "visit_reports"]);
  });

  it("migrating again re-grants: a table a later migration adds is open to the app, and an append-only one closed", async () => {
    await owner.query("create table later_table (n int)");
    await owner.query("create table later_log (n int)");
    await owner.query("create trigger later_log_no_update before update or delete on later_log for each row execute function doorstep_audit_append_only()");
    expect(await asApp("insert into later_table values (1)")).toMatch(/permission denied/);
    await runMigrations(db);
    expect(await asApp("insert into later_table values (1)")).toBe("allowed");
    expect(await asApp("update later_table set n = 2")).toBe("allowed");
    expect(await asApp("insert into later_log values (1)")).toBe("allowed");
    expect(await asApp("delete from later_log")).toMatch(/permission denied/);
    await owner.query("drop table later_table, later_log");
  });

  it("the owner's connection is what could switch the trigger off, and is reported as such", async () => {
    await owner.query("begin");
    try {
      await owner.query("alter table audit_events disable trigger audit_events_no_update");
    } finally {
      await owner.query("rollback");
    }
    const asOwner = await openDatabase({ databaseUrl: db.ownerUrl });
    try {
      expect(await appendOnlyGuardOf(asOwner)).toBe("triggers_only");
    } finally {
      await asOwner.close();
    }
  });

  it("with only DATABASE_URL, a role that owns nothing starts on a schema the owner brought up to date, and otherwise says to set DATABASE_OWNER_URL", async () => {
    const upToDate = await openDatabase({ databaseUrl: db.url });
    try {
      await expect(runMigrations(upToDate)).resolves.toBeUndefined();
    } finally {
      await upToDate.close();
    }
    const empty = `${db.appRole}_empty`;
    await owner.query(`create database ${empty}`);
    const url = new URL(db.url!);
    url.pathname = `/${empty}`;
    const fresh = await openDatabase({ databaseUrl: url.toString() });
    try {
      await expect(runMigrations(fresh)).rejects.toThrow(MigrationsNeedOwner);
    } finally {
      await fresh.close();
      await owner.query(`drop database ${empty} with (force)`);
    }
  });

  it("grant-app-role refuses the owner and makes a missing role once", async () => {
    const { rows } = await owner.query<{ role: string }>("select current_user as role");
    await expect(grantAppRole(owner, rows[0]!.role)).rejects.toThrow(/must own nothing/);
    const extra = `${db.appRole}_cli`;
    try {
      expect((await createAppRole(owner, extra, "a long test password")).created).toBe(true);
      expect((await createAppRole(owner, extra, undefined)).created).toBe(false);
      const { rows: r } = await owner.query<{ ok: boolean }>(`select has_table_privilege($1, 'audit_events', 'DELETE') as ok`, [extra]);
      expect(r[0]!.ok).toBe(false);
    } finally {
      await owner.query(`drop owned by "${extra}"`);
      await owner.query(`drop role if exists "${extra}"`);
    }
  });
});
