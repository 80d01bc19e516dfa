/**
 * A loopback stand-in for GOV.UK Notify's API (v2), checking what Notify checks
 * and answering as its API documentation shows. It verifies the bearer JWT on
 * its own (HS256 with the key's secret, iss = the service id, iat within 30 s),
 * the request bodies of POST /v2/notifications/sms and /email, and serves
 * GET /v2/notifications/{id} and GET /v2/received-text-messages.
 *
 * Tests steer it: `failNext(status)` makes the next send answer 400/403/429/500,
 * `permanentFailure(number)` makes texts to a number end in permanent-failure,
 * `receive(from, content)` is a family texting the school's number.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeNotifySent {
  id: string;
  type: "sms" | "email";
  to: string;
  templateId: string;
  personalisation: Record<string, string>;
  reference: string | null;
  status: string;
  createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UK_MOBILE = /^(\+44|0044|44|0)7\d{9}$/;

const ERRORS: Record<number, { error: string; message: string }> = {
  400: { error: "BadRequestError", message: "Can't send to this recipient using a team-only API key" },
  403: { error: "AuthError", message: "Invalid token: API key not found" },
  429: { error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds" },
  500: { error: "Exception", message: "Internal server error" },
};

/** Fixed ids, for a fake the server under test is started against (src/test/fake-notify-main.ts); random otherwise. */
export interface FakeNotifyIds {
  serviceId?: string;
  secret?: string;
  smsTemplateId?: string;
  emailTemplateId?: string;
}

export class FakeNotify {
  readonly serviceId: string;
  readonly secret: string;
  readonly apiKey: string;
  readonly smsTemplateId: string;
  readonly emailTemplateId: string;
  readonly sent: FakeNotifySent[] = [];
  readonly received: { id: string; user_number: string; notify_number: string; content: string; created_at: string; service_id: string }[] = [];
  /** Every request's method and path, and why any was refused. */
  readonly log: { method: string; path: string; status: number }[] = [];
  private failures: number[] = [];
  private failingNumbers = new Set<string>();
  private server = createServer((req, res) => void this.handle(req, res));
  url = "";

  constructor(ids: FakeNotifyIds = {}) {
    this.serviceId = ids.serviceId ?? randomUUID();
    this.secret = ids.secret ?? randomUUID();
    this.apiKey = `doorstep_test-${this.serviceId}-${this.secret}`;
    this.smsTemplateId = ids.smsTemplateId ?? randomUUID();
    this.emailTemplateId = ids.emailTemplateId ?? randomUUID();
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((r) => this.server.listen(port, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  permanentFailure(number: string): void {
    this.failingNumbers.add(digits(number));
  }

  receive(fromNumber: string, content: string): void {
    const d = digits(fromNumber);
    this.received.unshift({ id: randomUUID(), user_number: d.startsWith("0") ? "44" + d.slice(1) : d, notify_number: "07700900000", content, created_at: new Date().toISOString(), service_id: this.serviceId });
  }

  /** Delivery moves on as a phone network reports: everything still sending is settled. */
  settle(): void {
    for (const s of this.sent) if (s.status === "sending") s.status = this.failingNumbers.has(digits(s.to)) ? "permanent-failure" : "delivered";
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const answer = (status: number, body: unknown) => {
      this.log.push({ method: req.method ?? "", path: url.pathname, status });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const fail = (status: number, message?: string) => answer(status, { status_code: status, errors: [{ error: ERRORS[status]!.error, message: message ?? ERRORS[status]!.message }] });
    const authError = this.checkToken(req.headers.authorization);
    if (authError) return fail(403, authError);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === "POST" && (url.pathname === "/v2/notifications/sms" || url.pathname === "/v2/notifications/email")) {
      const forced = this.failures.shift();
      if (forced) return fail(forced);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return fail(400, "Invalid JSON supplied in POST data");
      }
      const type = url.pathname.endsWith("sms") ? "sms" : "email";
      // Notify's JSON schemas for POST /v2/notifications/{sms,email}: no property but these.
      const allowed = type === "sms" ? ["phone_number", "template_id", "personalisation", "reference", "sms_sender_id"] : ["email_address", "template_id", "personalisation", "reference", "email_reply_to_id", "one_click_unsubscribe_url"];
      const extra = Object.keys(body).filter((k) => !allowed.includes(k));
      if (extra.length) return fail(400, `Additional properties are not allowed (${extra.map((k) => `'${k}'`).join(", ")} ${extra.length === 1 ? "was" : "were"} unexpected)`);
      const replyTo = body[type === "sms" ? "sms_sender_id" : "email_reply_to_id"];
      if (replyTo !== undefined && (typeof replyTo !== "string" || !UUID.test(replyTo))) return fail(400, `${type === "sms" ? "sms_sender_id" : "email_reply_to_id"} is not a valid UUID`);
      if (body.reference !== undefined && typeof body.reference !== "string") return fail(400, "reference is not of type string");
      const to = body[type === "sms" ? "phone_number" : "email_address"];
      const templateId = body.template_id;
      if (typeof templateId !== "string" || !UUID.test(templateId)) return fail(400, "template_id is not a valid UUID");
      if (templateId !== (type === "sms" ? this.smsTemplateId : this.emailTemplateId)) return fail(400, "Template not found");
      if (typeof to !== "string") return fail(400, `${type === "sms" ? "phone_number" : "email_address"} is a required property`);
      if (type === "sms" && !UK_MOBILE.test(digits(to))) return fail(400, "phone_number Not a UK mobile number");
      if (type === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) return fail(400, "email_address Not a valid email address");
      const personalisation = (body.personalisation ?? {}) as Record<string, string>;
      const needed = type === "sms" ? ["message"] : ["subject", "message"];
      const missing = needed.filter((k) => typeof personalisation[k] !== "string");
      if (missing.length) return fail(400, `Missing personalisation: ${missing.join(", ")}`);
      const reference = typeof body.reference === "string" ? body.reference : null;
      const id = randomUUID();
      this.sent.push({ id, type, to, templateId, personalisation, reference, status: "sending", createdAt: new Date().toISOString() });
      return answer(201, {
        id,
        reference,
        content: type === "sms" ? { body: personalisation.message, from_number: "Doorstep" } : { body: personalisation.message, subject: personalisation.subject, from_email: "school@notifications.service.gov.uk" },
        uri: `${this.url}/v2/notifications/${id}`,
        template: { id: templateId, version: 1, uri: `${this.url}/v2/template/${templateId}` },
      });
    }
    if (req.method === "GET" && url.pathname.startsWith("/v2/notifications/")) {
      const id = url.pathname.slice("/v2/notifications/".length);
      if (!UUID.test(id)) return fail(400, "notification_id is not a valid UUID");
      const n = this.sent.find((s) => s.id === id);
      if (!n) return answer(404, { status_code: 404, errors: [{ error: "NoResultFound", message: "No result found" }] });
      return answer(200, { id: n.id, reference: n.reference, type: n.type, status: n.status, [n.type === "sms" ? "phone_number" : "email_address"]: n.to, body: n.personalisation.message, created_at: n.createdAt, template: { id: n.templateId, version: 1, uri: "" } });
    }
    if (req.method === "GET" && url.pathname === "/v2/received-text-messages") {
      const olderThan = url.searchParams.get("older_than");
      const start = olderThan ? this.received.findIndex((r) => r.id === olderThan) + 1 : 0;
      const page = this.received.slice(start, start + 250);
      const last = page.at(-1);
      return answer(200, { received_text_messages: page, links: { current: `${this.url}/v2/received-text-messages`, ...(last && start + 250 < this.received.length ? { next: `${this.url}/v2/received-text-messages?older_than=${last.id}` } : {}) } });
    }
    answer(404, { status_code: 404, errors: [{ error: "NotFound", message: "Not Found" }] });
  }

  /** Notify's checks, in its words (AuthError messages from its API documentation). */
  private checkToken(header: string | undefined): string | null {
    if (!header?.startsWith("Bearer ")) return "Unauthorized: authentication token must be provided";
    const parts = header.slice(7).split(".");
    if (parts.length !== 3) return "Invalid token: signature, api token not found";
    const [h, p, sig] = parts as [string, string, string];
    let head: { alg?: string; typ?: string }, claims: { iss?: string; iat?: number };
    try {
      head = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    } catch {
      return "Invalid token: signature, api token not found";
    }
    if (head.alg !== "HS256") return "Invalid token: algorithm used is not HS256";
    if (claims.iss !== this.serviceId) return "Invalid token: service not found";
    const expected = createHmac("sha256", this.secret).update(`${h}.${p}`).digest();
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "Invalid token: API key not found";
    if (typeof claims.iat !== "number" || Math.abs(Date.now() / 1000 - claims.iat) > 30) return "Error: Your system clock must be accurate to within 30 seconds";
    return null;
  }
}

function digits(n: string): string {
  return n.replace(/[^0-9+]/g, "");
}
