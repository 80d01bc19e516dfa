/**
 * Texts to families through the real Notify client against the loopback Notify:
 * queued with the contact attempt in one transaction, sent with the row's id as
 * the reference, 429 backed off and 400 given up, delivery read back, replies
 * read, matched by number and confirmed by a person; the reply link's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, contactAttempts, letterTemplates, familyContacts, familyReplies, notifications, outboxMessages, pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff } from "../../test/factories";
import { FakeNotify } from "../../test/fake-notify";
import { Conflict, NotFound } from "../../domain/errors";
import { createMailer } from "./mailer";
import { deliverDueMessages } from "./outbox";
import { createNotifyMessenger, type FamilyMessenger } from "./gov-notify";
import { confirmReply, readReceivedTexts, refreshDeliveries, repliesOfPupil, textAllowance, textFamily, textsOfDay, TEXTS_NOT_CONFIGURED } from "./family-texts";
import { saveLetterTemplate } from "../documents/letters";
import { answerReplyLink, createReplyLink, viewReplyLink } from "./reply-links";

let h: DatabaseHandle;
let fake: FakeNotify;
let messenger: FamilyMessenger;
let schoolId: string;
let lead: { id: string; name: string; userId: string };
let amy: string;
let ben: string;
let clock = new Date("2026-12-07T09:00:00Z");
const log = { warn: () => {} };
const ctx = () => ({ configured: true, origin: "https://doorstep.example", now: clock });
const deliver = () => deliverDueMessages(h.db, { mailer: createMailer({ smtpUrl: undefined, from: "x <x@x.invalid>" }), texts: messenger }, () => clock, log);

beforeAll(async () => {
  h = await openTestDatabase();
  fake = await new FakeNotify().start();
  messenger = createNotifyMessenger({ apiKey: fake.apiKey, baseUrl: fake.url, smsTemplateId: fake.smsTemplateId });
  const school = await buildSchool(h, { name: "Burgh Primary" });
  schoolId = school.id;
  const s = await buildStaff(h, schoolId, ["attendance_lead"]);
  lead = { id: s.id, userId: s.id, name: "Lead" };
  const [a, b] = await h.db
    .insert(pupils)
    .values([
      { schoolId, upn: "A1", firstName: "Amy", lastName: "Able" },
      { schoolId, upn: "B1", firstName: "Ben", lastName: "Baker" },
    ])
    .returning();
  amy = a!.id;
  ben = b!.id;
  await h.db.insert(familyContacts).values([
    { schoolId, pupilId: amy, name: "Ann Able", relationship: "mother", phone: "07700 900111", priority: 2 },
    { schoolId, pupilId: amy, name: "Al Able", relationship: "father", phone: "07700 900222", priority: 1 },
    { schoolId, pupilId: ben, name: "Bea Baker", relationship: "mother", phone: "07700 900333", priority: 1 },
  ]);
});
afterAll(async () => {
  await fake.close();
  await h.close();
});

describe("family texts", () => {
  it("says texts are not configured without Notify, and records nothing", async () => {
    await expect(textFamily(h.db, lead, schoolId, amy, "2026-12-07", { ...ctx(), configured: false })).rejects.toThrow(TEXTS_NOT_CONFIGURED);
    expect(await h.db.select().from(contactAttempts).where(eq(contactAttempts.pupilId, amy))).toHaveLength(0);
  });

  it("queues a text to the first contact in call order with the attempt on the timeline, sends it once with the row id as reference, and reads back delivery", async () => {
    const t = await textFamily(h.db, lead, schoolId, amy, "2026-12-07", ctx());
    expect(t.to).toBe("07700 900222");
    const [attempt] = await h.db.select().from(contactAttempts).where(eq(contactAttempts.id, t.contactAttemptId));
    expect(attempt).toMatchObject({ method: "text", reached: false, toAddress: "07700 900222", messageId: t.messageId, recordedBy: lead.id });
    expect(await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "family_text_queued"), eq(auditEvents.entityId, t.contactAttemptId)))).toHaveLength(1);

    await deliver();
    const sent = fake.sent.filter((s) => s.reference === t.messageId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.personalisation.message).toMatch(/^Burgh Primary: Amy is not in school today \(2026-12-07\)\. .*https:\/\/doorstep\.example\/r\/[A-Za-z0-9_-]{43}$/);
    const [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, t.messageId));
    expect(row).toMatchObject({ status: "sent", providerId: sent[0]!.id, deliveryStatus: "created" });

    fake.settle();
    expect(await refreshDeliveries(h.db, messenger)).toBe(1);
    expect((await textsOfDay(h.db, schoolId, "2026-12-07")).find((x) => x.messageId === t.messageId)).toMatchObject({ status: "sent", delivery: "delivered", to: "07700 900222" });
  });

  it("backs off on 429 and sends later; gives up on 400; a number that fails shows permanent-failure", async () => {
    fake.permanentFailure("07700 900333");
    fake.failNext(429);
    const t = await textFamily(h.db, lead, schoolId, ben, "2026-12-07", ctx());
    await deliver();
    let [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, t.messageId));
    expect(row).toMatchObject({ status: "queued", lastError: "429 RateLimitError" });
    expect(row!.dueAt.getTime()).toBeGreaterThan(clock.getTime());
    clock = new Date(clock.getTime() + 10 * 60_000);
    await deliver();
    [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, t.messageId));
    expect(row!.status).toBe("sent");
    fake.settle();
    await refreshDeliveries(h.db, messenger);
    expect((await textsOfDay(h.db, schoolId, "2026-12-07")).find((x) => x.messageId === t.messageId)!.delivery).toBe("permanent-failure");

    fake.failNext(400);
    const bad = await textFamily(h.db, lead, schoolId, ben, "2026-12-07", ctx());
    await deliver();
    [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, bad.messageId));
    expect(row).toMatchObject({ status: "failed", lastError: "400 BadRequestError" });
  });

  it("counts texts by length against the allowance, and refuses past it", async () => {
    const used = await textAllowance(h.db, schoolId, clock);
    // Amy's and Ben's two sent texts, each one text or two by length; the failed one is not counted.
    const sentFragments = (await h.db.select().from(outboxMessages).where(and(eq(outboxMessages.schoolId, schoolId), eq(outboxMessages.status, "sent")))).reduce((n, r) => n + r.fragments, 0);
    expect(used).toMatchObject({ allowance: 5000, used: sentFragments, since: "2026-04-01" });
    expect(sentFragments).toBeGreaterThanOrEqual(2);
    await h.db.execute(`update schools set text_allowance = ${sentFragments} where id = '${schoolId}'`);
    await expect(textFamily(h.db, lead, schoolId, amy, "2026-12-07", ctx())).rejects.toBeInstanceOf(Conflict);
    await h.db.execute(`update schools set text_allowance = 5000 where id = '${schoolId}'`);
  });
});

describe("replies", () => {
  it("sends in the school's own words from its edited template, and refuses a placeholder a text may not carry, naming it", async () => {
    await expect(saveLetterTemplate(h.db, lead, schoolId, "family_text", "Text", "{{child.name}} was absent; {{reply.link}}", clock)).rejects.toThrow(/body: \{\{child\.name\}\} is not filled in on this letter \(family text\)/);
    await expect(saveLetterTemplate(h.db, lead, schoolId, "family_text", "Text", "About the concern: {{concern.summary}}", clock)).rejects.toThrow(/\{\{concern\.summary\}\}/);
    await saveLetterTemplate(h.db, lead, schoolId, "family_text", "Text", "Hello from {{school.name}}. Is {{child.firstName}} well? {{date}} {{reply.link}}", clock);
    const t = await textFamily(h.db, lead, schoolId, ben, "2026-12-07", ctx());
    const [row] = await h.db.select().from(outboxMessages).where(eq(outboxMessages.id, t.messageId));
    expect(row!.body).toMatch(/^Hello from Burgh Primary\. Is Ben well\? 2026-12-07 https:\/\/doorstep\.example\/r\/[A-Za-z0-9_-]{43}$/);
    expect(await h.db.select().from(auditEvents).where(eq(auditEvents.action, "letter_template_saved"))).toHaveLength(1);
    await h.db.delete(letterTemplates).where(eq(letterTemplates.schoolId, schoolId));
  });

  it("reads a reply by text once, matched to the child by number, tells the attendance lead, and waits for a person to confirm", async () => {
    fake.receive("+44 7700 900222", "Amy has a cold, back Wednesday");
    fake.receive("07700 900999", "Wrong number");
    expect(await readReceivedTexts(h.db, messenger)).toBe(1);
    expect(await readReceivedTexts(h.db, messenger)).toBe(0);
    const replies = await repliesOfPupil(h.db, schoolId, amy);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ source: "text", body: "Amy has a cold, back Wednesday", fromNumber: "07700900222", confirmed: false });
    expect(await h.db.select().from(notifications).where(and(eq(notifications.userId, lead.id), eq(notifications.kind, "family_reply")))).toHaveLength(1);
    // Not "reached" until a person says so.
    expect(await h.db.select().from(contactAttempts).where(and(eq(contactAttempts.pupilId, amy), eq(contactAttempts.reached, true)))).toHaveLength(0);

    const { contactAttemptId } = await confirmReply(h.db, lead, schoolId, replies[0]!.id, "2026-12-07", clock);
    const [a] = await h.db.select().from(contactAttempts).where(eq(contactAttempts.id, contactAttemptId));
    expect(a).toMatchObject({ reached: true, method: "text", recordedBy: lead.id });
    expect(await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "family_reply_confirmed"), eq(auditEvents.entityId, replies[0]!.id)))).toHaveLength(1);
    await expect(confirmReply(h.db, lead, schoolId, replies[0]!.id, "2026-12-07", clock)).rejects.toBeInstanceOf(Conflict);
  });

  it("the reply link shows only the school and first name, takes the family's answer, and says nothing when wrong or expired", async () => {
    const token = await h.db.transaction((tx) => createReplyLink(tx, schoolId, ben, clock));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await viewReplyLink(h.db, token, clock)).toEqual({ schoolName: "Burgh Primary", firstName: "Ben" });
    await answerReplyLink(h.db, token, { safeAndWell: true, reasonAbsent: "Dentist", returnDate: "2026-12-08", callbackNumber: "07700 900444" }, clock);
    const [r] = await h.db.select().from(familyReplies).where(and(eq(familyReplies.pupilId, ben), eq(familyReplies.source, "link")));
    expect(r).toMatchObject({ safeAndWell: true, reasonAbsent: "Dentist", returnDate: "2026-12-08", callbackNumber: "07700 900444" });

    const later = new Date(clock.getTime() + 14 * 86_400_000 + 1000);
    await expect(viewReplyLink(h.db, token, later)).rejects.toBeInstanceOf(NotFound);
    await expect(viewReplyLink(h.db, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), clock)).rejects.toBeInstanceOf(NotFound);
    await expect(viewReplyLink(h.db, "short", clock)).rejects.toBeInstanceOf(NotFound);
  });
});
