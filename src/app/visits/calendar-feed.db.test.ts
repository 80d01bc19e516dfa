/**
 * A calendar link outlives a sign-in: it must stop when the person loses access.
 * Through the real API: a disabled account's link, and the link of an account
 * left with no role, answer 404 with no address, as a revoked link does.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { pupils, userRoles, users, visitPupils, visits, visitTeam } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;

/** A visitor on a planned visit to 7 Marsh View, with a calendar link. */
async function visitorWithFeed(upn: string) {
  const s = await buildStaff(db, schoolId, ["visitor"]);
  const c = new TestClient(server.url);
  expect((await c.login(s.email, TEST_PASSWORD)).status).toBe(200);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn, firstName: "Zoë", lastName: "Brontë", addressLine1: "7 Marsh View" }).returning();
  const [v] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "planned", day: "2026-11-25", address: "7 Marsh View, NN4 9BG" }).returning();
  await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId: p!.id });
  await db.db.insert(visitTeam).values({ visitId: v!.id, userId: s.id });
  const issued = await c.request("POST", "/api/my/calendar-feed");
  expect(issued.status, issued.text).toBe(200);
  const feed = await fetch(server.url + issued.body.path);
  expect(feed.status).toBe(200);
  expect(await feed.text()).toContain("7 Marsh View");
  return { userId: s.id, path: issued.body.path as string };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("calendar feed of someone who lost access", () => {
  it("stops serving visit addresses once the account is disabled", async () => {
    const { userId, path } = await visitorWithFeed("A100000000031");
    await db.db.update(users).set({ disabled: true }).where(eq(users.id, userId));
    const r = await fetch(server.url + path);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain("Marsh View");
  });

  it("stops once the account holds no role anywhere", async () => {
    const { userId, path } = await visitorWithFeed("A100000000032");
    await db.db.delete(userRoles).where(eq(userRoles.userId, userId));
    const r = await fetch(server.url + path);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain("Marsh View");
  });
});
