/**
 * A family's email (issue 18): through GOV.UK Notify's email endpoint, by the
 * real client against the loopback Notify, where an email template is set (the
 * row's id as reference, delivery read back); by SMTP, as before, where not.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { contactAttempts, familyContacts, outboxMessages, pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff } from "../../test/factories";
import { FakeNotify } from "../../test/fake-notify";
import { startSmtpListener } from "../../test/smtp-listener";
import { createMailer } from "./mailer";
import { deliverDueMessages } from "./outbox";
import { createNotifyMessenger } from "./gov-notify";
import { emailFamily, refreshDeliveries, textsOfDay } from "./family-texts";

let h: DatabaseHandle;
let fake: FakeNotify;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let schoolId: string;
let lead: { id: string; name: string; userId: string };
let amy: string;
const clock = new Date("2026-12-07T09:00:00Z");
const ctx = { origin: "https://doorstep.example", now: clock };
const log = { warn: () => {} };

beforeAll(async () => {
  h = await openTestDatabase();
  fake = await new FakeNotify().start();
  smtp = await startSmtpListener();
  schoolId = (await buildSchool(h, { name: "Burgh Primary" })).id;
  const s = await buildStaff(h, schoolId, ["attendance_lead"]);
  lead = { id: s.id, userId: s.id, name: "Lead" };
  const [a] = await h.db.insert(pupils).values({ schoolId, upn: "A1", firstName: "Amy", lastName: "Able" }).returning();
  amy = a!.id;
  await h.db.insert(familyContacts).values([
    { schoolId, pupilId: amy, name: "Ann Able", relationship: "mother", email: "ann@family.example", priority: 2 },
    { schoolId, pupilId: amy, name: "Al Able", relationship: "father", email: "al@family.example", priority: 1 },
  ]);
});
afterAll(async () => {
  await fake.close();
  await smtp.close();
  await h.close();
});

describe("family emails", () => {
  it("go through Notify's email endpoint where its email template is set: the row's id as reference, delivery read back", async () => {
    const messenger = createNotifyMessenger({ apiKey: fake.apiKey, baseUrl: fake.url, smsTemplateId: fake.smsTemplateId, emailTemplateId: fake.emailTemplateId });
    const mailer = createMailer({ smtpUrl: smtp.url, from: "School <school@school.example>" });
    const e = await emailFamily(h.db, lead, schoolId, amy, "2026-12-07", ctx);
    expect(e.to).toBe("al@family.example");
    const [attempt] = await h.db.select().from(contactAttempts).where(eq(contactAttempts.id, e.contactAttemptId));
    expect(attempt).toMatchObject({ method: "email", reached: false, toAddress: "al@family.example", messageId: e.messageId });
    await deliverDueMessages(h.db, { mailer, texts: messenger }, () => clock, log);
    expect(smtp.received).toHaveLength(0);
    const sent = fake.sent.filter((s) => s.type === "email");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "al@family.example", templateId: fake.emailTemplateId, reference: e.messageId });
    expect(sent[0]!.personalisation.subject).toBe("Burgh Primary: is Amy well?");
    expect(sent[0]!.personalisation.message).toMatch(/https:\/\/doorstep\.example\/r\/[A-Za-z0-9_-]{43}/);
    expect(sent[0]!.personalisation.message).not.toMatch(/concern|safeguard/i);
    fake.settle();
    await refreshDeliveries(h.db, messenger);
    const [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, e.messageId));
    expect(row).toMatchObject({ status: "sent", providerId: sent[0]!.id, deliveryStatus: "delivered" });
    expect((await textsOfDay(h.db, schoolId, "2026-12-07")).find((t) => t.messageId === e.messageId)).toMatchObject({ channel: "email", to: "al@family.example", delivery: "delivered" });
  });

  it("go by SMTP, as before, where Notify has no email template (texts only) or is not set up", async () => {
    const textsOnly = createNotifyMessenger({ apiKey: fake.apiKey, baseUrl: fake.url, smsTemplateId: fake.smsTemplateId });
    const mailer = createMailer({ smtpUrl: smtp.url, from: "School <school@school.example>" });
    const before = fake.sent.length;
    const e = await emailFamily(h.db, lead, schoolId, amy, "2026-12-07", ctx);
    await deliverDueMessages(h.db, { mailer, texts: textsOnly }, () => clock, log);
    const e2 = await emailFamily(h.db, lead, schoolId, amy, "2026-12-07", ctx);
    await deliverDueMessages(h.db, { mailer }, () => clock, log);
    expect(fake.sent.length).toBe(before);
    expect(smtp.received.filter((m) => m.rcptTo.includes("al@family.example"))).toHaveLength(2);
    for (const id of [e.messageId, e2.messageId]) {
      const [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      expect(row).toMatchObject({ status: "sent", providerId: null });
    }
  });

  it("the loopback Notify refuses an email request Notify would refuse, naming what is wrong", async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ iss: fake.serviceId, iat: Math.floor(Date.now() / 1000) })}`;
    const token = `${head}.${createHmac("sha256", fake.secret).update(head).digest("base64url")}`;
    const post = async (body: object) => {
      const r = await fetch(`${fake.url}/v2/notifications/email`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return { status: r.status, error: ((await r.json()) as { errors?: { message: string }[] }).errors?.[0]?.message };
    };
    const good = { email_address: "al@family.example", template_id: fake.emailTemplateId, personalisation: { subject: "s", message: "m" } };
    expect((await post(good)).status).toBe(201);
    expect(await post({ ...good, phone_number: "07700900111" })).toEqual({ status: 400, error: "Additional properties are not allowed ('phone_number' was unexpected)" });
    expect(await post({ ...good, email_address: "not an address" })).toEqual({ status: 400, error: "email_address Not a valid email address" });
    expect(await post({ ...good, personalisation: { message: "m" } })).toEqual({ status: 400, error: "Missing personalisation: subject" });
    expect(await post({ ...good, email_reply_to_id: "x" })).toEqual({ status: 400, error: "email_reply_to_id is not a valid UUID" });
    expect((await fetch(`${fake.url}/v2/notifications/email`, { method: "POST", body: JSON.stringify(good) })).status).toBe(403);
  });
});
