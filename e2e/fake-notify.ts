/**
 * The loopback stand-in for GOV.UK Notify in the browser tests (src/test/fake-notify-main.ts):
 * Notify's API on E2E_PORT+86, the tests' controls on E2E_PORT+87. playwright.config.ts starts
 * it and points the server under test at it through the variables production uses; the key
 * and template ids are the fake's own, not secrets.
 */
import { expect, request } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

export const FAKE_NOTIFY = {
  port: PORT + 86,
  controlPort: PORT + 87,
  apiKey: "doorstep_e2e-e2e0a0f1-0000-4000-8000-00000000a001-e2e0a0f1-0000-4000-8000-00000000a002",
  smsTemplateId: "e2e0a0f1-0000-4000-8000-00000000a003",
  emailTemplateId: "e2e0a0f1-0000-4000-8000-00000000a004",
};

/** The server's variables, as production sets them for the real Notify (replies and delivery read every 2 s). */
export const NOTIFY_ENV = `NOTIFY_API_KEY=${FAKE_NOTIFY.apiKey} NOTIFY_SMS_TEMPLATE_ID=${FAKE_NOTIFY.smsTemplateId} NOTIFY_EMAIL_TEMPLATE_ID=${FAKE_NOTIFY.emailTemplateId} NOTIFY_BASE_URL=http://127.0.0.1:${FAKE_NOTIFY.port} NOTIFY_POLL_SECONDS=2`;

export const FAKE_NOTIFY_COMMAND = `FAKE_NOTIFY_PORT=${FAKE_NOTIFY.port} FAKE_NOTIFY_CONTROL_PORT=${FAKE_NOTIFY.controlPort} FAKE_NOTIFY_API_KEY=${FAKE_NOTIFY.apiKey} FAKE_NOTIFY_SMS_TEMPLATE_ID=${FAKE_NOTIFY.smsTemplateId} FAKE_NOTIFY_EMAIL_TEMPLATE_ID=${FAKE_NOTIFY.emailTemplateId} npx tsx src/test/fake-notify-main.ts`;

export interface FakeNotifySent {
  type: "sms" | "email";
  to: string;
  personalisation: { message: string; subject?: string };
  reference: string | null;
  status: string;
}

async function control<T>(method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const ctx = await request.newContext({ baseURL: `http://127.0.0.1:${FAKE_NOTIFY.controlPort}` });
  try {
    const res = await ctx.fetch(path, { method, data });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as T;
  } finally {
    await ctx.dispose();
  }
}

export const fakeNotify = {
  /** Texts to this number end in permanent-failure, as Notify reports a number that does not exist. */
  permanentFailure: (number: string) => control("POST", "/permanent-failure", { number }),
  /** A family texts the school's number back. */
  receive: (from: string, content: string) => control("POST", "/receive", { from, content }),
  sent: async () => (await control<{ sent: FakeNotifySent[] }>("GET", "/sent")).sent,
};
