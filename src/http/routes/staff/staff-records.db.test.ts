/**
 * Whose staff record (mobile, DBS, training, vehicle) a head or business manager
 * may change, over HTTP: only staff whose roles are all in this school and that
 * the keeper could have granted (role-grants.ts). The mobile is the number the
 * office board rings: a school's head must not be able to reroute a trust
 * administrator's.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { staffTraining, staffVehicles, userRoles, users } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolA: { id: string; trustId: string | null };
const c: Record<string, TestClient> = {};
const id: Record<string, string> = {};

async function signedIn(name: string, schoolId: string, roles: Parameters<typeof buildStaff>[2]) {
  const s = await buildStaff(db, schoolId, roles);
  id[name] = s.id;
  c[name] = new TestClient(server.url);
  expect((await c[name]!.login(s.email, TEST_PASSWORD)).status).toBe(200);
}

const mobileOf = async (userId: string) => (await db.db.select({ mobile: users.mobile }).from(users).where(eq(users.id, userId)))[0]!.mobile;
const vehicle = { make: "Ford", model: "Fiesta", registration: "LB19 XKE", colour: "Blue", insuranceExpiresOn: null };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  schoolA = await buildSchool(db);
  const schoolB = await buildSchool(db, { trustId: schoolA.trustId });
  await signedIn("head", schoolA.id, ["headteacher"]);
  await signedIn("sbm", schoolA.id, ["business_manager"]);
  id.trustAdmin = (await buildStaff(db, schoolA.id, ["trust_admin"])).id;
  id.visitor = (await buildStaff(db, schoolA.id, ["visitor"])).id;
  id.dsl = (await buildStaff(db, schoolA.id, ["dsl"])).id;
  // A visitor here who is head of the trust's other school.
  id.headElsewhere = (await buildStaff(db, schoolA.id, ["visitor"])).id;
  await db.db.insert(userRoles).values({ userId: id.headElsewhere, schoolId: schoolB.id, role: "headteacher" });
  await db.db.update(users).set({ mobile: "07700 900001" }).where(eq(users.id, id.trustAdmin));
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("keeping staff records", () => {
  it("a school's head cannot change a trust administrator's mobile, training or vehicle", async () => {
    const checks = await c.head!.request("PUT", `/api/staff/${id.trustAdmin}/checks`, { mobile: "07700 966666" });
    expect(checks.status, checks.text).toBe(403);
    expect(checks.body).toMatchObject({ error: "forbidden", field: "userId" });
    expect(await mobileOf(id.trustAdmin!)).toBe("07700 900001");
    expect((await c.head!.request("POST", `/api/staff/${id.trustAdmin}/training`, { kind: "first aid", completedOn: "2026-01-10", expiresOn: null })).status).toBe(403);
    expect((await c.head!.request("PUT", `/api/staff/${id.trustAdmin}/vehicle`, vehicle)).status).toBe(403);
    expect(await db.db.select().from(staffTraining).where(eq(staffTraining.userId, id.trustAdmin!))).toEqual([]);
    expect(await db.db.select().from(staffVehicles).where(eq(staffVehicles.userId, id.trustAdmin!))).toEqual([]);
  });

  it("nor that of someone who also holds a role in another school", async () => {
    expect((await c.head!.request("PUT", `/api/staff/${id.headElsewhere}/checks`, { mobile: "07700 966666" })).status).toBe(403);
    expect(await mobileOf(id.headElsewhere!)).toBeNull();
  });

  it("the head keeps the records of the school's own staff, the DSL included", async () => {
    expect((await c.head!.request("PUT", `/api/staff/${id.visitor}/checks`, { mobile: "07700 900123" })).status).toBe(200);
    expect((await c.head!.request("PUT", `/api/staff/${id.dsl}/checks`, { mobile: "07700 900124" })).status).toBe(200);
    expect(await mobileOf(id.dsl!)).toBe("07700 900124");
  });

  it("the business manager keeps the records of the staff they may appoint, not the DSL's", async () => {
    expect((await c.sbm!.request("PUT", `/api/staff/${id.visitor}/vehicle`, vehicle)).status).toBe(200);
    const dsl = await c.sbm!.request("PUT", `/api/staff/${id.dsl}/checks`, { mobile: "07700 966666" });
    expect(dsl.status).toBe(403);
    expect(dsl.body.message).toContain("dsl");
    expect(await mobileOf(id.dsl!)).toBe("07700 900124");
  });
});
