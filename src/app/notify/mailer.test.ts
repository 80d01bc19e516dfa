import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMailer, MailerConfigError, MailSendError, NOT_CONFIGURED_DESCRIPTION, smtpTransportOptions, type MailMessage } from "./mailer";

interface Received {
  mailFrom: string | null;
  rcptTo: string[];
  user: unknown;
  raw: string;
}

// A real SMTP listener on loopback: what the mailer sends is what a mail server gets.
const received: Received[] = [];
const REFUSED = "refused@school.example";
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to offer, and PLAIN auth allowed over it.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = auth.username === "doorstep" && (auth.password === "s3cret" || auth.password === "p@ss:w/rd%");
      if (ok) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      callback(address.address === REFUSED ? new Error("No such user") : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          mailFrom: from === false ? null : from.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

const FROM = "Doorstep <noreply@doorstep.invalid>";
const pdf = Buffer.from("%PDF-1.3\n% a stand-in for a visit list\n%%EOF\n");

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: ["head@school.example", "dsl@school.example"],
    subject: "Home visit list for approval",
    text: "The list for Tuesday is attached.",
    attachments: [{ filename: "visit-list.pdf", content: pdf, contentType: "application/pdf" }],
    ...overrides,
  };
}

/** The base64 body of the MIME part whose headers name `filename`, decoded. */
function attachmentBytes(raw: string, filename: string): Buffer {
  const part = raw.split(/\r\n--[^\r\n]+/).find((p) => p.includes(`filename=${filename}`));
  if (part === undefined) throw new Error(`no part named ${filename}`);
  const body = part.slice(part.indexOf("\r\n\r\n") + 4);
  return Buffer.from(body.replace(/\s+/g, ""), "base64");
}

describe("createMailer with an SMTP URL", () => {
  it("delivers to exactly the recipients, with the subject and the attachment", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    expect(mailer.configured).toBe(true);
    expect(mailer.description).toBe(`Email is sent through smtp://127.0.0.1:${port} (loopback, no TLS) from ${FROM}`);

    const result = await mailer.send(message());

    expect(result.accepted).toEqual(["head@school.example", "dsl@school.example"]);
    expect(result.messageId).toMatch(/^<.+@.+>$/);
    expect(received).toHaveLength(1);
    const [mail] = received as [Received];
    expect(mail.mailFrom).toBe("noreply@doorstep.invalid");
    expect(mail.rcptTo).toEqual(["head@school.example", "dsl@school.example"]);
    expect(mail.raw).toMatch(/^Subject: Home visit list for approval\r$/m);
    expect(mail.raw).toMatch(/^From: Doorstep <noreply@doorstep\.invalid>\r$/m);
    expect(mail.raw).toContain(`Message-ID: ${result.messageId}`);
    expect(mail.raw).toMatch(/Content-Type: application\/pdf; name=visit-list\.pdf/);
    expect(mail.raw).toMatch(/Content-Disposition: attachment; filename=visit-list\.pdf/);
    expect(attachmentBytes(mail.raw, "visit-list.pdf").equals(pdf)).toBe(true);
  });

  it("sends the HTML alternative when given one", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    await mailer.send(message({ attachments: [], html: "<p>The list for <b>Tuesday</b>.</p>" }));
    const [mail] = received as [Received];
    expect(mail.raw).toContain("Content-Type: text/plain");
    expect(mail.raw).toContain("Content-Type: text/html");
  });

  it("logs in with the credentials in the URL", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://doorstep:s3cret@127.0.0.1:${port}`, from: FROM });
    expect(mailer.description).not.toContain("s3cret");
    await mailer.send(message({ to: ["head@school.example"] }));
    expect(received.map((m) => m.user)).toEqual(["doorstep"]);
  });

  it("decodes a percent-encoded password", async () => {
    const password = encodeURIComponent("p@ss:w/rd%");
    await createMailer({ smtpUrl: `smtp://doorstep:${password}@127.0.0.1:${port}`, from: FROM }).send(message({ to: ["head@school.example"] }));
    expect(received.map((m) => m.user)).toEqual(["doorstep"]);
  });

  it("fails, sending nothing, when the server refuses the login", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://doorstep:wrong@127.0.0.1:${port}`, from: FROM });
    const error = await mailer.send(message()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ code: "EAUTH", responseCode: 535, retryable: false });
    expect(received).toHaveLength(0);
  });

  it("fails without naming the addresses when the server refuses every recipient", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    const error = await mailer.send(message({ to: [REFUSED] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ code: "EENVELOPE", retryable: false });
    expect(String((error as Error).message)).not.toContain(REFUSED);
    expect(error).not.toHaveProperty("cause");
    expect(received).toHaveLength(0);
  });

  it("fails with a connection error when no server listens", async () => {
    const closed = new SMTPServer({ disabledCommands: ["STARTTLS"], logger: false });
    const closedPort = await new Promise<number>((resolve) => closed.listen(0, "127.0.0.1", () => resolve((closed.server.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createMailer({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: FROM }).send(message()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MailSendError", code: "ESOCKET", retryable: true });
  });

  it("reports only the recipients the server accepted", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    const result = await mailer.send(message({ to: ["head@school.example", REFUSED] }));
    expect(result.accepted).toEqual(["head@school.example"]);
    expect(received.map((m) => m.rcptTo)).toEqual([["head@school.example"]]);
  });

  it("refuses a message with no recipient", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    await expect(mailer.send(message({ to: [] }))).rejects.toThrow(RangeError);
    expect(received).toHaveLength(0);
  });

  it("describes a remote server and its security without the password", () => {
    const starttls = createMailer({ smtpUrl: "smtp://doorstep:s3cret@mail.example.org:587", from: FROM });
    expect(starttls.description).toBe(`Email is sent through smtp://mail.example.org:587 (STARTTLS required) from ${FROM}`);
    const tls = createMailer({ smtpUrl: "smtps://doorstep:s3cret@mail.example.org", from: FROM });
    expect(tls.description).toBe(`Email is sent through smtps://mail.example.org (TLS) from ${FROM}`);
  });

  it("requires STARTTLS for plain smtp:// over the network, and skips TLS only on loopback", () => {
    expect(smtpTransportOptions("smtp://doorstep:s3cret@mail.example.org:587")).toMatchObject({ requireTLS: true, ignoreTLS: false });
    expect(smtpTransportOptions("smtps://mail.example.org")).toMatchObject({ requireTLS: false, ignoreTLS: false });
    for (const host of ["127.0.0.1", "127.0.0.53", "localhost", "[::1]"]) {
      expect(smtpTransportOptions(`smtp://${host}:25`)).toMatchObject({ requireTLS: false, ignoreTLS: true });
    }
    expect(smtpTransportOptions("smtp://127.0.0.1.example.org:25")).toMatchObject({ requireTLS: true });
  });

  it.each(["not a url s3cret", "https://doorstep:s3cret@mail.example.org", "smtp://"])("refuses SMTP_URL %s without echoing a password", (smtpUrl) => {
    let error: unknown;
    try {
      createMailer({ smtpUrl, from: FROM });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailerConfigError);
    expect((error as Error).message).not.toContain("s3cret");
  });
});

describe("createMailer without an SMTP URL", () => {
  it.each([undefined, "", "  "])("with smtpUrl %j says email is not configured and sends nothing", async (smtpUrl) => {
    const mailer = createMailer({ smtpUrl, from: FROM });
    expect(mailer.configured).toBe(false);
    expect(mailer.description).toBe(NOT_CONFIGURED_DESCRIPTION);
    expect(mailer.description).toBe("Email is not configured (set SMTP_URL): messages are kept in Doorstep but not sent");
    await expect(mailer.send(message())).resolves.toEqual({ accepted: [], messageId: null });
    expect(received).toHaveLength(0);
  });

  it("still refuses a message with no recipient", async () => {
    await expect(createMailer({ from: FROM }).send(message({ to: [] }))).rejects.toThrow(RangeError);
  });
});
