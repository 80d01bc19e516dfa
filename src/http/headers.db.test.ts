/** Headers on every response: API answers carry child data, so no cache may keep them. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client";
import { openTestDatabase } from "../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { TestClient } from "../test/http-client";
import { startTestServer, type TestServer } from "../test/test-server";

let db: DatabaseHandle;
let server: TestServer;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

it("sends Cache-Control: no-store on every /api response, success or error", async () => {
  const school = await buildSchool(db);
  const { email } = await buildStaff(db, school.id, ["attendance_lead"]);
  const c = new TestClient(server.url);
  const login = await c.login(email, TEST_PASSWORD);
  expect(login.headers.get("cache-control"), "login").toBe("no-store");
  for (const [method, path] of [["GET", "/api/health"], ["HEAD", "/api/health"], ["GET", "/api/pupils"], ["GET", "/api/audit"], ["GET", "/api/nowhere"], ["GET", "/api/docs/json"]] as const) {
    const r = await c.request(method, path);
    expect(r.headers.get("cache-control"), `${method} ${path} (${r.status})`).toBe("no-store");
  }
  const anon = await new TestClient(server.url).request("GET", "/api/pupils");
  expect(anon.status).toBe(401);
  expect(anon.headers.get("cache-control")).toBe("no-store");
});

it("limits <base href> to the app's own origin in the CSP", async () => {
  const r = await new TestClient(server.url).request("GET", "/api/health");
  expect(r.headers.get("content-security-policy")).toMatch(/(^|;)\s*base-uri 'self'(;|$)/);
});
