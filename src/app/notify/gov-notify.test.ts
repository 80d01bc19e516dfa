import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeNotify } from "../../test/fake-notify";
import { createNotifyMessenger, normalisePhone, NotifyError, NotifyKeyError, parseNotifyKey, textFragments } from "./gov-notify";

let fake: FakeNotify;
beforeAll(async () => {
  fake = await new FakeNotify().start();
});
afterAll(() => fake.close());

const messenger = (apiKey = fake.apiKey) => createNotifyMessenger({ apiKey, baseUrl: fake.url, smsTemplateId: fake.smsTemplateId, emailTemplateId: fake.emailTemplateId });

describe("GOV.UK Notify client against the loopback Notify", () => {
  it("sends a text with the template, the message and the reference, signed as Notify checks", async () => {
    const ref = randomUUID();
    const { id } = await messenger().sendSms("07700 900123", "We called today about Amy.", ref);
    const sent = fake.sent.find((s) => s.id === id)!;
    expect(sent).toMatchObject({ type: "sms", to: "07700 900123", templateId: fake.smsTemplateId, personalisation: { message: "We called today about Amy." }, reference: ref });
    expect(await messenger().status(id)).toBe("sending");
    fake.settle();
    expect(await messenger().status(id)).toBe("delivered");
  });

  it("sends an email with subject and message", async () => {
    const { id } = await messenger().sendEmail("parent@example.com", "We called today", "Please get in touch.", "r1");
    expect(fake.sent.find((s) => s.id === id)).toMatchObject({ type: "email", personalisation: { subject: "We called today", message: "Please get in touch." } });
  });

  it("is refused (403, not retryable) when signed with the wrong secret or service", async () => {
    const wrongSecret = `doorstep_test-${fake.serviceId}-${randomUUID()}`;
    await expect(messenger(wrongSecret).sendSms("07700900123", "x", "r")).rejects.toMatchObject({ status: 403, code: "AuthError", retryable: false });
    const wrongService = `doorstep_test-${randomUUID()}-${fake.secret}`;
    await expect(messenger(wrongService).status(randomUUID())).rejects.toMatchObject({ status: 403 });
  });

  it("maps 400, 429 and 500 to typed errors, only 429 and 500 worth another try", async () => {
    fake.failNext(400, 429, 500);
    const m = messenger();
    await expect(m.sendSms("07700900123", "x", "r")).rejects.toMatchObject({ status: 400, code: "BadRequestError", retryable: false });
    await expect(m.sendSms("07700900123", "x", "r")).rejects.toMatchObject({ status: 429, code: "RateLimitError", retryable: true });
    await expect(m.sendSms("07700900123", "x", "r")).rejects.toMatchObject({ status: 500, code: "Exception", retryable: true });
    // Not a UK mobile: Notify's own 400.
    await expect(m.sendSms("01632 960001", "x", "r")).rejects.toBeInstanceOf(NotifyError);
  });

  it("reads received texts newest first, paging with older_than", async () => {
    for (let i = 0; i < 3; i++) fake.receive("07700 900456", `reply ${i}`);
    const { texts } = await messenger().receivedTexts();
    expect(texts.slice(0, 3).map((t) => t.content)).toEqual(["reply 2", "reply 1", "reply 0"]);
    expect(normalisePhone(texts[0]!.userNumber)).toBe("07700900456");
    const older = await messenger().receivedTexts(texts[0]!.id);
    expect(older.texts[0]!.content).toBe("reply 1");
  });

  it("a network failure is retryable", async () => {
    const m = createNotifyMessenger({ apiKey: fake.apiKey, baseUrl: "http://127.0.0.1:1", smsTemplateId: fake.smsTemplateId });
    await expect(m.sendSms("07700900123", "x", "r")).rejects.toMatchObject({ status: 0, retryable: true });
  });
});

describe("keys, numbers and lengths", () => {
  it("splits a key into service id and secret, and refuses what is not a key", () => {
    const s = randomUUID(), k = randomUUID();
    expect(parseNotifyKey(`my_key-${s}-${k}`)).toEqual({ serviceId: s, secret: k });
    expect(() => parseNotifyKey("not-a-key")).toThrow(NotifyKeyError);
  });
  it("counts texts as Notify does", () => {
    expect(textFragments("a".repeat(160))).toBe(1);
    expect(textFragments("a".repeat(161))).toBe(2);
    expect(textFragments("a".repeat(307))).toBe(3);
  });
  it("compares numbers in one form", () => {
    expect(normalisePhone("+44 7700 900123")).toBe("07700900123");
    expect(normalisePhone("447700900123")).toBe("07700900123");
    expect(normalisePhone("07700 900 123")).toBe("07700900123");
  });
});
