/**
 * GOV.UK Notify, through its maintained client (notifications-node-client).
 *
 * A Notify API key is `{key name}-{service id}-{secret}`: the client signs every
 * request with a JWT (HS256, the secret as key, iss = service id, iat = now).
 * Texts use one template the school's Notify service holds, whose whole body is
 * the placeholder ((message)): the words are Doorstep's, checked here, so the
 * template never needs changing. Emails likewise with ((subject)) and ((message)).
 *
 * Errors come back typed: 429 and 5xx are worth another try (the outbox backs
 * off); 400 and 403 are not (a bad number, a bad key) and the message fails.
 */
import notify from "notifications-node-client";

export interface NotifySettings {
  apiKey: string;
  /** Default https://api.notifications.service.gov.uk; the tests point it at a loopback server. */
  baseUrl?: string | undefined;
  smsTemplateId: string;
  emailTemplateId?: string | undefined;
}

/** Notify's delivery states (its API documentation), as Doorstep shows them. */
export type NotifyDeliveryStatus = "created" | "sending" | "pending" | "sent" | "delivered" | "permanent-failure" | "temporary-failure" | "technical-failure" | "accepted" | "received";

export const FINAL_DELIVERY: ReadonlySet<string> = new Set(["delivered", "permanent-failure", "temporary-failure", "technical-failure"]);

export interface ReceivedText {
  id: string;
  /** The sender's number as Notify gives it (447700900123). */
  userNumber: string;
  content: string;
  createdAt: string;
}

export class NotifyError extends Error {
  constructor(
    readonly status: number,
    /** Notify's error name (BadRequestError, AuthError, RateLimitError, TooManyRequestsError, Exception), never the message (it can quote a number). */
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`GOV.UK Notify answered ${status} ${code}`);
    this.name = "NotifyError";
  }
}

export interface FamilyMessenger {
  readonly configured: true;
  readonly description: string;
  /** Whether family emails go through Notify too (an email template is set); otherwise they go by SMTP. */
  readonly sendsEmail: boolean;
  sendSms(to: string, message: string, reference: string): Promise<{ id: string }>;
  sendEmail(to: string, subject: string, message: string, reference: string): Promise<{ id: string }>;
  status(notificationId: string): Promise<NotifyDeliveryStatus>;
  /** Newest first, up to 250 a page; `olderThan` pages back. */
  receivedTexts(olderThan?: string): Promise<{ texts: ReceivedText[]; more: boolean }>;
}

const KEY = /^[A-Za-z0-9_-]+-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export class NotifyKeyError extends Error {
  readonly field = "NOTIFY_API_KEY";
  constructor() {
    super("NOTIFY_API_KEY: must be a GOV.UK Notify API key (key name, service id and secret, joined by hyphens)");
    this.name = "NotifyKeyError";
  }
}

export function parseNotifyKey(apiKey: string): { serviceId: string; secret: string } {
  const m = KEY.exec(apiKey.trim());
  if (!m) throw new NotifyKeyError();
  return { serviceId: m[1]!, secret: m[2]! };
}

function mapError(e: unknown): Error {
  const r = (e as { response?: { status?: number; data?: { errors?: { error?: string }[] } } }).response;
  if (r?.status) {
    const code = r.data?.errors?.[0]?.error ?? "Error";
    return new NotifyError(r.status, code, r.status === 429 || r.status >= 500);
  }
  // No answer at all (refused, reset, timed out): try again later.
  return new NotifyError(0, (e as { code?: string }).code ?? "NetworkError", true);
}

async function call<T>(p: Promise<{ data: T }>): Promise<T> {
  try {
    return (await p).data;
  } catch (e) {
    throw mapError(e);
  }
}

export function createNotifyMessenger(s: NotifySettings): FamilyMessenger {
  const { serviceId } = parseNotifyKey(s.apiKey);
  const client = s.baseUrl ? new notify.NotifyClient(s.baseUrl, s.apiKey) : new notify.NotifyClient(s.apiKey);
  return {
    configured: true,
    description: `GOV.UK Notify (service ${serviceId}${s.emailTemplateId ? "; texts and family emails" : "; texts"})`,
    sendsEmail: Boolean(s.emailTemplateId),
    async sendSms(to, message, reference) {
      const data = await call(client.sendSms(s.smsTemplateId, to, { personalisation: { message }, reference }));
      return { id: data.id };
    },
    async sendEmail(to, subject, message, reference) {
      if (!s.emailTemplateId) throw new NotifyError(0, "NoEmailTemplate", false);
      const data = await call(client.sendEmail(s.emailTemplateId, to, { personalisation: { subject, message }, reference }));
      return { id: data.id };
    },
    async status(id) {
      const data = await call(client.getNotificationById(id));
      return data.status as NotifyDeliveryStatus;
    },
    async receivedTexts(olderThan) {
      const data = await call(
        client.getReceivedTexts(olderThan) as Promise<{ data: { received_text_messages: { id: string; user_number: string; content: string; created_at: string }[]; links: { next?: string } } }>,
      );
      return {
        texts: data.received_text_messages.map((t) => ({ id: t.id, userNumber: t.user_number, content: t.content, createdAt: t.created_at })),
        more: Boolean(data.links?.next) && data.received_text_messages.length > 0,
      };
    },
  };
}

/** A UK mobile as Notify gives it back (447700900123) and as a school keeps it (07700 900123): one form to compare. */
export function normalisePhone(n: string): string {
  const digits = n.replace(/[^0-9+]/g, "").replace(/^\+/, "");
  if (digits.startsWith("44")) return "0" + digits.slice(2);
  if (digits.startsWith("0044")) return "0" + digits.slice(4);
  return digits;
}

/** Notify counts a text over 160 characters as more than one (153 a part once split). */
export function textFragments(message: string): number {
  const n = [...message].length;
  return n <= 160 ? 1 : Math.ceil(n / 153);
}
