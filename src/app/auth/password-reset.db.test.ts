/**
 * A forgotten password, through the real API with a real SMTP listener: the same
 * answer for any address, a link by email for an account, a new password that
 * meets the policy, every old session ended, the link good once and for 30
 * minutes, and the token never in the audit trail or left in the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, outboxMessages } from "../../db/schema";
import { signedInServer, type SignedInServer } from "../../test/signed-in-server";
import { startSmtpListener } from "../../test/smtp-listener";
import { TestClient } from "../../test/http-client";

let s: SignedInServer<"ada">;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;

function linkIn(raw: string): string {
  const token = /reset-password#([A-Za-z0-9_=-]+)/.exec(raw.replace(/=\r?\n/g, ""))?.[1];
  if (!token) throw new Error("no link in the email");
  return token;
}

async function ask(email: string) {
  return new TestClient(s.server.url).request("POST", "/api/auth/password-reset", { email });
}

beforeAll(async () => {
  smtp = await startSmtpListener();
  s = await signedInServer({ ada: ["headteacher"] }, { SMTP_URL: smtp.url });
});
afterAll(async () => {
  await s?.close();
  await smtp?.close();
});

describe("password reset", () => {
  it("answers the same for an unknown address and sends nothing", async () => {
    const known = await ask(s.staff.ada.email);
    const unknown = await ask("nobody@nowhere.example");
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await expect.poll(() => smtp.received.filter((m) => m.rcptTo.includes(s.staff.ada.email)).length).toBe(1);
    expect(smtp.received.some((m) => m.rcptTo.includes("nobody@nowhere.example"))).toBe(false);
  });

  it("sets a new password with the link, ends the old sessions, and works once", async () => {
    const mail = smtp.received.find((m) => m.rcptTo.includes(s.staff.ada.email))!;
    const token = linkIn(mail.raw);
    const anon = new TestClient(s.server.url);
    const weak = await anon.request("POST", "/api/auth/password-reset/complete", { token, password: "password12" });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe("password");

    expect((await s.staff.ada.client.request("GET", "/api/session")).status).toBe(200);
    const done = await anon.request("POST", "/api/auth/password-reset/complete", { token, password: "a long new passphrase for Ada" });
    expect(done.status, done.text).toBe(200);
    expect(done.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await s.staff.ada.client.request("GET", "/api/session")).status).toBe(401);
    expect((await new TestClient(s.server.url).login(s.staff.ada.email, "a long new passphrase for Ada")).status).toBe(200);

    const again = await anon.request("POST", "/api/auth/password-reset/complete", { token, password: "another long passphrase here" });
    expect(again.status).toBe(400);
    expect(again.body.field).toBe("token");

    const audit = JSON.stringify(await s.db.db.select().from(auditEvents));
    expect(audit).toContain("password_reset");
    expect(audit).not.toContain(token);
    const kept = await s.db.db.select().from(outboxMessages).where(eq(outboxMessages.kind, "password_reset"));
    expect(JSON.stringify(kept)).not.toContain(token);
  });

  it("refuses a link older than 30 minutes", async () => {
    smtp.received.length = 0;
    await ask(s.staff.ada.email);
    await expect.poll(() => smtp.received.length).toBe(1);
    const token = linkIn(smtp.received[0]!.raw);
    s.server.clock.now = new Date(s.server.clock.now.getTime() + 31 * 60_000);
    const late = await new TestClient(s.server.url).request("POST", "/api/auth/password-reset/complete", { token, password: "a long new passphrase for Ada 2" });
    expect(late.status).toBe(400);
    expect(late.body.field).toBe("token");
  });
});
