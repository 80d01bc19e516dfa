/**
 * Burgh 7, 11: the risk assessment decides whether a visit is paired. A visit
 * planned for one person and then assessed as "paired" must not set off alone:
 * the team is checked again, with the real facts, when the team reports "departed".
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { pupils, visitEvents, visits } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};
let visitId: string;

async function as(name: string, schoolId: string, roles: Parameters<typeof buildStaff>[2]) {
  const s = await buildStaff(db, schoolId, roles);
  ids[name] = s.id;
  c[name] = new TestClient(server.url);
  await c[name]!.login(s.email, TEST_PASSWORD);
}

const RA = { knownHistory: "None", previousIncidents: "None known", animals: "None", environment: "Flat, ground floor", occupants: "Mother and two children", loneWorking: "Office told of the plan" };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-11-24T08:00:00Z");
  const schoolId = (await buildSchool(db, { policyTemplateId: "burgh" })).id;
  await as("head", schoolId, ["headteacher", "business_manager"]);
  await as("visitor", schoolId, ["visitor", "attendance_lead"]);
  await as("dsl", schoolId, ["dsl"]);
  expect((await c.head!.request("PUT", `/api/staff/${ids.visitor}/checks`, { mobile: "07700 900123", dbsNumber: "001234567890", dbsIssuedOn: "2025-02-01", barredListCheckedOn: "2025-02-01" })).status).toBe(200);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Zoë", lastName: "Brontë", addressLine1: "7 Marsh View", postcode: "PE24 5AA" }).returning();
  const v = await c.head!.request("POST", "/api/visits", { pupilIds: [p!.id], purpose: "safe_and_well", date: "2026-11-24" });
  expect(v.status, v.text).toBeLessThan(300);
  visitId = v.body.id;
  const approve = await c.head!.request("POST", "/api/visits/approve", { visitIds: [visitId], signedName: "Head" });
  expect(approve.status, approve.text).toBeLessThan(300);
  expect((await c.visitor!.request("POST", `/api/visits/${visitId}/risk-assessment`, { ...RA, pairDecision: false, riskLevel: "low" })).status).toBe(201);
  const team = await c.head!.request("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: ids.visitor }] });
  expect(team.status, team.text).toBe(200);
  expect((await c.dsl!.request("POST", `/api/visits/${visitId}/background-check`, { note: "" })).status).toBe(200);
  const plan = await c.head!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: "2026-11-24T10:00:00Z", expectedBackAt: "2026-11-24T11:00:00Z" });
  expect(plan.body.state, plan.text).toBe("planned");
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

it("refuses to set off alone once the risk assessment says the visit is paired, and records nothing", async () => {
  server.clock.now = new Date("2026-11-24T09:00:00Z");
  const amended = await c.visitor!.request("POST", `/api/visits/${visitId}/risk-assessment`, { ...RA, occupants: "Adult son with a history of aggression", pairDecision: true, riskLevel: "high" });
  expect(amended.status, amended.text).toBe(201);
  server.clock.now = new Date("2026-11-24T09:55:00Z");
  const id = randomUUID();
  const r = await c.visitor!.request("POST", `/api/visits/${visitId}/steps`, { id, step: "departed", occurredAt: server.clock.now.toISOString(), idCardWorn: true });
  expect(r.status, r.text).toBe(422);
  expect(r.body.clause).toBe("burgh 7, 11");
  expect(r.body.message).toContain("paired");
  expect(await db.db.select().from(visitEvents).where(eq(visitEvents.id, id))).toEqual([]);
  const [v] = await db.db.select().from(visits).where(eq(visits.id, visitId));
  expect(v!.state).toBe("planned");
});

it("sets off once the assessment no longer asks for a pair", async () => {
  server.clock.now = new Date("2026-11-24T09:56:00Z");
  await c.visitor!.request("POST", `/api/visits/${visitId}/risk-assessment`, { ...RA, pairDecision: false, riskLevel: "low" });
  const r = await c.visitor!.request("POST", `/api/visits/${visitId}/steps`, { id: randomUUID(), step: "departed", occurredAt: server.clock.now.toISOString(), idCardWorn: true });
  expect(r.status, r.text).toBe(200);
});
