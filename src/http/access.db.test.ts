/**
 * Walks every API route with every role, and with no session, against the
 * allow/deny table in src/http/access.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client";
import { ROLES, type Role } from "../domain/people/roles";
import { openTestDatabase } from "../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { TestClient } from "../test/http-client";
import { startTestServer, type TestServer } from "../test/test-server";
import { allows, ROUTE_ACCESS } from "./access";
import { buildServer, RouteWithoutAccessRule } from "./server";
import { loadConfig } from "../config";
import { NotConfiguredMailer } from "../app/notify/mailer";
import { newSecretKey } from "../app/auth/secret-box";

let db: DatabaseHandle;
let server: TestServer;
const clients = new Map<Role, TestClient>();
const emails = new Map<Role, string>();

const SOME_UUID = "00000000-0000-4000-8000-000000000000";
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, SOME_UUID).replace(/\*$/, "x");
// Routes that end the session are walked last.
const ordered = (keys: string[]) => [...keys].sort((a, b) => Number(a.includes("logout")) - Number(b.includes("logout")));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  const school = await buildSchool(db);
  for (const role of ROLES) {
    const { email } = await buildStaff(db, school.id, [role]);
    emails.set(role, email);
    const c = new TestClient(server.url);
    expect((await c.login(email, TEST_PASSWORD)).status).toBe(200);
    clients.set(role, c);
  }
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("route × role access", () => {
  it("every registered API route has an access rule, and every rule a route", () => {
    const registered = new Set(server.app.apiRoutes);
    expect(registered.size).toBeGreaterThan(10);
    for (const key of registered) expect(ROUTE_ACCESS, key).toHaveProperty([key]);
    for (const key of Object.keys(ROUTE_ACCESS)) expect(registered.has(key), `stale entry ${key}`).toBe(true);
  });

  it("a route added without an access rule stops the server", async () => {
    const other = await buildServer({ config: loadConfig({ LOG_LEVEL: "silent" }), database: db, secondFactorKey: newSecretKey(), mailer: new NotConfiguredMailer(), now: () => new Date() });
    expect(() => other.get("/api/forgotten", async () => "x")).toThrow(RouteWithoutAccessRule);
    await other.close();
  });

  it("refuses every non-public route without a session, before validating input", async () => {
    const anon = new TestClient(server.url);
    for (const key of server.app.apiRoutes) {
      const [method, url] = key.split(" ") as [string, string];
      const access = ROUTE_ACCESS[key]!;
      const r = url.endsWith("/stream") ? await anon.peek(concrete(url)) : await anon.request(method, concrete(url), method === "GET" ? undefined : {});
      if (access.kind === "public") expect([401, 403], key).not.toContain(r.status);
      else expect(r.status, key).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`walks every route as ${role}`, async () => {
      const c = clients.get(role)!;
      for (const key of ordered(server.app.apiRoutes)) {
        const [method, url] = key.split(" ") as [string, string];
        const expected = allows(ROUTE_ACCESS[key]!, true, new Set([role]));
        const r = url.endsWith("/stream") ? await c.peek(concrete(url)) : await c.request(method, concrete(url), method === "GET" ? undefined : {});
        if (expected) expect([401, 403], `${key} as ${role}: ${r.text.slice(0, 200)}`).not.toContain(r.status);
        else expect(r.status, `${key} as ${role}`).toBe(403);
        if (key.includes("logout")) await c.login(emails.get(role)!, TEST_PASSWORD);
      }
    });
  }
});

describe("HEAD", () => {
  it("answers every GET route like GET, without a body, never 500", async () => {
    const anon = new TestClient(server.url);
    const head = new TestClient(server.url);
    expect((await head.login(emails.get("headteacher")!, TEST_PASSWORD)).status).toBe(200);
    expect((await anon.request("HEAD", "/api/health")).status).toBe(200);
    for (const key of server.app.apiRoutes) {
      const [method, url] = key.split(" ") as [string, string];
      if (method !== "GET" || url.endsWith("/stream")) continue;
      for (const c of [anon, head]) {
        const got = await c.request("GET", concrete(url));
        const r = await c.request("HEAD", concrete(url));
        expect(r.status, `HEAD ${url}`).not.toBe(500);
        expect(r.status, `HEAD ${url}`).toBe(got.status);
        expect(r.text, `HEAD ${url}`).toBe("");
      }
    }
  });
});
