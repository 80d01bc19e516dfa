import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { auditEvents, wondeFeeds } from "../../../db/schema";
import { FakeWonde } from "../../../test/fake-wonde";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";

const SECRET = "webhook-secret-0123456789abcdef";
let s: SignedInServer<"lead">;
let fake: FakeWonde;
let hook: string;

beforeAll(async () => {
  fake = await new FakeWonde().start();
  s = await signedInServer({ lead: ["attendance_lead"] }, { WONDE_TOKEN_KEY: randomBytes(32).toString("base64"), WONDE_WEBHOOK_SECRET: SECRET });
  hook = `${s.server.url}/api/wonde/webhook`;
  expect((await s.staff.lead.client.request("PUT", "/api/imports/wonde", { wondeSchoolId: fake.schoolId, token: fake.token, baseUrl: fake.url })).status).toBe(200);
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});

const feed = async () => (await s.db.db.select().from(wondeFeeds).where(eq(wondeFeeds.schoolId, s.schoolId)))[0]!;
const webhookAudits = async () => (await s.db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, s.schoolId), like(auditEvents.action, "wonde_webhook_%")))).length;
const page = async () => (await s.staff.lead.client.request("GET", "/api/imports/wonde")).body;

describe("Wonde's webhooks", () => {
  it("refuses a wrong or missing secret, and nothing changes", async () => {
    fake.revoked = true;
    const before = await feed();
    const checks = fake.requests.length;
    for (const secret of ["wrong-secret-0123456789abcdef", SECRET.slice(0, -1), `${SECRET}x`, "", null]) {
      expect((await fake.sendWebhook(hook, "accessRevoked", secret)).status).toBe(401);
    }
    fake.revoked = false;
    expect(await feed()).toEqual(before);
    expect(await webhookAudits()).toBe(0);
    // Not even a call to Wonde was made on the strength of it.
    expect(fake.requests.length).toBe(checks);
  });

  it("refuses an event it does not know, naming the field", async () => {
    const r = await fake.sendWebhook(hook, "schoolDeleted", SECRET);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain("payload_type");
  });

  it("accessRevoked that Wonde does not confirm changes nothing", async () => {
    const before = await feed();
    expect(await fake.sendWebhook(hook, "accessRevoked", SECRET)).toEqual({ status: 200, body: { received: true } });
    expect((await feed()).state).toBe("connected");
    expect((await feed()).lastError).toBe(before.lastError);
    // It was checked with Wonde, with the school's own token.
    expect(fake.requests.at(-1)).toMatchObject({ path: `/v1.0/schools/${fake.schoolId}`, auth: `Bearer ${fake.token}` });
  });

  it("accessRevoked confirmed by Wonde shows access revoked on the page", async () => {
    fake.revoked = true;
    expect((await fake.sendWebhook(hook, "accessRevoked", SECRET)).status).toBe(200);
    expect(await page()).toMatchObject({ state: "access_revoked", lastError: expect.stringMatching(/revoked.*approve Doorstep again/) });
  });

  it("schoolApproved is trusted only once Wonde answers again", async () => {
    expect((await fake.sendWebhook(hook, "schoolApproved", SECRET)).status).toBe(200);
    expect((await page()).state).toBe("access_revoked");
    fake.revoked = false;
    expect((await fake.sendWebhook(hook, "schoolApproved", SECRET)).status).toBe(200);
    expect(await page()).toMatchObject({ state: "connected", lastError: null });
  });

  it("accessDeclined confirmed by Wonde marks the feed revoked, in words", async () => {
    fake.revoked = true;
    expect((await fake.sendWebhook(hook, "accessDeclined", SECRET)).status).toBe(200);
    fake.revoked = false;
    expect(await page()).toMatchObject({ state: "access_revoked", lastError: expect.stringMatching(/declined/) });
    expect((await fake.sendWebhook(hook, "schoolApproved", SECRET)).status).toBe(200);
  });

  it("schoolMigration re-checked with Wonde clears the watermark, so the next sync reads everything again", async () => {
    expect((await s.staff.lead.client.request("POST", "/api/imports/wonde/sync")).body.outcome).toMatchObject({ status: "synced" });
    expect((await feed()).watermark).not.toBeNull();
    expect((await fake.sendWebhook(hook, "schoolMigration", SECRET)).status).toBe(200);
    expect(await feed()).toMatchObject({ state: "connected", watermark: null });
  });

  it("an event for a Wonde school Doorstep does not serve is answered the same, and changes nothing", async () => {
    const before = await feed();
    const audits = await webhookAudits();
    expect(await fake.sendWebhook(hook, "accessRevoked", SECRET, "B999")).toEqual({ status: 200, body: { received: true } });
    expect(await feed()).toEqual(before);
    expect(await webhookAudits()).toBe(audits);
  });

  it("audits every event received with the secret, confirmed or not", async () => {
    const rows = await s.db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, s.schoolId), like(auditEvents.action, "wonde_webhook_%")));
    expect(rows.map((r) => r.action)).toEqual(["wonde_webhook_accessRevoked", "wonde_webhook_accessRevoked", "wonde_webhook_schoolApproved", "wonde_webhook_schoolApproved", "wonde_webhook_accessDeclined", "wonde_webhook_schoolApproved", "wonde_webhook_schoolMigration"]);
    expect(JSON.stringify(rows)).not.toContain(fake.token);
  });
});
