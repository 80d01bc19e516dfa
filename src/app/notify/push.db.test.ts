/**
 * Web Push through the real API, to a real HTTPS listener on loopback standing in
 * for the browser maker's push service: a DSL turns alerts on with a real P-256
 * key pair, a concern is raised, and the push service gets an encrypted
 * (aes128gcm), VAPID-signed POST that the "browser" decrypts, with nothing about
 * the child in it. A 410 removes the subscription; a 500 is recorded on it.
 */
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, Agent, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { decrypt } from "http_ece";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, pupils, pushSubscriptions, serverSettings } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let db: DatabaseHandle;
let server: TestServer;
let pushService: Server;
let pushUrl: string;
let agent: Agent;
let tmp: string;
const received: Received[] = [];
/** The status the push service answers for a path (201 Created otherwise, as RFC 8030 says). */
const answers = new Map<string, number>();
let schoolId: string;
let pupilId: string;
const c: Record<string, TestClient> = {};
const userIds: Record<string, string> = {};

/** A browser's push subscription: a real P-256 key pair and a 16-byte auth secret. */
function browserSubscription(name: string) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16).toString("base64url");
  return { ecdh, auth, json: { endpoint: `${pushUrl}/push/${name}`, expirationTime: null, keys: { p256dh: ecdh.getPublicKey("base64url"), auth } } };
}

async function signIn(name: string, roles: ("dsl" | "deputy_dsl" | "visitor")[]) {
  const s = await buildStaff(db, schoolId, roles, `${name}@school.example`);
  userIds[name] = s.id;
  c[name] = new TestClient(server.url);
  expect((await c[name]!.login(s.email, TEST_PASSWORD)).status).toBe(200);
}

/** Checks the VAPID JWT the way a push service does: ES256 over the server's public key, audience the push service's origin. */
function checkVapid(authorization: string, publicKey: string) {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  expect(m, authorization).not.toBeNull();
  const [, jwt, k] = m as unknown as [string, string, string];
  expect(k).toBe(publicKey);
  const [header, claims, signature] = jwt.split(".") as [string, string, string];
  const raw = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") }, format: "jwk" });
  expect(verify("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))).toBe(true);
  const payload = JSON.parse(Buffer.from(claims, "base64url").toString("utf8"));
  expect(payload).toMatchObject({ aud: new URL(pushUrl).origin, sub: "mailto:noreply@doorstep.invalid" });
  expect(payload.exp * 1000).toBeGreaterThan(Date.now());
}

function readPush(r: Received, ecdh: ECDH, auth: string) {
  return JSON.parse(decrypt(r.body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8"));
}

beforeAll(async () => {
  // A certificate for 127.0.0.1, made here: web-push speaks only HTTPS, as push services do.
  tmp = mkdtempSync(path.join(tmpdir(), "doorstep-push-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(tmp, "key.pem"), "-out", path.join(tmp, "cert.pem")], { stdio: "ignore" });
  const cert = readFileSync(path.join(tmp, "cert.pem"));
  pushService = createServer({ key: readFileSync(path.join(tmp, "key.pem")), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(req.url ?? "") ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, "127.0.0.1", resolve));
  pushUrl = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  agent = new Agent({ ca: cert });

  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", PUSH_SERVICE_HOSTS: "fcm.googleapis.com,127.0.0.1" }, { pushAgent: agent });
  schoolId = (await buildSchool(db)).id;
  await signIn("dsl", ["dsl"]);
  await signIn("deputy", ["deputy_dsl"]);
  await signIn("visitor", ["visitor"]);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000002", firstName: "Łucja", lastName: "Nowak", addressLine1: "3 Station Road", town: "Burgh le Marsh" }).returning();
  pupilId = p!.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  agent?.destroy();
  await new Promise<void>((resolve) => (pushService ? pushService.close(() => resolve()) : resolve()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("web push", () => {
  it("a new concern reaches the DSL's device encrypted and VAPID-signed, with nothing about the child", async () => {
    const key = await c.dsl!.request("GET", "/api/push/key");
    expect(key.status, key.text).toBe(200);
    const publicKey: string = key.body.publicKey;
    expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);

    const browser = browserSubscription("dsl");
    const sub = await c.dsl!.request("POST", "/api/push/subscriptions", browser.json, { headers: { "user-agent": "Test browser" } });
    expect(sub.status, sub.text).toBe(201);
    // Sending the same subscription again (the page does on every visit) keeps one row.
    expect((await c.dsl!.request("POST", "/api/push/subscriptions", browser.json)).status).toBe(201);
    expect(await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userIds.dsl!))).toHaveLength(1);
    const audit = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "push_subscribed"));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(browser.json.endpoint);

    received.length = 0;
    const r = await c.visitor!.request("POST", "/api/concerns", { pupilId, summary: "Bruise on the child's arm", details: "Seen at the door when the mother answered." });
    expect(r.status, r.text).toBe(201);
    await expect.poll(() => received.filter((x) => x.path === "/push/dsl").length).toBe(1);
    const push = received.find((x) => x.path === "/push/dsl")!;
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.ttl).toBe("3600");
    expect(push.headers.urgency).toBe("high");
    checkVapid(String(push.headers.authorization), publicKey);
    for (const secret of ["Bruise", "mother", "Nowak", "Łucja", "Station Road"]) expect(push.body.includes(Buffer.from(secret))).toBe(false);

    const message = readPush(push, browser.ecdh, browser.auth);
    expect(message).toEqual({ title: "Safeguarding concern raised", body: "Raised by Test visitor. Open Doorstep to read it.", link: "/concerns", tag: "safeguarding-concern" });
    for (const secret of ["Bruise", "mother", "Nowak", "Łucja", "Station Road", pupilId]) expect(JSON.stringify(message)).not.toContain(secret);
    // The visitor who raised it has no subscription and is not a recipient anyway.
    expect(received.every((x) => x.path === "/push/dsl")).toBe(true);
  });

  it("a subscription the push service says is gone (410) is removed; another failure is recorded on it", async () => {
    const gone = browserSubscription("gone");
    const broken = browserSubscription("broken");
    answers.set("/push/gone", 410);
    answers.set("/push/broken", 500);
    expect((await c.deputy!.request("POST", "/api/push/subscriptions", gone.json)).status).toBe(201);
    expect((await c.deputy!.request("POST", "/api/push/subscriptions", broken.json)).status).toBe(201);

    received.length = 0;
    const r = await c.visitor!.request("POST", "/api/concerns", { summary: "Another concern", details: "Details that stay in Doorstep." });
    expect(r.status, r.text).toBe(201);
    await expect.poll(() => received.map((x) => x.path).sort()).toEqual(["/push/broken", "/push/dsl", "/push/gone"]);
    await expect.poll(async () => (await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, gone.json.endpoint))).length).toBe(0);
    await expect.poll(async () => (await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, broken.json.endpoint)))[0]?.lastError ?? null).toMatch(/^HTTP 500 at /);
  });

  it("refuses an endpoint that is not https", async () => {
    const browser = browserSubscription("plain");
    const r = await c.dsl!.request("POST", "/api/push/subscriptions", { ...browser.json, endpoint: "http://127.0.0.1:1/push" });
    expect(r.status).toBe(400);
  });

  it("refuses an endpoint that is not at a push service the server sends to", async () => {
    const browser = browserSubscription("elsewhere");
    const r = await c.dsl!.request("POST", "/api/push/subscriptions", { ...browser.json, endpoint: "https://intranet.example/collect" });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe("endpoint");
    expect(await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, "https://intranet.example/collect"))).toHaveLength(0);
  });

  it("posting another user's endpoint does not take their alerts: refused, their subscription untouched", async () => {
    const endpoint = `${pushUrl}/push/dsl`;
    const [before] = await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    expect(before!.userId).toBe(userIds.dsl);
    const thief = browserSubscription("dsl");
    const r = await c.visitor!.request("POST", "/api/push/subscriptions", thief.json);
    expect(r.status, r.text).toBe(409);
    expect(r.body).toMatchObject({ error: "conflict", field: "endpoint" });
    const [after] = await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    expect(after).toMatchObject({ id: before!.id, userId: userIds.dsl, p256dh: before!.p256dh, auth: before!.auth });
    // Their own device's endpoint is theirs to keep.
    expect((await c.visitor!.request("POST", "/api/push/subscriptions", browserSubscription("visitor").json)).status).toBe(201);
    expect(await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userIds.visitor!))).toHaveLength(1);
  });

  it("a user cannot turn off another user's subscription; their own, they can", async () => {
    const endpoint = `${pushUrl}/push/dsl`;
    const other = await c.visitor!.request("DELETE", "/api/push/subscriptions", { endpoint });
    expect(other.status).toBe(404);
    expect(await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint))).toHaveLength(1);
    const own = await c.dsl!.request("DELETE", "/api/push/subscriptions", { endpoint });
    expect(own.status, own.text).toBe(200);
    expect(await db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint))).toHaveLength(0);
    expect(await db.db.select().from(auditEvents).where(eq(auditEvents.action, "push_unsubscribed"))).toHaveLength(1);
  });

  it("keeps the same VAPID key across server starts on one database", async () => {
    const first = (await c.dsl!.request("GET", "/api/push/key")).body.publicKey;
    const again = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
    try {
      const client = new TestClient(again.url);
      expect((await client.login("dsl@school.example", TEST_PASSWORD)).status).toBe(200);
      expect((await client.request("GET", "/api/push/key")).body.publicKey).toBe(first);
    } finally {
      await again.close();
    }
    expect(await db.db.select().from(serverSettings)).toHaveLength(1);
  });
});
