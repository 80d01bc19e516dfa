/** Granting roles over HTTP: who may give which key, and who hears of it. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, notifications, schools } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolA: { id: string; trustId: string | null };
let schoolB: { id: string };
let headB: string;

const person = (email: string, roles: string[]) => ({ email, name: "New Person", password: "a long new passphrase", roles });

async function signedIn(schoolId: string, roles: Parameters<typeof buildStaff>[2]) {
  const c = new TestClient(server.url);
  const { id, email } = await buildStaff(db, schoolId, roles);
  expect((await c.login(email, TEST_PASSWORD)).status).toBe(200);
  return { c, id };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  schoolA = await buildSchool(db);
  schoolB = await buildSchool(db, { trustId: schoolA.trustId });
  headB = (await buildStaff(db, schoolB.id, ["headteacher"])).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("POST /api/staff role grants", () => {
  it("a headteacher cannot make a trust admin, and nothing is saved", async () => {
    const { c } = await signedIn(schoolA.id, ["headteacher"]);
    const r = await c.request("POST", "/api/staff", person("sneaky@test.example", ["trust_admin"]));
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: "forbidden", field: "roles" });
    expect(r.body.message).toContain("trust_admin");
    const staff = await c.request("GET", "/api/staff");
    expect(staff.body.staff.map((s: { email: string }) => s.email)).not.toContain("sneaky@test.example");
  });

  it("a business manager cannot appoint a DSL or a head, but can add a visitor", async () => {
    const { c } = await signedIn(schoolA.id, ["business_manager"]);
    expect((await c.request("POST", "/api/staff", person("dsl@test.example", ["dsl"]))).status).toBe(403);
    expect((await c.request("POST", "/api/staff", person("head2@test.example", ["headteacher"]))).status).toBe(403);
    expect((await c.request("POST", "/api/staff", person("visitor@test.example", ["visitor"]))).status).toBe(201);
    // The Staff page offers only the roles the server would accept from this person.
    const { grantable } = (await c.request("GET", "/api/staff")).body;
    expect(grantable).toContain("visitor");
    expect(grantable).not.toContain("dsl");
    expect(grantable).not.toContain("trust_admin");
  });

  it("a headteacher appoints the DSL of their school", async () => {
    const { c } = await signedIn(schoolA.id, ["headteacher"]);
    expect((await c.request("POST", "/api/staff", person("newdsl@test.example", ["dsl"]))).status).toBe(201);
  });

  it("a trust admin's grant of trust_admin is audited in every school of the trust and each head is told", async () => {
    const { c, id: adminId } = await signedIn(schoolA.id, ["trust_admin"]);
    const headA = (await buildStaff(db, schoolA.id, ["headteacher"])).id;
    const r = await c.request("POST", "/api/staff", person("second-admin@test.example", ["trust_admin"]));
    expect(r.status, r.text).toBe(201);
    for (const [schoolId, headId] of [[schoolA.id, headA], [schoolB.id, headB]] as const) {
      const audits = await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), eq(auditEvents.entityId, r.body.id)));
      expect(audits.map((a) => a.action), schoolId).toEqual(["staff_added"]);
      const told = (await db.db.select().from(notifications).where(and(eq(notifications.userId, headId), eq(notifications.kind, "staff_added")))).filter((n) =>
        n.body.includes("second-admin@test.example"),
      );
      expect(told.length, schoolId).toBe(1);
    }
    const selfTold = await db.db.select().from(notifications).where(and(eq(notifications.userId, adminId), eq(notifications.kind, "staff_added")));
    expect(selfTold).toEqual([]);
  });
});

describe("POST /api/staff passwords", () => {
  it("refuses a common password and one built on the person or the school, naming the field and why; nothing is saved", async () => {
    const { c } = await signedIn(schoolA.id, ["headteacher"]);
    const [school] = await db.db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolA.id));
    const tries: [Record<string, string>, RegExp][] = [
      [{ password: "password12" }, /most commonly used passwords/],
      [{ password: "Qwertyuiop1!" }, /most commonly used passwords/],
      [{ email: "nia.roberts@test.example", name: "Nia Roberts", password: "NiaRoberts2024" }, /built on your email address/],
      [{ password: `${school!.name}!!` }, /built on the school's name/],
      [{ password: "Doorstep2024!!" }, /built on the word "Doorstep"/],
    ];
    for (const [change, why] of tries) {
      const body = { ...person("refused@test.example", ["visitor"]), ...change };
      const r = await c.request("POST", "/api/staff", body);
      expect(r.status, body.password).toBe(400);
      expect(r.body, body.password).toMatchObject({ field: "password", message: expect.stringMatching(why) });
    }
    const staff = (await c.request("GET", "/api/staff")).body.staff.map((s: { email: string }) => s.email);
    expect(staff).not.toContain("refused@test.example");
    expect(staff).not.toContain("nia.roberts@test.example");
  });
});
