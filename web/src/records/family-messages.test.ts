import { describe, expect, it } from "vitest";
import { contactWords, failedMessage, replyWords, sendProgress, stillMoving, textState } from "./family-messages";

describe("texts and emails to families, in words", () => {
  it("says how a text or an email stands, an email by SMTP apart from one through Notify", () => {
    expect(textState({ status: "queued", delivery: null, channel: "sms" })).toBe("waiting to send");
    expect(textState({ status: "sent", delivery: "permanent-failure", channel: "sms" })).toBe("permanent failure");
    expect(textState({ status: "sent", delivery: "delivered", channel: "email" })).toBe("delivered");
    expect(textState({ status: "sent", delivery: null, channel: "email" })).toBe("sent by the school's email server");
    expect(textState({ status: "not_configured", delivery: null, channel: "sms" })).toBe("not sent: texts are not configured");
  });

  it("counts a send's progress: delivered, failed, still on their way", () => {
    const rows = [
      { status: "sent", delivery: "delivered" },
      { status: "sent", delivery: "delivered" },
      { status: "sent", delivery: "permanent-failure" },
      { status: "failed", delivery: null },
      { status: "sent", delivery: "sending" },
      { status: "queued", delivery: null },
    ];
    expect(sendProgress(rows, "Texts")).toBe("Texts: 2 delivered, 2 failed, 2 still on their way.");
    expect(sendProgress([{ status: "sent", delivery: null }], "Emails")).toBe("Emails: 0 delivered, 1 sent, 0 failed, 0 still on their way.");
    expect(rows.map(failedMessage)).toEqual([false, false, true, true, false, false]);
    expect(rows.map(stillMoving)).toEqual([false, false, false, false, true, true]);
  });

  it("puts a text, an email and a call on the timeline apart, and a reply waiting for staff", () => {
    const base = { reached: false, reasonGiven: null, by: "Aoife Byrne" };
    expect(contactWords({ ...base, method: "text", to: "07700 900401", delivery: "delivered" })).toBe("text to 07700 900401: sent (delivered), by Aoife Byrne");
    expect(contactWords({ ...base, method: "email", to: "a@example.org", delivery: "permanent-failure" })).toBe("email to a@example.org: sent (permanent failure), by Aoife Byrne");
    expect(contactWords({ ...base, method: "phone", to: null, delivery: null })).toBe("phone: no answer, by Aoife Byrne");
    expect(replyWords({ source: "link", confirmed: false })).toBe("reply from the family (reply link), waiting for staff");
  });
});
