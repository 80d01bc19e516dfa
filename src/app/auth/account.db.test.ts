/** The Account page's routes (issue 20): changing one's own password, the session list, and the head's unlock. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { openTestDatabase } from "../../test/test-database";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", LOGIN_MAX_FAILURES: "2" });
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function signedIn(email: string, password = TEST_PASSWORD) {
  const c = new TestClient(server.url);
  expect((await c.login(email, password)).status).toBe(200);
  return c;
}

it("changes one's own password only with the current one; other sessions end, this one stays", async () => {
  const { email, id } = await buildStaff(db, schoolId, ["visitor"]);
  const here = await signedIn(email);
  const elsewhere = await signedIn(email);
  const listed = await here.request("GET", "/api/account");
  expect(listed.body.sessions).toHaveLength(2);
  expect(listed.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

  const wrong = await here.request("POST", "/api/account/password", { currentPassword: "not it at all", newPassword: "lantern meadow copper" });
  expect(wrong.status).toBe(400);
  expect(wrong.body.field).toBe("currentPassword");
  const weak = await here.request("POST", "/api/account/password", { currentPassword: TEST_PASSWORD, newPassword: "password123" });
  expect(weak.body.field).toBe("newPassword");

  const ok = await here.request("POST", "/api/account/password", { currentPassword: TEST_PASSWORD, newPassword: "lantern meadow copper" });
  expect(ok.body).toEqual({ ok: true, sessionsEnded: 1 });
  expect((await here.request("GET", "/api/session")).status).toBe(200);
  expect((await elsewhere.request("GET", "/api/session")).status).toBe(401);
  expect((await new TestClient(server.url).login(email, TEST_PASSWORD)).status).toBe(401);
  await signedIn(email, "lantern meadow copper");
  const [event] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "password_changed"));
  expect(event).toMatchObject({ entityId: id });
  expect(JSON.stringify(event)).not.toContain("lantern");
});

it("lets the head unlock a colleague locked out by wrong passwords, and no one else", async () => {
  const { email, id } = await buildStaff(db, schoolId, ["office"]);
  const head = await signedIn((await buildStaff(db, schoolId, ["headteacher"])).email);
  const visitor = await signedIn((await buildStaff(db, schoolId, ["visitor"])).email);
  for (let i = 0; i < 2; i++) await new TestClient(server.url).login(email, "wrong password!");
  expect((await new TestClient(server.url).login(email, TEST_PASSWORD)).status).toBe(401);
  const listed = await head.request("GET", "/api/staff");
  expect(listed.body.staff.find((s: { id: string }) => s.id === id).lockedUntil).not.toBeNull();

  expect((await visitor.request("POST", `/api/staff/${id}/unlock`)).status).toBe(403);
  expect((await head.request("POST", `/api/staff/${id}/unlock`)).status).toBe(200);
  expect((await new TestClient(server.url).login(email, TEST_PASSWORD)).status).toBe(200);
  expect((await head.request("GET", "/api/staff")).body.staff.find((s: { id: string }) => s.id === id).lockedUntil).toBeNull();
  const [event] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "account_unlocked"));
  expect(event).toMatchObject({ entityId: id, schoolId });
});
