/**
 * The loopback stand-in for GOV.UK Notify (src/test/fake-notify.ts) as a process
 * of its own, for the browser tests: playwright.config.ts starts it before the
 * server under test and gives the server the same key and template ids through
 * NOTIFY_API_KEY, NOTIFY_SMS_TEMPLATE_ID, NOTIFY_EMAIL_TEMPLATE_ID and
 * NOTIFY_BASE_URL, as production sets them for the real Notify.
 *
 * It speaks only Notify's API on FAKE_NOTIFY_PORT. The tests steer it on a second
 * port, FAKE_NOTIFY_CONTROL_PORT (never part of Notify's API):
 *   POST /permanent-failure {"number"}   texts to that number end in permanent-failure
 *   POST /receive {"from", "content"}    a family texts the school's number
 *   GET  /sent                           what was sent, newest last
 *   GET  /health
 * Delivery settles by itself a moment after each send, as a phone network reports.
 */
import { createServer } from "node:http";
import { FakeNotify } from "./fake-notify";

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} must be set`);
  return v;
};
const key = /^[A-Za-z0-9_-]+-([0-9a-f-]{36})-([0-9a-f-]{36})$/.exec(env("FAKE_NOTIFY_API_KEY"));
if (!key) throw new Error("FAKE_NOTIFY_API_KEY: a Notify-shaped key (name, service id and secret)");

const fake = await new FakeNotify({ serviceId: key[1]!, secret: key[2]!, smsTemplateId: env("FAKE_NOTIFY_SMS_TEMPLATE_ID"), emailTemplateId: env("FAKE_NOTIFY_EMAIL_TEMPLATE_ID") }).start(Number(env("FAKE_NOTIFY_PORT")));
const settling = setInterval(() => fake.settle(), 1000);

const control = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    let body: Record<string, string> = {};
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>) : {};
    } catch {
      return send(400, { error: "JSON, please" });
    }
    const route = `${req.method} ${req.url}`;
    if (route === "GET /health") return send(200, { ok: true, notify: fake.url });
    if (route === "GET /sent") return send(200, { sent: fake.sent });
    if (route === "POST /permanent-failure" && body.number) {
      fake.permanentFailure(body.number);
      return send(200, { ok: true });
    }
    if (route === "POST /receive" && body.from && body.content) {
      fake.receive(body.from, body.content);
      return send(200, { ok: true });
    }
    send(404, { error: `no such control: ${route}` });
  });
});
await new Promise<void>((r) => control.listen(Number(env("FAKE_NOTIFY_CONTROL_PORT")), "127.0.0.1", r));
process.stdout.write(`Fake GOV.UK Notify (a stand-in for tests; not Notify) at ${fake.url}\n`);

const stop = () => {
  clearInterval(settling);
  control.close();
  void fake.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
