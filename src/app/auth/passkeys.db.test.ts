/**
 * The Account page's own set-up, new recovery codes, and passkeys (issue 20) over
 * HTTP, on PGlite and PostgreSQL. Passkey answers come from a software authenticator
 * that signs real WebAuthn data, so the server's checks are the real ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSync } from "otplib";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, passkeys } from "../../db/schema";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { openTestDatabase } from "../../test/test-database";
import { startTestServer, type TestServer } from "../../test/test-server";
import { SoftAuthenticator } from "../../test/soft-authenticator";
import type { Role } from "../../domain/people/roles";
import { seedDemo } from "../demo/seed-demo";
import { DEMO_PASSWORD } from "../demo/demo-people";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { REQUIRE_SECOND_FACTOR: "true", LOGIN_RATE_PER_MINUTE: "1000", LOGIN_MAX_FAILURES: "3", DEMO_MACHINE: "true" });
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

let minute = 0;
/** Each step a fresh 30-second window, so no code is refused as used. */
const tick = () => (server.clock.now = new Date(Date.UTC(2026, 11, 7, 9, minute++)));
const codeOf = (secret: string) => generateSync({ secret, epoch: Math.floor(server.clock.now.getTime() / 1000) });

async function signedIn(roles: Role[]) {
  const staff = await buildStaff(db, schoolId, roles);
  const c = new TestClient(server.url);
  const r = await c.login(staff.email, TEST_PASSWORD);
  return { ...staff, c, first: r };
}

/** A member of staff the school does not require it of, who sets it up on the Account page. */
async function withOwnCode() {
  tick();
  const s = await signedIn(["visitor"]);
  s.c.csrf = s.first.body.csrfToken;
  const setup = await s.c.request("POST", "/api/account/second-factor/setup");
  expect(setup.status, setup.text).toBe(200);
  tick();
  const confirm = await s.c.request("POST", "/api/account/second-factor/confirm", { code: codeOf(setup.body.secret) });
  expect(confirm.status, confirm.text).toBe(200);
  return { ...s, secret: setup.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

async function passwordStep(email: string) {
  const c = new TestClient(server.url);
  const r = await c.login(email, TEST_PASSWORD);
  expect(r.status).toBe(200);
  return { c, challenge: r.body.challenge as string, step: r.body.secondFactor as string | undefined, passkey: r.body.passkey as boolean | undefined };
}

describe("setting up two-factor sign-in from the Account page", () => {
  it("lets a member of staff who need not use it set it up; the next sign-in asks for a code", async () => {
    tick();
    const s = await signedIn(["visitor"]);
    s.c.csrf = s.first.body.csrfToken;
    expect((await s.c.request("GET", "/api/account")).body.secondFactor).toEqual({ setUpAt: null, recoveryCodesLeft: 0, required: false, passkeys: [] });
    const setup = await s.c.request("POST", "/api/account/second-factor/setup");
    expect(setup.body.qrCode).toMatch(/^data:image\/png;base64,/);
    // Not set up until the first code confirms it.
    expect((await passwordStep(s.email)).step).toBeUndefined();
    const wrong = await s.c.request("POST", "/api/account/second-factor/confirm", { code: "000000" });
    expect(wrong.status).toBe(401);
    tick();
    const ok = await s.c.request("POST", "/api/account/second-factor/confirm", { code: codeOf(setup.body.secret) });
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect((await s.c.request("POST", "/api/account/second-factor/setup")).status).toBe(401);
    expect((await passwordStep(s.email)).step).toBe("verify");
  });

  it("is refused on a published demo login, whose password is on the sign-in page", async () => {
    await seedDemo(db, "2026-12-07");
    const c = new TestClient(server.url);
    const r = await c.login("visitor@demo.doorstep.school", DEMO_PASSWORD);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    c.csrf = r.body.csrfToken;
    const setup = await c.request("POST", "/api/account/second-factor/setup");
    expect(setup.status).toBe(400);
    expect(setup.body.message).toMatch(/published demo login/);
  });

  it("gives ten new recovery codes for a current code from the app; the old ones stop working", async () => {
    const s = await withOwnCode();
    expect((await s.c.request("POST", "/api/account/recovery-codes", { code: "123456" })).status).toBe(401);
    tick();
    const fresh = await s.c.request("POST", "/api/account/recovery-codes", { code: codeOf(s.secret) });
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(fresh.body.recoveryCodes).not.toContain(s.recoveryCodes[0]);
    const old = await passwordStep(s.email);
    expect((await old.c.request("POST", "/api/auth/second-factor", { challenge: old.challenge, code: s.recoveryCodes[0] })).status).toBe(401);
    const now = await passwordStep(s.email);
    expect((await now.c.request("POST", "/api/auth/second-factor", { challenge: now.challenge, code: fresh.body.recoveryCodes[0] })).status).toBe(200);
    const actions = (await db.db.select().from(auditEvents).where(eq(auditEvents.entityId, s.id))).map((e) => e.action);
    expect(actions).toContain("recovery_codes_replaced");
    expect(JSON.stringify(await db.db.select().from(auditEvents).where(eq(auditEvents.entityId, s.id)))).not.toContain(fresh.body.recoveryCodes[0]);
  });
});

describe("passkeys", () => {
  async function addPasskey(s: Awaited<ReturnType<typeof withOwnCode>>, name = "work laptop") {
    const key = new SoftAuthenticator(server.url);
    const options = await s.c.request("POST", "/api/account/passkeys/options");
    expect(options.status, options.text).toBe(200);
    const answer = key.register(options.body);
    const added = await s.c.request("POST", "/api/account/passkeys", { name, response: answer });
    expect(added.status, added.text).toBe(200);
    return { key, answer, added };
  }

  it("are added only once an app code is set up (the way back if the passkey is lost)", async () => {
    const s = await signedIn(["visitor"]);
    s.c.csrf = s.first.body.csrfToken;
    const r = await s.c.request("POST", "/api/account/passkeys/options");
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: "passkey" });
  });

  it("are added under a name, once for the same answer, and sign in at the second step", async () => {
    const s = await withOwnCode();
    const { key, answer, added } = await addPasskey(s);
    expect(added.body).toMatchObject({ id: key.id, name: "work laptop", lastUsedAt: null });
    // The same answer again (a lost reply) is the same passkey, kept once.
    const again = await s.c.request("POST", "/api/account/passkeys", { name: "work laptop", response: answer });
    expect(again.body.id).toBe(key.id);
    expect(await db.db.select().from(passkeys).where(eq(passkeys.userId, s.id))).toHaveLength(1);
    expect((await s.c.request("GET", "/api/account")).body.secondFactor.passkeys).toEqual([expect.objectContaining({ id: key.id, name: "work laptop" })]);

    tick();
    const p = await passwordStep(s.email);
    expect(p).toMatchObject({ step: "verify", passkey: true });
    const options = await p.c.request("POST", "/api/auth/passkey/options", { challenge: p.challenge });
    expect(options.body.allowCredentials).toEqual([expect.objectContaining({ id: key.id })]);
    const signedAnswer = key.signIn(options.body);
    const done = await p.c.request("POST", "/api/auth/passkey", { challenge: p.challenge, response: signedAnswer });
    expect(done.status, done.text).toBe(200);
    p.c.csrf = done.body.csrfToken;
    expect((await p.c.request("GET", "/api/session")).status).toBe(200);
    // The same signed answer cannot make a second session.
    expect((await new TestClient(server.url).request("POST", "/api/auth/passkey", { challenge: p.challenge, response: signedAnswer })).status).toBe(401);
    const [login] = (await db.db.select().from(auditEvents).where(eq(auditEvents.entityId, s.id)).orderBy(auditEvents.id)).filter((e) => e.action === "login").slice(-1);
    expect(login!.after).toMatchObject({ secondFactor: "passkey" });
  });

  it("refuse an answer signed for another site, a stale challenge and another account's passkey", async () => {
    const s = await withOwnCode();
    const { key } = await addPasskey(s);
    const p = await passwordStep(s.email);
    const options = await p.c.request("POST", "/api/auth/passkey/options", { challenge: p.challenge });
    const phished = await p.c.request("POST", "/api/auth/passkey", { challenge: p.challenge, response: key.signIn(options.body, { origin: "https://doorstep-login.example" }) });
    expect(phished.status).toBe(401);
    expect(phished.body).toMatchObject({ field: "passkey" });
    // A challenge replaced by a newer one no longer counts.
    const newer = await p.c.request("POST", "/api/auth/passkey/options", { challenge: p.challenge });
    expect((await p.c.request("POST", "/api/auth/passkey", { challenge: p.challenge, response: key.signIn(options.body) })).status).toBe(401);
    expect((await p.c.request("POST", "/api/auth/passkey", { challenge: p.challenge, response: key.signIn(newer.body) })).status).toBe(200);

    const other = await withOwnCode();
    await addPasskey(other);
    const q = await passwordStep(other.email);
    const theirOptions = await q.c.request("POST", "/api/auth/passkey/options", { challenge: q.challenge });
    expect((await q.c.request("POST", "/api/auth/passkey", { challenge: q.challenge, response: key.signIn(theirOptions.body) })).status).toBe(401);
  });

  it("are removed by their owner, and by the head's reset of a lost phone", async () => {
    const s = await withOwnCode();
    const { key } = await addPasskey(s);
    expect((await s.c.request("DELETE", `/api/account/passkeys/${key.id}`)).body).toEqual({ removed: true });
    expect((await s.c.request("DELETE", `/api/account/passkeys/${key.id}`)).body).toEqual({ removed: false });
    expect((await passwordStep(s.email)).passkey).toBe(false);

    await addPasskey(s, "phone");
    tick();
    const head = await signedIn(["headteacher"]);
    const setup = await head.c.request("POST", "/api/auth/second-factor/setup", { challenge: head.first.body.challenge });
    const signed = await head.c.request("POST", "/api/auth/second-factor", { challenge: head.first.body.challenge, code: codeOf(setup.body.secret) });
    head.c.csrf = signed.body.csrfToken;
    expect((await head.c.request("POST", `/api/staff/${s.id}/second-factor/reset`)).status).toBe(200);
    expect(await db.db.select().from(passkeys).where(eq(passkeys.userId, s.id))).toEqual([]);
  });
});
