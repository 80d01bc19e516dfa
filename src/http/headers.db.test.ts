/** Headers on every response: API answers carry child data, so no cache may keep them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

it("sends a CSP that allows no inline or foreign script and no framing, and a strict Referrer-Policy, on pages and API alike", async () => {
  for (const path of ["/", "/api/health"]) {
    const r = await new TestClient(server.url).request("GET", path);
    const csp = r.headers.get("content-security-policy") ?? "";
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get("script-src"), path).toEqual(["'self'"]);
    expect(directives.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(directives.get("object-src"), path).toEqual(["'none'"]);
    expect(csp, path).not.toMatch(/unsafe-eval/);
    expect(r.headers.get("referrer-policy"), path).toBe("no-referrer");
    expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
  }
});

describe("over HTTPS", () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer(db, { TRUST_PROXY: "true" });
  });
  afterAll(async () => {
    await proxied?.close();
  });
  const viaTls = { headers: { "x-forwarded-proto": "https" } };

  it("sends HSTS whenever the request came over HTTPS (directly or through the trusted proxy), never over plain http", async () => {
    expect((await new TestClient(proxied.url).request("GET", "/api/health", undefined, viaTls)).headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
    expect((await new TestClient(proxied.url).request("GET", "/api/health")).headers.get("strict-transport-security")).toBeNull();
    // Without TRUST_PROXY a client's own X-Forwarded-Proto is not believed.
    expect((await new TestClient(server.url).request("GET", "/api/health", undefined, viaTls)).headers.get("strict-transport-security")).toBeNull();
  });

  it("names the session cookie __Host- over HTTPS (Secure, Path=/, no Domain) and ignores a plain-named one there", async () => {
    const school = await buildSchool(db);
    const { email } = await buildStaff(db, school.id, ["office"]);
    const c = new TestClient(proxied.url);
    const login = await c.request("POST", "/api/auth/login", { email, password: TEST_PASSWORD }, viaTls);
    expect(login.status).toBe(200);
    const cookie = login.setCookie.find((x) => x.startsWith("__Host-doorstep_session="))!;
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(login.setCookie.some((x) => x.startsWith("doorstep_session="))).toBe(false);
    expect((await c.request("GET", "/api/session", undefined, viaTls)).status).toBe(200);

    const token = cookie.split(";")[0]!.split("=")[1]!;
    const planted = (name: string) => ({ headers: { ...viaTls.headers, cookie: `${name}=${token}` } });
    expect((await new TestClient(proxied.url).request("GET", "/api/session", undefined, planted("doorstep_session"))).status).toBe(401);
    expect((await new TestClient(proxied.url).request("GET", "/api/session", undefined, planted("__Host-doorstep_session"))).status).toBe(200);
  });

  it("keeps the plain cookie name, without Secure, on plain http (development on localhost)", async () => {
    const school = await buildSchool(db);
    const { email } = await buildStaff(db, school.id, ["office"]);
    const login = await new TestClient(proxied.url).login(email, TEST_PASSWORD);
    const cookie = login.setCookie.find((x) => x.startsWith("doorstep_session="))!;
    expect(cookie).not.toMatch(/Secure/i);
    expect(login.setCookie.some((x) => x.startsWith("__Host-"))).toBe(false);
  });
});
