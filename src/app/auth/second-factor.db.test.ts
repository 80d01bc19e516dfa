/**
 * Two-factor sign-in over HTTP (issue 20), on PGlite and PostgreSQL: the roles that
 * must set it up, set-up with the first code, codes and recovery codes, a code
 * used twice, the lock after wrong codes, the head's reset and unlock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSync } from "otplib";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, secondFactors } from "../../db/schema";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { openTestDatabase } from "../../test/test-database";
import { startTestServer, type TestServer } from "../../test/test-server";
import type { Role } from "../../domain/people/roles";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { REQUIRE_SECOND_FACTOR: "true", LOGIN_RATE_PER_MINUTE: "1000", LOGIN_MAX_FAILURES: "3" });
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const at = (iso: string) => (server.clock.now = new Date(iso));
const codeAt = (secret: string, iso = server.clock.now.toISOString()) => generateSync({ secret, epoch: Math.floor(new Date(iso).getTime() / 1000) });

async function enrol(roles: Role[]) {
  const { id, email } = await buildStaff(db, schoolId, roles);
  const c = new TestClient(server.url);
  const first = await c.login(email, TEST_PASSWORD);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ secondFactor: "enroll" });
  expect(first.setCookie.filter((x) => /doorstep_session=[^;]/.test(x))).toEqual([]);
  const setup = await c.request("POST", "/api/auth/second-factor/setup", { challenge: first.body.challenge });
  expect(setup.status, setup.text).toBe(200);
  const secret: string = setup.body.secret;
  expect(setup.body.otpauthUri).toContain(`secret=${secret}`);
  expect(setup.body.qrCode).toMatch(/^data:image\/png;base64,/);
  const done = await c.request("POST", "/api/auth/second-factor", { challenge: first.body.challenge, code: codeAt(secret) });
  expect(done.status, done.text).toBe(200);
  c.csrf = done.body.csrfToken;
  return { id, email, secret, client: c, recoveryCodes: done.body.recoveryCodes as string[] };
}

async function passwordStep(email: string) {
  const c = new TestClient(server.url);
  const r = await c.login(email, TEST_PASSWORD);
  expect(r.status).toBe(200);
  return { c, challenge: r.body.challenge as string, step: r.body.secondFactor as string | undefined };
}

describe("who must set it up", () => {
  it("asks it of the head, DSL, deputy DSL, attendance lead and trust administrator, not of a visitor", async () => {
    for (const role of ["headteacher", "dsl", "deputy_dsl", "attendance_lead", "trust_admin"] as const) {
      const { email } = await buildStaff(db, schoolId, [role]);
      expect((await passwordStep(email)).step, role).toBe("enroll");
    }
    const visitor = await buildStaff(db, schoolId, ["visitor"]);
    const r = await new TestClient(server.url).login(visitor.email, TEST_PASSWORD);
    expect(r.body.csrfToken).toBeTruthy();
  });

  it("asks it of everyone once the head switches the school's setting on", async () => {
    const other = (await buildSchool(db)).id;
    const visitor = await buildStaff(db, other, ["visitor"]);
    const head = await buildStaff(db, other, ["headteacher"]);
    expect((await passwordStep(visitor.email)).step).toBeUndefined();
    // The head's own sign-in in this school goes through its second step first.
    const h = await passwordStep(head.email);
    const setup = await h.c.request("POST", "/api/auth/second-factor/setup", { challenge: h.challenge });
    const signed = await h.c.request("POST", "/api/auth/second-factor", { challenge: h.challenge, code: codeAt(setup.body.secret) });
    h.c.csrf = signed.body.csrfToken;
    expect((await h.c.request("PUT", "/api/school/second-factor", { everyone: true })).body).toEqual({ everyone: true });
    expect((await passwordStep(visitor.email)).step).toBe("enroll");
  });

  it("never asks it of a session: the challenge alone reaches nothing", async () => {
    const { email } = await buildStaff(db, schoolId, ["dsl"]);
    const { c } = await passwordStep(email);
    expect((await c.request("GET", "/api/session")).status).toBe(401);
  });
});

describe("signing in with it", () => {
  it("sets up with the first code, then signs in with a code and with a recovery code (each once)", async () => {
    at("2026-12-07T09:00:00Z");
    const { email, secret, recoveryCodes, client } = await enrol(["headteacher"]);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await client.request("GET", "/api/session")).status).toBe(200);
    expect((await client.request("GET", "/api/account")).body.secondFactor).toEqual({ setUpAt: "2026-12-07T09:00:00.000Z", recoveryCodesLeft: 10, required: true, passkeys: [] });

    at("2026-12-07T09:05:00Z");
    const second = await passwordStep(email);
    expect(second.step).toBe("verify");
    expect((await second.c.request("POST", "/api/auth/second-factor/setup", { challenge: second.challenge })).status).toBe(401);
    const ok = await second.c.request("POST", "/api/auth/second-factor", { challenge: second.challenge, code: codeAt(secret) });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.recoveryCodes).toBeUndefined();
    // The challenge was spent with the session.
    expect((await new TestClient(server.url).request("POST", "/api/auth/second-factor", { challenge: second.challenge, code: codeAt(secret) })).status).toBe(401);

    const third = await passwordStep(email);
    const rc = await third.c.request("POST", "/api/auth/second-factor", { challenge: third.challenge, code: recoveryCodes[3]!.toUpperCase() });
    expect(rc.status, rc.text).toBe(200);
    const fourth = await passwordStep(email);
    const again = await fourth.c.request("POST", "/api/auth/second-factor", { challenge: fourth.challenge, code: recoveryCodes[3]! });
    expect(again.status).toBe(401);
    const [stored] = await db.db.select().from(secondFactors).where(eq(secondFactors.userId, ok.body.user.id));
    expect(stored!.secretSealed).not.toContain(secret);
  });

  it("refuses a code already used in its time step, and accepts the next step's", async () => {
    at("2026-12-07T10:00:05Z");
    const { email, secret } = await enrol(["dsl"]);
    const replay = await passwordStep(email);
    const used = await replay.c.request("POST", "/api/auth/second-factor", { challenge: replay.challenge, code: codeAt(secret) });
    expect(used.status).toBe(401);
    expect(used.body.message).toMatch(/used already/);
    at("2026-12-07T10:00:35Z");
    expect((await replay.c.request("POST", "/api/auth/second-factor", { challenge: replay.challenge, code: codeAt(secret) })).status).toBe(200);
  });

  it("lets only one of two requests racing with one code win", async () => {
    at("2026-12-07T11:00:00Z");
    const { email, secret } = await enrol(["attendance_lead"]);
    at("2026-12-07T11:00:30Z");
    const a = await passwordStep(email);
    const b = await passwordStep(email);
    const code = codeAt(secret);
    const results = await Promise.all([a, b].map((x) => x.c.request("POST", "/api/auth/second-factor", { challenge: x.challenge, code })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it("locks the second step after LOGIN_MAX_FAILURES wrong codes, even with the right one, until the head unlocks it", async () => {
    at("2026-12-07T12:00:00Z");
    const { id, email, secret } = await enrol(["deputy_dsl"]);
    const head = await enrol(["headteacher"]);
    at("2026-12-07T12:01:00Z");
    const p = await passwordStep(email);
    for (let i = 0; i < 3; i++) await p.c.request("POST", "/api/auth/second-factor", { challenge: p.challenge, code: "000000" });
    const locked = await p.c.request("POST", "/api/auth/second-factor", { challenge: p.challenge, code: codeAt(secret) });
    expect(locked.status).toBe(401);
    expect(locked.body.message).toMatch(/locked/);
    const staff = await head.client.request("GET", "/api/staff");
    expect(staff.body.staff.find((s: { id: string }) => s.id === id).lockedUntil).toBe("2026-12-07T12:16:00.000Z");
    expect((await head.client.request("POST", `/api/staff/${id}/unlock`)).status).toBe(200);
    expect((await p.c.request("POST", "/api/auth/second-factor", { challenge: p.challenge, code: codeAt(secret) })).status).toBe(200);
    const actions = (await db.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["second_factor_failed", "second_factor_locked", "account_unlocked"]));
  });
});

describe("the head's reset", () => {
  it("removes a colleague's second factor, ends their sessions, is audited; they set up again at the next sign-in", async () => {
    at("2026-12-07T13:00:00Z");
    const dsl = await enrol(["dsl"]);
    const head = await enrol(["headteacher"]);
    const visitor = await buildStaff(db, schoolId, ["visitor"]);
    const v = new TestClient(server.url);
    await v.login(visitor.email, TEST_PASSWORD);
    expect((await v.request("POST", `/api/staff/${dsl.id}/second-factor/reset`)).status).toBe(403);
    expect((await head.client.request("POST", `/api/staff/${head.id}/second-factor/reset`)).status).toBe(400);

    const reset = await head.client.request("POST", `/api/staff/${dsl.id}/second-factor/reset`);
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body.sessionsEnded).toBe(1);
    expect((await dsl.client.request("GET", "/api/session")).status).toBe(401);
    expect((await passwordStep(dsl.email)).step).toBe("enroll");
    const [event] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "second_factor_reset"));
    expect(event).toMatchObject({ entityId: dsl.id, actorUserId: head.id });
  });
});
