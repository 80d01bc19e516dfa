/**
 * A leaver (issue 20), through the real API: the head disables a visitor, whose
 * session ends at once, whose calendar feed and alert devices stop, who comes off
 * the team of a visit not yet made (the head is told) but stays on the one under
 * way, and who can no longer sign in; everything they recorded stays. A head may
 * not disable a trust administrator, nor themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, notifications, pushSubscriptions, visits, visitTeam } from "../../db/schema";
import { TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { signedInServer, type SignedInServer } from "../../test/signed-in-server";

let s: SignedInServer<"head" | "grace" | "trust">;
let planned: string;
let underWay: string;
let feedPath: string;

beforeAll(async () => {
  s = await signedInServer({ head: ["headteacher"], grace: ["visitor"], trust: ["trust_admin"] });
  s.server.clock.now = new Date("2026-11-24T08:00:00Z");
  const [a, b] = await s.db.db
    .insert(visits)
    .values([
      { schoolId: s.schoolId, purpose: "safe_and_well", state: "planned", day: "2026-11-26", address: "7 Marsh View" },
      { schoolId: s.schoolId, purpose: "safe_and_well", state: "under_way", day: "2026-11-24", address: "9 Marsh View" },
    ])
    .returning();
  planned = a!.id;
  underWay = b!.id;
  await s.db.db.insert(visitTeam).values([
    { visitId: planned, userId: s.staff.grace.id },
    { visitId: underWay, userId: s.staff.grace.id },
  ]);
  await s.db.db.insert(pushSubscriptions).values({ schoolId: s.schoolId, userId: s.staff.grace.id, endpoint: "https://push.example/grace", p256dh: "k", auth: "a" });
  feedPath = (await s.staff.grace.client.request("POST", "/api/my/calendar-feed")).body.path;
});
afterAll(async () => s?.close());

describe("disabling a leaver", () => {
  it("is refused for a trust administrator and for oneself", async () => {
    expect((await s.staff.head.client.request("POST", `/api/staff/${s.staff.trust.id}/disable`)).status).toBe(403);
    const self = await s.staff.head.client.request("POST", `/api/staff/${s.staff.head.id}/disable`);
    expect(self.status).toBe(400);
    expect(self.body.field).toBe("userId");
    expect((await s.staff.grace.client.request("POST", `/api/staff/${s.staff.head.id}/disable`)).status).toBe(403);
  });

  it("ends the sessions, the feed and the devices, and takes them off visits not yet made", async () => {
    expect((await new TestClient(s.server.url).request("GET", feedPath)).status).toBe(200);
    const r = await s.staff.head.client.request("POST", `/api/staff/${s.staff.grace.id}/disable`);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ sessionsEnded: 1, calendarFeedsStopped: 1, devicesForgotten: 1, offVisits: [{ visitId: planned, day: "2026-11-26" }] });

    expect((await s.staff.grace.client.request("GET", "/api/session")).status).toBe(401);
    expect((await new TestClient(s.server.url).request("GET", feedPath)).status).toBe(404);
    expect(await s.db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, s.staff.grace.id))).toEqual([]);
    const teams = await s.db.db.select().from(visitTeam).where(eq(visitTeam.userId, s.staff.grace.id));
    expect(teams.map((t) => t.visitId)).toEqual([underWay]);
    const told = await s.db.db.select().from(notifications).where(and(eq(notifications.userId, s.staff.head.id), eq(notifications.kind, "team_member_left")));
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/visits/${planned}`);
    expect(await s.db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "staff_disabled"), eq(auditEvents.entityId, s.staff.grace.id)))).toHaveLength(1);
    expect((await new TestClient(s.server.url).login(s.staff.grace.email, TEST_PASSWORD)).status).not.toBe(200);
    const listed = (await s.staff.head.client.request("GET", "/api/staff")).body.staff.find((x: { id: string }) => x.id === s.staff.grace.id);
    expect(listed.disabled).toBe(true);
  });

  it("can be undone: the account signs in again, on no visit", async () => {
    expect((await s.staff.head.client.request("POST", `/api/staff/${s.staff.grace.id}/enable`)).status).toBe(200);
    expect((await new TestClient(s.server.url).login(s.staff.grace.email, TEST_PASSWORD)).status).toBe(200);
  });
});
