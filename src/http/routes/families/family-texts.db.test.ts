/**
 * Texts to families over the real API, with the real Notify client talking to
 * the loopback Notify: the done-means of issue 18 in small. Three Day-1 families
 * texted in bulk from Today (one number failing), delivery read back, one answer
 * by text and one through the reply link, both on the timeline for staff to
 * confirm; a server without Notify says texts are not configured.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { familyContacts, pupils } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";
import { FakeNotify } from "../../../test/fake-notify";
import { readReceivedTexts, refreshDeliveries } from "../../../app/notify/family-texts";

let db: DatabaseHandle;
let fake: FakeNotify;
let server: TestServer;
let bare: TestServer;
let lead: TestClient;
let leadBare: TestClient;
const ids: Record<string, string> = {};

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const t = await f();
    if (ok(t)) return t;
    server.app.deps.kickMessageDelivery?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeNotify().start();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", NOTIFY_API_KEY: fake.apiKey, NOTIFY_SMS_TEMPLATE_ID: fake.smsTemplateId, NOTIFY_BASE_URL: fake.url, PUBLIC_URL: "https://doorstep.example" });
  bare = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = bare.clock.now = new Date("2026-03-06T09:30:00Z");
  const school = await buildSchool(db, { name: "Burgh Primary" });
  const rows = await db.db
    .insert(pupils)
    .values(["Ann", "Ben", "Cat"].map((firstName, i) => ({ schoolId: school.id, upn: `A10000000000${i}`, firstName, lastName: "Day" + i })))
    .returning();
  for (const r of rows) ids[r.firstName] = r.id;
  await db.db.insert(familyContacts).values([
    { schoolId: school.id, pupilId: ids.Ann!, name: "Mum", relationship: "mother", phone: "07700 900101" },
    { schoolId: school.id, pupilId: ids.Ben!, name: "Dad", relationship: "father", phone: "07700 900102" },
    { schoolId: school.id, pupilId: ids.Cat!, name: "Gran", relationship: "grandmother", phone: "07700 900103" },
  ]);
  fake.permanentFailure("07700 900103");
  const s = await buildStaff(db, school.id, ["attendance_lead"]);
  lead = new TestClient(server.url);
  await lead.login(s.email, TEST_PASSWORD);
  leadBare = new TestClient(bare.url);
  await leadBare.login(s.email, TEST_PASSWORD);
  const csv = "upn,date,session,code\n" + [0, 1, 2].map((i) => `A10000000000${i},2026-03-06,AM,N`).join("\n") + "\n";
  const r = await lead.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: csv });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await bare?.close();
  await fake?.close();
  await db?.close();
});

describe("without GOV.UK Notify", () => {
  it("says texts are not configured and sends nothing", async () => {
    const s = await leadBare.request("GET", "/api/texts/status");
    expect(s.body).toMatchObject({ configured: false, description: expect.stringContaining("Texts are not configured") });
    const r = await leadBare.request("POST", `/api/pupils/${ids.Ann}/texts`, { date: "2026-03-06" });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain("Texts are not configured");
  });
});

describe("with GOV.UK Notify (the loopback stand-in)", () => {
  it("texts every Day-1 family from Today: two delivered, one failed, shown with the allowance", async () => {
    const s = await lead.request("GET", "/api/texts/status");
    expect(s.body).toMatchObject({ configured: true, allowance: { allowance: 5000, used: 0 } });
    const r = await lead.request("POST", "/api/today/texts", { date: "2026-03-06" }, { headers: { "idempotency-key": "bulk-texts-0001" } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.results.map((x: { firstName: string; queued: boolean }) => [x.firstName, x.queued])).toEqual([
      ["Ann", true],
      ["Ben", true],
      ["Cat", true],
    ]);
    await until(() => lead.request("GET", "/api/today/texts?date=2026-03-06"), (t) => t.body.texts.every((x: { status: string }) => x.status === "sent"));
    fake.settle();
    await refreshDeliveries(db.db, server.app.deps.texts!);
    const t = await lead.request("GET", "/api/today/texts?date=2026-03-06");
    expect(t.body.texts.map((x: { firstName: string; delivery: string }) => [x.firstName, x.delivery])).toEqual([
      ["Ann", "delivered"],
      ["Ben", "delivered"],
      ["Cat", "permanent-failure"],
    ]);
    expect(t.body.allowance.used).toBeGreaterThanOrEqual(3);
    // Who sent each, beside its delivery.
    expect(t.body.texts.map((x: { sentBy: string }) => x.sentBy)).toEqual(["Test attendance_lead", "Test attendance_lead", "Test attendance_lead"]);
    const tl = await lead.request("GET", `/api/pupils/${ids.Cat}/timeline?to=2026-03-06&days=3`);
    expect(tl.body.days[0].contacts[0]).toMatchObject({ method: "text", reached: false, to: "07700 900103", delivery: "permanent-failure" });
    // The child's page reads its timeline from the record: the number and the delivery are there too.
    const record = await lead.request("GET", `/api/pupils/${ids.Cat}/record`);
    expect(record.status, record.text).toBe(200);
    const day = record.body.timeline.find((d: { date: string }) => d.date === "2026-03-06");
    expect(day.contacts[0]).toMatchObject({ method: "text", reached: false, to: "07700 900103", delivery: "permanent-failure" });
  });

  it("an answer by text and one through the reply link land on the timeline; a person confirms the parent was reached", async () => {
    fake.receive("07700 900101", "Ann has chickenpox");
    expect(await readReceivedTexts(db.db, server.app.deps.texts!)).toBe(1);
    const link = /https:\/\/doorstep\.example\/r\/([A-Za-z0-9_-]{43})/.exec(fake.sent.find((x) => x.to === "07700 900102")!.personalisation.message!)![1]!;
    const family = new TestClient(server.url);
    const view = await family.request("GET", `/api/reply/${link}`);
    expect(view.body).toEqual({ schoolName: "Burgh Primary", firstName: "Ben" });
    const answer = await family.request("POST", `/api/reply/${link}`, { safeAndWell: true, reasonAbsent: "Hospital appointment", returnDate: "2026-03-09", callbackNumber: "07700 900555" });
    expect(answer.status, answer.text).toBe(201);

    const wrong = await family.request("GET", `/api/reply/${link.slice(0, -2)}xx`);
    expect(wrong.status).toBe(404);
    expect(JSON.stringify(wrong.body)).not.toMatch(/Ben|Burgh|expired/);

    const ann = await lead.request("GET", `/api/pupils/${ids.Ann}/replies`);
    expect(ann.body.replies).toEqual([expect.objectContaining({ source: "text", body: "Ann has chickenpox", confirmed: false })]);
    const ben = await lead.request("GET", `/api/pupils/${ids.Ben}/timeline?to=2026-03-06&days=3`);
    expect(ben.body.days[0].replies).toEqual([expect.objectContaining({ source: "link", safeAndWell: true, reasonAbsent: "Hospital appointment", returnDate: "2026-03-09", confirmed: false })]);
    const ok = await lead.request("POST", `/api/replies/${ann.body.replies[0].id}/confirm`, { date: "2026-03-06" });
    expect(ok.status, ok.text).toBe(201);
    const after = await lead.request("GET", `/api/pupils/${ids.Ann}/timeline?to=2026-03-06&days=3`);
    expect(after.body.days[0].contacts.some((c: { reached: boolean }) => c.reached)).toBe(true);
    // The text arrived at the machine's own time (the fake Notify's clock), not the server's test day.
    expect((await lead.request("GET", `/api/pupils/${ids.Ann}/replies`)).body.replies[0].confirmed).toBe(true);
    const benRecord = (await lead.request("GET", `/api/pupils/${ids.Ben}/record`)).body.timeline.find((d: { date: string }) => d.date === "2026-03-06");
    // The record carries the timeline's own day: what the family said, for a person to act on.
    expect(benRecord.replies).toEqual([expect.objectContaining({ source: "link", confirmed: false, safeAndWell: true, reasonAbsent: "Hospital appointment", returnDate: "2026-03-09", callbackNumber: "07700 900555" })]);
  });

  it("limits how often the reply link may be tried", async () => {
    const guesser = new TestClient(server.url);
    const codes = [];
    for (let i = 0; i < 35; i++) codes.push((await guesser.request("GET", `/api/reply/${"A".repeat(43)}`)).status);
    expect(codes).toContain(429);
    expect(new Set(codes)).toEqual(new Set([404, 429]));
  });
});
