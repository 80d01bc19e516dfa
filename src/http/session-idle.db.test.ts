/** Sessions end server-side after SESSION_IDLE_MINUTES without a request (issue 13). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { sessions } from "../db/schema";
import { loadConfig } from "../config";
import { openTestDatabase } from "../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { TestClient } from "../test/http-client";
import { startTestServer, type TestServer } from "../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;
const MINUTE = 60_000;

async function signedIn(roles: Parameters<typeof buildStaff>[2] = ["office"]) {
  const { id, email } = await buildStaff(db, schoolId, roles);
  const c = new TestClient(server.url);
  expect((await c.login(email, TEST_PASSWORD)).status).toBe(200);
  return { c, id };
}
const later = (ms: number) => {
  server.clock.now = new Date(server.clock.now.getTime() + ms);
};

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-11-17T08:00:00Z");
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("session idle timeout", () => {
  it("defaults to 180 minutes, above Hunsbury Park's two-hour check-in rhythm", () => {
    expect(loadConfig({}).SESSION_IDLE_MINUTES).toBe(180);
    expect(loadConfig({ SESSION_IDLE_MINUTES: "30" }).SESSION_IDLE_MINUTES).toBe(30);
  });

  it("ends a session unused for longer, in the database", async () => {
    const { c, id } = await signedIn();
    expect((await c.request("GET", "/api/session")).status).toBe(200);
    later(180 * MINUTE + 2 * MINUTE);
    expect((await c.request("GET", "/api/session")).status).toBe(401);
    expect(await db.db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
  });

  it("keeps a session in use: a request every two hours, as a visitor checking in does", async () => {
    const { c } = await signedIn(["visitor"]);
    for (let i = 0; i < 4; i++) {
      later(120 * MINUTE);
      expect((await c.request("GET", "/api/session")).status, `after ${(i + 1) * 2} hours`).toBe(200);
    }
  });

  it("writes last-seen at most once a minute", async () => {
    const { c, id } = await signedIn();
    const seen = async () => (await db.db.select().from(sessions).where(eq(sessions.userId, id)))[0]!.lastSeenAt.getTime();
    const first = await seen();
    later(30_000);
    await c.request("GET", "/api/session");
    expect(await seen()).toBe(first);
    later(31_000);
    await c.request("GET", "/api/session");
    expect(await seen()).toBe(server.clock.now.getTime());
  });

  it("keeps an office board's session alive while its stream is open, and ends the stream with the session", async () => {
    const { c } = await signedIn(["office"]);
    const ctl = new AbortController();
    const cookie = (c as unknown as { cookie: string }).cookie;
    const res = await fetch(`${server.url}/api/board/stream`, { headers: { cookie }, signal: ctl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const tick = () => new Promise((r) => setTimeout(r, 1300));
    try {
      // Four hours with nothing but the board open: each second's tick sees the clock a minute or more on.
      for (let i = 0; i < 4; i++) {
        later(60 * MINUTE);
        await tick();
      }
      expect((await c.request("GET", "/api/session")).status).toBe(200);
      // Signed out everywhere (from another device, say): the stream ends.
      expect((await c.request("POST", "/api/auth/logout-everywhere")).status).toBe(200);
      later(2 * MINUTE);
      const ended = await Promise.race([
        (async () => {
          for (;;) if ((await reader.read()).done) return true;
        })(),
        new Promise((r) => setTimeout(() => r(false), 5000)),
      ]);
      expect(ended).toBe(true);
    } finally {
      ctl.abort();
    }
  }, 30_000);
});
