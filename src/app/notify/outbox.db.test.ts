/**
 * Nothing owed is lost (issue 14), through the real API with a real SMTP
 * listener that is stopped and started again at the same address: with the mail
 * server down, cancelling a visit and reviewing an agreement answer at once, the
 * written notice is on the record and queued, the same request sent again (same
 * Idempotency-Key) is answered with the first answer and changes nothing, and
 * once the mail server is back each message arrives once, with its PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { agreements, auditEvents, familyContacts, outboxMessages, pupils, visits } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { startSmtpListener } from "../../test/smtp-listener";

let db: DatabaseHandle;
let server: TestServer;
let smtpPort: number;
let smtp: Awaited<ReturnType<typeof startSmtpListener>> | null = null;
let schoolId: string;
let pupilId: string;
let headEmail: string;
const c: Record<string, TestClient> = {};

async function as(name: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never, `${name}-${Math.random().toString(36).slice(2, 7)}@school.example`);
  c[name] = new TestClient(server.url);
  await c[name]!.login(s.email, TEST_PASSWORD);
  return s.email;
}

/** The outbox retries with backoff: move the server's clock past it and wake the sender. */
async function mailServerBack() {
  smtp = await startSmtpListener(smtpPort);
  laterAndKick(30);
}

/**
 * The server's clock stands still in these tests, so a try that fails just as the
 * mail server comes back (a connection left from before it stopped) would wait
 * for ever: each look moves the clock on past the backoff and wakes the sender.
 */
function laterAndKick(minutes = 2) {
  // A few minutes a look: past a retry's backoff, well inside the sessions' idle limit.
  server.clock.now = new Date(server.clock.now.getTime() + minutes * 60_000);
  server.app.deps.kickMessageDelivery?.();
}

function receivedBy(address: string): number {
  laterAndKick();
  return smtp!.received.filter((m) => m.rcptTo.includes(address)).length;
}

async function messagesOf(kind: string) {
  return db.db.select().from(outboxMessages).where(and(eq(outboxMessages.schoolId, schoolId), eq(outboxMessages.kind, kind)));
}

beforeAll(async () => {
  // A port with nobody listening: the mail server is down.
  const probe = await startSmtpListener();
  smtpPort = probe.port;
  await probe.close();
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  server.clock.now = new Date("2026-11-17T09:00:00Z");
  schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  headEmail = await as("head", ["headteacher"]);
  await as("lead", ["attendance_lead"]);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Ada", lastName: "Nowak", addressLine1: "3 Station Road", town: "Burgh", postcode: "PE24 5AA" }).returning();
  pupilId = p!.id;
  await db.db.insert(familyContacts).values({ schoolId, pupilId, name: "Maria Nowak", relationship: "Mother", parentalResponsibility: true, phone: "07700 900111", email: "maria@family.example" });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await smtp?.close();
});

describe("with the mail server down", () => {
  it("a cancellation answers at once, keeps the head's notice, is recorded once when repeated, and the notice arrives when mail is back", async () => {
    const visitId = (await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "safe_and_well", date: "2026-11-18" })).body.id as string;
    const key = { headers: { "idempotency-key": "cancel-0001-phone" } };
    const first = await c.lead!.request("POST", `/api/visits/${visitId}/cancel`, { reason: "Parent rang to say the family is away" }, key);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ state: "cancelled", duplicate: false });

    // The phone did not hear the answer and sends the same request again.
    const again = await c.lead!.request("POST", `/api/visits/${visitId}/cancel`, { reason: "Parent rang to say the family is away" }, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(again.body).toEqual(first.body);
    const cancelled = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, visitId), eq(auditEvents.action, "visit_cancel")));
    expect(cancelled).toHaveLength(1);
    expect(await messagesOf("cancellation_notice")).toHaveLength(1);

    // The notice is on the record already, and the page says its email is not sent yet.
    const [notice] = await messagesOf("cancellation_notice");
    expect(notice).toMatchObject({ toEmails: [headEmail], status: "queued" });
    await expect.poll(async () => (await messagesOf("cancellation_notice"))[0]!.attempts, { timeout: 10_000 }).toBeGreaterThan(0);
    const visit = (await c.head!.request("GET", `/api/visits/${visitId}`)).body;
    const doc = visit.documents.find((d: { kind: string }) => d.kind === "cancellation_notice");
    expect(doc.delivery).toMatchObject({ status: "queued", to: [headEmail], lastError: expect.any(String) });

    await mailServerBack();
    await expect.poll(() => receivedBy(headEmail), { timeout: 10_000, interval: 250 }).toBe(1);
    expect(smtp!.received.find((m) => m.rcptTo.includes(headEmail))!.raw).toMatch(/visit-cancelled\.pdf/);
    await expect.poll(async () => (await c.head!.request("GET", `/api/visits/${visitId}`)).body.documents.find((d: { kind: string }) => d.kind === "cancellation_notice").delivery.status).toBe("sent");
    expect((await db.db.select().from(visits).where(eq(visits.id, visitId)))[0]!.state).toBe("cancelled");
  });

  it("an agreement review answers at once, one breach however often it is sent, and the reminder letter reaches the family once", async () => {
    await smtp?.close();
    smtp = null;
    const a = await c.lead!.request("POST", "/api/agreements", { pupilId, terms: "Ada will be in school by 8:45 every day.", agreedWith: "Maria Nowak", reviewOn: "2026-12-01" });
    expect(a.status, a.text).toBe(201);
    const key = { headers: { "idempotency-key": "review-0001-laptop" } };
    const first = await c.lead!.request("POST", `/api/agreements/${a.body.id}/review`, { kept: false, note: "Late four days out of five" }, key);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ status: "not_kept", followUpVisitId: null, reminderLetter: { queuedTo: ["maria@family.example"] } });
    const again = await c.lead!.request("POST", `/api/agreements/${a.body.id}/review`, { kept: false, note: "Late four days out of five" }, key);
    expect(again.body).toEqual(first.body);
    const [row] = await db.db.select().from(agreements).where(eq(agreements.id, a.body.id));
    expect(row!.breaches).toBe(1);
    expect(await messagesOf("reminder_letter")).toHaveLength(1);

    await mailServerBack();
    await expect.poll(() => receivedBy("maria@family.example"), { timeout: 10_000, interval: 250 }).toBe(1);
    expect(smtp!.received.find((m) => m.rcptTo.includes("maria@family.example"))!.raw).toMatch(/reminder\.pdf/);
    const record = (await c.lead!.request("GET", `/api/pupils/${pupilId}/record`)).body;
    await expect.poll(async () => (await c.lead!.request("GET", `/api/pupils/${pupilId}/record`)).body.documents.find((d: { kind: string }) => d.kind === "reminder_letter").delivery.status).toBe("sent");
    expect(record.documents.filter((d: { kind: string }) => d.kind === "reminder_letter")).toHaveLength(1);
  });
});

describe("with the mail server up", () => {
  it("a confirmation letter says it was emailed, and with the server down says it is queued and is sent later", async () => {
    const visitId = (await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "appointment", date: "2026-11-24" })).body.id as string;
    expect((await c.lead!.request("PUT", `/api/visits/${visitId}/appointment`, { startsAt: "2026-11-24T10:30:00Z", place: "3 Station Road", agreedWith: "Maria Nowak" })).status).toBe(200);
    const sent = await c.lead!.request("POST", `/api/visits/${visitId}/appointment/confirmation`);
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.delivery).toMatchObject({ status: "sent", to: ["maria@family.example"] });

    await smtp!.close();
    smtp = null;
    const queued = await c.lead!.request("POST", `/api/visits/${visitId}/appointment/confirmation`);
    expect(queued.status, queued.text).toBe(201);
    expect(queued.body.delivery).toMatchObject({ status: "queued", lastError: expect.any(String) });
    await mailServerBack();
    await expect.poll(() => receivedBy("maria@family.example"), { timeout: 10_000, interval: 250 }).toBe(1);
  });
});

describe("request keys", () => {
  it("a key is one action: refused on another route, and a malformed key is named", async () => {
    const visitId = (await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "safe_and_well", date: "2026-11-19" }, { headers: { "idempotency-key": "propose-0001" } })).body.id as string;
    const reused = await c.lead!.request("POST", `/api/visits/${visitId}/cancel`, { reason: "Not needed" }, { headers: { "idempotency-key": "propose-0001" } });
    expect(reused.status).toBe(422);
    expect(reused.body.field).toBe("Idempotency-Key");
    const bad = await c.lead!.request("POST", `/api/visits/${visitId}/cancel`, { reason: "Not needed" }, { headers: { "idempotency-key": "no spaces allowed" } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("Idempotency-Key");
    expect((await db.db.select().from(visits).where(eq(visits.id, visitId)))[0]!.state).not.toBe("cancelled");
  });

  it("a key another person used is theirs: mine runs as a new request", async () => {
    const v1 = await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "safe_and_well", date: "2026-11-20" }, { headers: { "idempotency-key": "shared-key-0001" } });
    const v2 = await c.head!.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "safe_and_well", date: "2026-11-20" }, { headers: { "idempotency-key": "shared-key-0001" } });
    expect(v1.status).toBe(201);
    expect(v2.status).toBe(201);
    expect(v2.body.id).not.toBe(v1.body.id);
  });
});
