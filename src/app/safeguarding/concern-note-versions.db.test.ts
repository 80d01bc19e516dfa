/**
 * The DSL's record of a concern is kept version by version (issue 13): saving
 * new notes adds a version and the earlier text stays readable, to the DSL team
 * and the head, through the API; the database refuses to rewrite or remove a
 * saved version; each save is audited with its version, not its text; and notes
 * saved before versions were kept become the first version when the migration runs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, type DatabaseHandle } from "../../db/client";
import { auditEvents, concernNoteVersions, safeguardingConcerns, users } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;
const c: Record<string, TestClient> = {};

async function signIn(name: string, roles: ("dsl" | "deputy_dsl" | "headteacher" | "visitor")[]) {
  const s = await buildStaff(db, schoolId, roles, `${name}@school.example`);
  c[name] = new TestClient(server.url);
  expect((await c[name]!.login(s.email, TEST_PASSWORD)).status).toBe(200);
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-11-17T09:00:00Z");
  schoolId = (await buildSchool(db)).id;
  await signIn("dsl", ["dsl"]);
  await signIn("deputy", ["deputy_dsl"]);
  await signIn("head", ["headteacher"]);
  await signIn("visitor", ["visitor"]);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("a concern's DSL notes", () => {
  let concernId: string;

  it("keeps every saved version, newest first, and shows the earlier text to the DSL team and the head", async () => {
    const raised = await c.visitor!.request("POST", "/api/concerns", { summary: "Child flinched at the door", details: "When the stepfather raised his voice." });
    expect(raised.status, raised.text).toBe(201);
    concernId = raised.body.id;

    const first = await c.dsl!.request("PUT", `/api/concerns/${concernId}`, { status: "in_progress", dslNotes: "Spoke to class teacher; no marks seen.", externalRef: "CP-1041" });
    expect(first.status, first.text).toBe(200);
    server.clock.now = new Date("2026-11-17T10:30:00Z");
    const second = await c.deputy!.request("PUT", `/api/concerns/${concernId}`, { status: "closed", dslNotes: "Early help referral made." });
    expect(second.status, second.text).toBe(200);

    for (const reader of ["dsl", "deputy", "head"]) {
      const list = await c[reader]!.request("GET", "/api/concerns");
      expect(list.status, list.text).toBe(200);
      const concern = list.body.concerns.find((x: { id: string }) => x.id === concernId);
      expect(concern).toMatchObject({ status: "closed", dslNotes: "Early help referral made.", externalRef: "CP-1041" });
      expect(concern.versions).toEqual([
        { version: 2, dslNotes: "Early help referral made.", statusBefore: "in_progress", status: "closed", externalRef: "CP-1041", writtenByName: "Test deputy_dsl", writtenAt: "2026-11-17T10:30:00.000Z" },
        { version: 1, dslNotes: "Spoke to class teacher; no marks seen.", statusBefore: "received", status: "in_progress", externalRef: "CP-1041", writtenByName: "Test dsl", writtenAt: "2026-11-17T09:00:00.000Z" },
      ]);
    }
    // The person who raised it still learns only that it was received.
    const mine = await c.visitor!.request("GET", "/api/my/concerns");
    expect(JSON.stringify(mine.body)).not.toContain("Early help");
    expect((await c.visitor!.request("GET", "/api/concerns")).status).toBe(403);
  });

  it("audits each save in the same transaction, naming the version and not the notes", async () => {
    const rows = await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "concern_updated"), eq(auditEvents.entityId, concernId)));
    expect(rows.map((r) => (r.after as { version: number }).version).sort()).toEqual([1, 2]);
    expect(JSON.stringify(rows)).not.toContain("Early help");
  });

  it("refuses to rewrite or remove a saved version in the database", async () => {
    await expect(db.db.update(concernNoteVersions).set({ dslNotes: "Nothing to see." }).where(eq(concernNoteVersions.concernId, concernId))).rejects.toThrow();
    await expect(db.db.delete(concernNoteVersions).where(eq(concernNoteVersions.concernId, concernId))).rejects.toThrow();
    const kept = await db.db.select().from(concernNoteVersions).where(eq(concernNoteVersions.concernId, concernId));
    expect(kept.map((v) => v.dslNotes).sort()).toEqual(["Early help referral made.", "Spoke to class teacher; no marks seen."]);
  });

  it("a save for a concern of another school is not found and records nothing", async () => {
    const other = await buildSchool(db);
    const [u] = await db.db.select({ id: users.id }).from(users).limit(1);
    const [foreign] = await db.db.insert(safeguardingConcerns).values({ schoolId: other.id, summary: "x", details: "y", raisedBy: u!.id, raisedAt: new Date(), recordingSystem: "CPOMS" }).returning();
    const r = await c.dsl!.request("PUT", `/api/concerns/${foreign!.id}`, { status: "closed", dslNotes: "not mine" });
    expect(r.status).toBe(404);
    expect(await db.db.select().from(concernNoteVersions).where(eq(concernNoteVersions.concernId, foreign!.id))).toHaveLength(0);
  });
});

describe("the migration that starts keeping versions", () => {
  it("keeps notes saved before it as each concern's first version", async () => {
    // The migrations up to the one before versions, then a concern with notes, then the rest.
    const dir = mkdtempSync(path.join(tmpdir(), "doorstep-migrations-"));
    try {
      cpSync(migrationsFolder, dir, { recursive: true });
      const journalPath = path.join(dir, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith("_concern_note_versions"));
      expect(at).toBeGreaterThan(0);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      const pglite = await PGlite.create();
      const old = drizzle({ client: pglite });
      await migrate(old, { migrationsFolder: dir });
      // Written in SQL, not through today's schema: later migrations add columns the old tables do not have yet.
      const one = async (text: string, params: unknown[]) => ((await pglite.query<{ id: string }>(text, params)).rows[0]!).id;
      const trustId = await one(`insert into trusts (name) values ($1) returning id`, ["T"]);
      const schoolId = await one(`insert into schools (name, policy_template_id, trust_id) values ($1, $2, $3) returning id`, ["S", "burgh", trustId]);
      const dslId = await one(`insert into users (email, name, password_hash) values ($1, $2, $3) returning id`, ["d@s.example", "Dee Sell", "x"]);
      const noted = {
        id: await one(
          `insert into safeguarding_concerns (school_id, summary, details, raised_by, raised_at, recording_system, status, dsl_notes, decided_by, updated_at) values ($1, 's', 'd', $2, $3, 'CPOMS', 'in_progress', 'Written before versions.', $2, $4) returning id`,
          [schoolId, dslId, "2026-10-01T08:00:00Z", "2026-10-02T08:00:00Z"],
        ),
      };
      const untouched = { id: await one(`insert into safeguarding_concerns (school_id, summary, details, raised_by, raised_at, recording_system) values ($1, 's2', 'd2', $2, now(), 'CPOMS') returning id`, [schoolId, dslId]) };
      const dsl = { id: dslId };

      await migrate(old, { migrationsFolder });
      const versions = await old.select().from(concernNoteVersions);
      expect(versions).toEqual([
        expect.objectContaining({ concernId: noted.id, version: 1, dslNotes: "Written before versions.", statusBefore: "received", status: "in_progress", writtenBy: dsl.id, writtenName: "Dee Sell", writtenAt: new Date("2026-10-02T08:00:00Z") }),
      ]);
      expect(versions.some((v) => v.concernId === untouched.id)).toBe(false);
      await pglite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
