import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let lead: TestClient;
let trustAdmin: TestClient;
let pupilId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  const school = await buildSchool(db);
  const [p] = await db.db
    .insert(pupils)
    .values([
      { schoolId: school.id, upn: "A100000000001", firstName: "Ann", lastName: "One", householdKey: "h1", addressLine1: "1 Lane" },
      { schoolId: school.id, upn: "A100000000002", firstName: "Ben", lastName: "One", householdKey: "h1", addressLine1: "1 Lane" },
    ])
    .returning();
  pupilId = p!.id;
  trustAdmin = new TestClient(server.url);
  await trustAdmin.login((await buildStaff(db, school.id, ["trust_admin"])).email, TEST_PASSWORD);
  lead = new TestClient(server.url);
  await lead.login((await buildStaff(db, school.id, ["attendance_lead"])).email, TEST_PASSWORD);
  const csv = "upn,date,session,code\nA100000000001,2026-03-05,AM,/\nA100000000001,2026-03-06,AM,N\nA100000000002,2026-03-06,AM,/\n";
  const r = await lead.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: csv });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

it("on a Sunday shows Friday's list, with siblings together and the clause and reason", async () => {
  server.clock.now = new Date("2026-03-08T09:00:00Z");
  const r = await lead.request("GET", "/api/today");
  expect(r.status).toBe(200);
  expect(r.body.day).toBe("2026-03-06");
  const [h] = r.body.households;
  expect(h.pupils.map((p: { pupil: { firstName: string } }) => p.pupil.firstName)).toEqual(["Ann", "Ben"]);
  expect(h.pupils[0].actions[0]).toMatchObject({ action: "contact_parents", rule: "burgh 6.1" });
  expect(h.pupils[0].actions[0].reason).toContain("2026-03-06");
});

it("clears the contact action once a parent is reached, and says which field is wrong", async () => {
  const bad = await lead.request("POST", `/api/pupils/${pupilId}/contacts`, { date: "2026-03-06", method: "pigeon", reached: true });
  expect(bad.status).toBe(400);
  expect(bad.body.message).toContain("method");
  const ok = await lead.request("POST", `/api/pupils/${pupilId}/contacts`, { date: "2026-03-06", method: "phone", reached: true, reasonGiven: "Ill" });
  expect(ok.status).toBe(201);
  const r = await lead.request("GET", "/api/today?date=2026-03-06");
  expect(r.body.actionCount).toBe(0);
  const t = await lead.request("GET", `/api/pupils/${pupilId}/timeline?to=2026-03-06&days=7`);
  expect(t.body.days[0]).toMatchObject({ date: "2026-03-06", am: "N", contacts: [{ method: "phone", reached: true, reasonGiven: "Ill" }] });
});

it("on a Sunday the trust view names Friday, the latest school day, not the Sunday", async () => {
  server.clock.now = new Date("2026-03-08T09:00:00Z");
  const r = await trustAdmin.request("GET", "/api/trust/today");
  expect(r.status, r.text).toBe(200);
  expect(r.body.day).toBe("2026-03-06");
  expect(r.body.schools.map((s: { day: string }) => s.day)).toEqual(["2026-03-06"]);
});
