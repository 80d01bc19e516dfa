/**
 * Changing a visit's time or address outside "approved/planned", through the
 * real API: the office records that a team out is at another address, and a
 * proposed visit gets a new address before it is approved. Each change is
 * saved and audited (it used to be rolled back with a 500: nothing was audited
 * in those states).
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, pupils, visits } from "../../db/schema";
import { hunsburyPark } from "../../domain/policy/templates/hunsbury-park";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};

const T0 = new Date("2026-11-24T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function as(name: string, schoolId: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never);
  ids[name] = s.id;
  c[name] = new TestClient(server.url);
  expect((await c[name]!.login(s.email, TEST_PASSWORD)).status).toBe(200);
}

async function pupilIn(schoolId: string, upn: string) {
  const [p] = await db.db.insert(pupils).values({ schoolId, upn, firstName: "Zoë", lastName: "Brontë", addressLine1: "7 Marsh View", postcode: "NN4 9BG" }).returning();
  return p!.id;
}

const auditsOf = (visitId: string, action: string) => db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, visitId), eq(auditEvents.action, action)));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = T0;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("changing the plan of a visit", () => {
  it("the office records that a team out is at another address: saved, audited, on the board", async () => {
    const schoolId = (await buildSchool(db, { policyTemplateId: "hunsbury-park" })).id;
    await as("head", schoolId, ["headteacher"]);
    await as("office", schoolId, ["office"]);
    await as("fsw", schoolId, ["visitor"]);
    const v = await c.head!.request("POST", "/api/visits", { pupilIds: [await pupilIn(schoolId, "A100000000021")], purpose: "appointment", date: "2026-11-24" });
    const visitId = v.body.id as string;
    await c.head!.request("PUT", `/api/staff/${ids.fsw}/checks`, { mobile: "07700 900555" });
    // The training the policy asks of whoever visits (hunsbury-park 3).
    for (const kind of hunsburyPark.conduct.requiredTraining!.value) await c.head!.request("POST", `/api/staff/${ids.fsw}/training`, { kind, completedOn: "2026-01-10", expiresOn: null });
    expect((await c.head!.request("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: ids.fsw }] })).status).toBe(200);
    const plan = await c.head!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: at(15).toISOString(), expectedBackAt: at(120).toISOString() });
    expect(plan.body.state, plan.text).toBe("planned");
    server.clock.now = at(16);
    expect((await c.fsw!.request("POST", `/api/visits/${visitId}/steps`, { id: randomUUID(), step: "departed", occurredAt: at(16).toISOString(), idCardWorn: true })).status).toBe(200);

    const moved = await c.office!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: at(15).toISOString(), expectedBackAt: at(150).toISOString(), address: "Grandmother's, 2 Mill Close, NN4 9BH" });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ state: "under_way", address: "Grandmother's, 2 Mill Close, NN4 9BH", expectedBackAt: at(150).toISOString() });
    const [audit] = await auditsOf(visitId, "visit_plan_changed");
    expect(audit).toMatchObject({ actorUserId: ids.office, schoolId });
    expect(audit!.before).toMatchObject({ state: "under_way", address: "7 Marsh View, NN4 9BG" });
    expect(audit!.after).toMatchObject({ state: "under_way", address: "Grandmother's, 2 Mill Close, NN4 9BH" });
    const board = (await c.office!.request("GET", "/api/board")).body.visits.find((b: { visitId: string }) => b.visitId === visitId);
    expect(board.address).toBe("Grandmother's, 2 Mill Close, NN4 9BH");
  });

  it("a proposed visit gets a new time and address before approval: saved, audited, still proposed", async () => {
    const schoolId = (await buildSchool(db, { policyTemplateId: "burgh" })).id;
    await as("lead", schoolId, ["attendance_lead"]);
    const v = await c.lead!.request("POST", "/api/visits", { pupilIds: [await pupilIn(schoolId, "A100000000022")], purpose: "safe_and_well", date: "2026-11-25" });
    const visitId = v.body.id as string;
    const moved = await c.lead!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: "2026-11-25T10:00:00Z", expectedBackAt: "2026-11-25T11:00:00Z", address: "9 Station Road, NN4 9BJ" });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ state: "proposed", address: "9 Station Road, NN4 9BJ", startsAt: "2026-11-25T10:00:00.000Z" });
    const again = await c.lead!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: "2026-11-25T13:00:00Z", expectedBackAt: "2026-11-25T14:00:00Z" });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ state: "proposed", startsAt: "2026-11-25T13:00:00.000Z" });
    expect(await auditsOf(visitId, "visit_plan_changed")).toHaveLength(2);
  });

  it("a visit that has happened keeps its plan: refused with the state, not a 500", async () => {
    const schoolId = (await buildSchool(db, { policyTemplateId: "burgh" })).id;
    await as("lead2", schoolId, ["attendance_lead"]);
    const v = await c.lead2!.request("POST", "/api/visits", { pupilIds: [await pupilIn(schoolId, "A100000000023")], purpose: "safe_and_well", date: "2026-11-25" });
    const visitId = v.body.id as string;
    expect((await c.lead2!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: "2026-11-25T10:00:00Z", expectedBackAt: "2026-11-25T11:00:00Z", address: "9 Station Road, NN4 9BJ" })).status).toBe(200);
    await db.db.update(visits).set({ state: "completed" }).where(eq(visits.id, visitId));
    const late = await c.lead2!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: "2026-11-25T12:00:00Z", expectedBackAt: "2026-11-25T13:00:00Z" });
    expect(late.status, late.text).toBe(422);
    expect(late.body).toMatchObject({ field: "state" });
  });
});
