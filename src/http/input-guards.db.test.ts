/** Input that PostgreSQL cannot store is refused at the door with a 400 naming the field, never a 500. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client";
import { openTestDatabase } from "../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { TestClient } from "../test/http-client";
import { startTestServer, type TestServer } from "../test/test-server";
import { findNul } from "./input-guards";
import { visits } from "../db/schema";

let db: DatabaseHandle;
let server: TestServer;
let head: TestClient;
let schoolId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  const school = await buildSchool(db);
  schoolId = school.id;
  const { email } = await buildStaff(db, school.id, ["headteacher"]);
  head = new TestClient(server.url);
  expect((await head.login(email, TEST_PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

it("refuses a NUL character in a JSON string with 400 naming the field", async () => {
  const r = await new TestClient(server.url).request("POST", "/api/auth/login", { email: "head\u0000@example.org", password: "x" });
  expect(r.status).toBe(400);
  expect(r.body).toEqual({ error: "invalid_input", field: "email", message: "contains a NUL character" });
});

it("refuses a NUL character in a query string or path parameter with 400 naming the parameter", async () => {
  // Both reached PostgreSQL before, which refused the text with a 500.
  const query = await head.request("GET", "/api/audit?actor=Nowak%00");
  expect(query.status).toBe(400);
  expect(query.body).toEqual({ error: "invalid_input", field: "actor", message: "contains a NUL character" });
  const path = await new TestClient(server.url).request("GET", `/api/calendar-feed/${"a".repeat(24)}%00`);
  expect(path.status).toBe(400);
  expect(path.body.field).toBe("token");
  expect((await head.request("GET", "/api/audit?actor=Nowak")).status).toBe(200);
});

it("finds a NUL however deep, and names its path", () => {
  expect(findNul({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toBe("a.1.c");
  expect(findNul({ ["k\u0000"]: 1 })).toBe("k\u0000".replace("\u0000", "\\u0000"));
  expect(findNul({ a: ["fine", 1, null, true] })).toBeUndefined();
  expect(findNul("\u0000")).toBe("body");
});

it("refuses a visit list with an id that is not a UUID, naming ids", async () => {
  const r = await head.request("GET", "/api/visits/list.pdf?ids=00000000-0000-4000-8000-000000000000,Nowak");
  expect(r.status).toBe(400);
  expect(r.body.field).toBe("ids");
  expect((await head.request("GET", "/api/visits/list.pdf?ids=00000000-0000-4000-8000-000000000000")).status).not.toBe(400);
});

// Found by the write-route property test (issue 14): both were 500s from this guard itself.
it("answers a JSON body of null with the route's own answer, not a 500", async () => {
  const noBody = await head.request("POST", "/api/my/calendar-feed", {}, { rawBody: "null" });
  expect(noBody.status).toBe(200);
  const withBody = await head.request("POST", "/api/incidents", {}, { rawBody: "null" });
  expect(withBody.status).toBe(400);
  expect(withBody.body.error).toBe("invalid_input");
});

it("refuses JSON nested deeper than any form sends with a 400 naming where, not a stack overflow", async () => {
  const deep = "[".repeat(5000) + "]".repeat(5000);
  const r = await head.request("DELETE", "/api/push/subscriptions", {}, { rawBody: deep });
  expect(r.status).toBe(400);
  expect(r.body.field).toBe("body");
  expect(r.body.message).toMatch(/nested/);
  const inField = await head.request("POST", "/api/incidents", {}, { rawBody: `{"note":${"[".repeat(5000)}${"]".repeat(5000)}}` });
  expect(inField.status).toBe(400);
  expect(inField.body.field).toBe("note");
});

// Found by the write-route property test (issue 14): a risk assessment with "\ud800" in a
// note was a 500 from PostgreSQL, which cannot store half of a surrogate pair (jsonb refuses it).
it("refuses half of a surrogate pair in a JSON string with 400 naming the field, and keeps a whole one", async () => {
  const [visit] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "proposed", day: "2026-11-18" }).returning();
  const answers = '"knownHistory":"none","previousIncidents":"none","animals":"none","environment":"quiet","occupants":"mother"';
  const r = await head.request("POST", `/api/visits/${visit!.id}/risk-assessment`, {}, { rawBody: `{${answers},"loneWorking":"dog \\ud800 at the gate","pairDecision":true,"riskLevel":"medium"}` });
  expect(r.status, r.text).toBe(400);
  expect(r.body).toEqual({ error: "invalid_input", field: "loneWorking", message: "contains half of a surrogate pair (not a character)" });
  const low = await head.request("POST", "/api/incidents", {}, { rawBody: '{"kind":"incident","occurredAt":"2026-11-18T09:00:00Z","description":"\\udc00"}' });
  expect(low.body.field).toBe("description");
  const whole = await head.request("POST", "/api/incidents", { kind: "incident", occurredAt: "2026-11-18T09:00:00Z", description: "dog 🐕 at the gate" });
  expect(whole.status, whole.text).toBe(201);
});
