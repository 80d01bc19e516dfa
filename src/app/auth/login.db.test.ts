import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, users } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", LOGIN_MAX_FAILURES: "3", LOGIN_LOCK_MINUTES: "15" });
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("signing in", () => {
  it("stores the password as argon2id, never in clear", async () => {
    const { id } = await buildStaff(db, schoolId, ["office"]);
    const [u] = await db.db.select().from(users).where(eq(users.id, id));
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u!.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("sets an httpOnly, SameSite=Strict session cookie and answers with the roles held", async () => {
    const { email } = await buildStaff(db, schoolId, ["headteacher"]);
    const c = new TestClient(server.url);
    const r = await c.login(email.toUpperCase(), TEST_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(["headteacher"]);
    const cookie = r.setCookie.find((x) => x.startsWith("doorstep_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await c.request("GET", "/api/session")).body.user.email).toBe(email);
  });

  it("marks the cookie Secure when configured for https", async () => {
    const secure = await startTestServer(db, { COOKIE_SECURE: "true" });
    const { email } = await buildStaff(db, schoolId, ["office"]);
    const r = await new TestClient(secure.url).login(email, TEST_PASSWORD);
    expect(r.setCookie.join(";")).toMatch(/Secure/);
    await secure.close();
  });

  it("refuses a wrong password with 401 and the same message as an unknown email", async () => {
    const { email } = await buildStaff(db, schoolId, ["office"]);
    const wrong = await new TestClient(server.url).login(email, "not the password");
    const unknown = await new TestClient(server.url).login("nobody@test.example", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it("locks the account after repeated failures, even against the right password, until the lock expires", async () => {
    const { email, id } = await buildStaff(db, schoolId, ["office"]);
    const c = new TestClient(server.url);
    for (let i = 0; i < 3; i++) await c.login(email, "wrong password!");
    const locked = await c.login(email, TEST_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body.message).toMatch(/locked/);
    const events = await db.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toContain("account_locked");

    server.clock.now = new Date(Date.now() + 16 * 60_000);
    try {
      expect((await c.login(email, TEST_PASSWORD)).status).toBe(200);
    } finally {
      server.clock.now = new Date();
    }
  });

  it("locks an unknown email exactly as a real one, so the lock tells no one which accounts exist", async () => {
    const { email } = await buildStaff(db, schoolId, ["office"]);
    const c = new TestClient(server.url);
    const real: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 4; i++) real.push((await c.login(email, "wrong password!")).body.message.replace(/after .*Z/, ""));
    for (let i = 0; i < 4; i++) unknown.push((await c.login("ghost@test.example", "wrong password!")).body.message.replace(/after .*Z/, ""));
    expect(unknown).toEqual(real);
    expect(real.at(-1)).toMatch(/locked/);
  });

  it("behind a proxy, locks per account and address: a stranger's guesses do not lock out the member of staff", async () => {
    const proxied = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", LOGIN_MAX_FAILURES: "3", TRUST_PROXY: "true" });
    const { email } = await buildStaff(db, schoolId, ["office"]);
    const from = (ip: string, password: string) =>
      fetch(`${proxied.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": ip }, body: JSON.stringify({ email, password }) });
    try {
      for (let i = 0; i < 3; i++) await from("198.51.100.7", "wrong password!");
      expect((await from("198.51.100.7", TEST_PASSWORD)).status).toBe(401);
      expect((await from("203.0.113.9", TEST_PASSWORD)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it("behind a proxy, takes the address the proxy saw: a spoofed X-Forwarded-For does not step round the rate limit", async () => {
    const proxied = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "3", TRUST_PROXY: "true" });
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${proxied.url}/api/auth/login`, {
          method: "POST",
          // The client made up the first address; the proxy appended the one it saw.
          headers: { "content-type": "application/json", "x-forwarded-for": `10.9.8.${i}, 203.0.113.50` },
          body: JSON.stringify({ email: "nobody@test.example", password: "whatever-at-all" }),
        });
        statuses.push(r.status);
      }
    } finally {
      await proxied.close();
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("rate-limits login attempts from one address", async () => {
    const limited = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "3" });
    const c = new TestClient(limited.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.login("nobody@test.example", "whatever-at-all")).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    await limited.close();
  });
});

describe("CSRF and sessions", () => {
  it("refuses a write without the session's CSRF token", async () => {
    const { email } = await buildStaff(db, schoolId, ["headteacher"]);
    const c = new TestClient(server.url);
    await c.login(email, TEST_PASSWORD);
    const body = { email: "new@test.example", name: "New Person", password: "long enough pw", roles: ["visitor"] };
    const none = await c.request("POST", "/api/staff", body, { csrf: false });
    expect(none.status).toBe(403);
    expect(none.body.error).toBe("csrf");
    const wrong = await c.request("POST", "/api/staff", body, { csrf: false, headers: { "x-csrf-token": "forged" } });
    expect(wrong.status).toBe(403);
    const ok = await c.request("POST", "/api/staff", body);
    expect(ok.status).toBe(201);
  });

  it("refuses a signed-out form post that is not JSON (login CSRF)", async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a&password=b",
    });
    expect(res.status).toBe(415);
  });

  it("logs out everywhere: every session of the account ends", async () => {
    const { email } = await buildStaff(db, schoolId, ["visitor"]);
    const phone = new TestClient(server.url);
    const laptop = new TestClient(server.url);
    await phone.login(email, TEST_PASSWORD);
    await laptop.login(email, TEST_PASSWORD);
    const r = await laptop.request("POST", "/api/auth/logout-everywhere");
    expect(r.body.sessionsEnded).toBe(2);
    expect((await phone.request("GET", "/api/session")).status).toBe(401);
    expect((await laptop.request("GET", "/api/session")).status).toBe(401);
  });

  it("expires sessions after SESSION_HOURS", async () => {
    const { email } = await buildStaff(db, schoolId, ["visitor"]);
    const c = new TestClient(server.url);
    await c.login(email, TEST_PASSWORD);
    server.clock.now = new Date(Date.now() + 13 * 3600_000);
    try {
      expect((await c.request("GET", "/api/session")).status).toBe(401);
    } finally {
      server.clock.now = new Date();
    }
  });
});
