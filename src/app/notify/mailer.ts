// Sending email: appointment letters, visit lists for approval. A school may run
// Doorstep without email; then every message stays in Doorstep and the mailer says
// so, rather than pretending it was delivered. Messages carry children's names and
// addresses, so nothing here logs a body, a subject or an attachment.
// nodemailer 10 ships its own types (no @types/nodemailer needed).
import { createTransport, type Mail, type NodemailerError, type SMTPSentMessageInfo, type SMTPTransportOptions } from "nodemailer";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  /** e.g. "application/pdf". */
  contentType: string;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface MailResult {
  /** The recipients the SMTP server accepted; empty when nothing was sent. */
  accepted: string[];
  /** The Message-ID header of the message sent; null when nothing was sent. */
  messageId: string | null;
}

export interface Mailer {
  /** False when no SMTP server is set up: send() then delivers nothing. */
  readonly configured: boolean;
  /** For the status page and start-up log: where mail goes, never the password. */
  readonly description: string;
  send(msg: MailMessage): Promise<MailResult>;
}

export interface MailerConfig {
  /** smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS); unset or empty for no email. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. "Doorstep <noreply@school.example>". */
  from: string;
}

export const NOT_CONFIGURED_DESCRIPTION = "Email is not configured (set SMTP_URL): messages are kept in Doorstep but not sent";

/** Thrown by createMailer for an SMTP_URL it cannot use; the message never includes the password. */
export class MailerConfigError extends Error {
  override readonly name = "MailerConfigError";
}

/**
 * Sending failed. nodemailer's own errors quote the server's reply and the rejected
 * addresses (parents' email addresses), and callers log errors, so this one carries
 * only what an administrator needs: nodemailer's code (EAUTH, ECONNECTION,
 * EENVELOPE, ETIMEDOUT, …), the SMTP command and reply code, and whether a retry
 * could succeed. It deliberately has no `cause`.
 */
export class MailSendError extends Error {
  override readonly name = "MailSendError";
  readonly code: string | undefined;
  readonly command: string | undefined;
  readonly responseCode: number | undefined;
  /** False for a permanent rejection (5xx): sending the same message again will fail again. */
  readonly retryable: boolean;

  constructor(error: NodemailerError) {
    const parts = [error.code, error.command, error.responseCode].filter((part) => part !== undefined);
    super(`Email was not sent${parts.length === 0 ? "" : ` (${parts.join(", ")})`}`);
    this.code = error.code;
    this.command = error.command;
    this.responseCode = error.responseCode;
    this.retryable = error.permanent !== true && error.code !== "EAUTH" && error.code !== "ECONFIG";
  }
}

// A message with nobody to send to is a bug in the caller, whether or not email is
// configured, so it is refused the same way in both.
function checkMessage(msg: MailMessage): void {
  if (msg.to.length === 0) throw new RangeError("An email needs at least one recipient");
}

/** The mailer used when SMTP_URL is not set: it sends nothing, and says so. */
export class NotConfiguredMailer implements Mailer {
  readonly configured = false;
  readonly description = NOT_CONFIGURED_DESCRIPTION;

  async send(msg: MailMessage): Promise<MailResult> {
    checkMessage(msg);
    return { accepted: [], messageId: null };
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

interface SmtpTarget {
  url: URL;
  secure: boolean;
  loopback: boolean;
}

function parseSmtpUrl(smtpUrl: string): SmtpTarget {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // The URL may hold a password: do not echo it.
    throw new MailerConfigError("SMTP_URL is not a valid URL (expected smtp://user:pass@host:587 or smtps://…)");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new MailerConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (url.hostname === "") throw new MailerConfigError("SMTP_URL has no host");
  return { url, secure: url.protocol === "smtps:", loopback: isLoopback(url.hostname) };
}

/** "smtp://mail.example.org:587 (STARTTLS required)" — what an administrator needs to check, no credentials. */
function describeTarget({ url, secure, loopback }: SmtpTarget): string {
  const where = `${url.protocol}//${url.host}`;
  const security = secure ? "TLS" : loopback ? "loopback, no TLS" : "STARTTLS required";
  return `${where} (${security})`;
}

/**
 * The nodemailer options for an SMTP URL: exported so the security choices (TLS
 * required over the network) are tested without a remote server.
 */
export function smtpTransportOptions(smtpUrl: string): SMTPTransportOptions {
  const target = parseSmtpUrl(smtpUrl);
  return {
    // nodemailer reads host, port, credentials and any ?options from the URL;
    // the keys below apply where the URL does not set them (so an administrator
    // can still write ?requireTLS=false, deliberately, in SMTP_URL).
    url: target.url.href,
    // Over the network a plain smtp:// connection must upgrade with STARTTLS, so
    // children's data and the password never cross it in clear text. On loopback
    // (a local relay, the tests) there is nothing to protect and often no TLS.
    requireTLS: !target.secure && !target.loopback,
    ignoreTLS: !target.secure && target.loopback,
    // Fail a request in seconds, not nodemailer's default two minutes, when the
    // server is unreachable.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // nodemailer logs nothing unless asked; keep it so (its debug log holds the message).
    logger: false,
    debug: false,
  };
}

class SmtpMailer implements Mailer {
  readonly configured = true;
  readonly description: string;
  readonly #transport: Mail<SMTPSentMessageInfo, SMTPTransportOptions>;
  readonly #from: string;

  constructor(smtpUrl: string, from: string) {
    this.#from = from;
    this.description = `Email is sent through ${describeTarget(parseSmtpUrl(smtpUrl))} from ${from}`;
    this.#transport = createTransport(smtpTransportOptions(smtpUrl));
  }

  async send(msg: MailMessage): Promise<MailResult> {
    checkMessage(msg);
    let info: SMTPSentMessageInfo;
    try {
      info = await this.#transport.sendMail({
        from: this.#from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        ...(msg.html === undefined ? {} : { html: msg.html }),
        attachments: (msg.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
    } catch (error) {
      throw new MailSendError(error as NodemailerError);
    }
    return { accepted: [...info.accepted], messageId: info.messageId ?? null };
  }
}

/**
 * The mailer for this configuration: SMTP when `smtpUrl` is set, otherwise one that
 * sends nothing and says so. Throws MailerConfigError for an unusable URL, so a typo
 * is found at start-up, not on the first letter.
 */
export function createMailer(config: MailerConfig): Mailer {
  const smtpUrl = config.smtpUrl?.trim();
  if (smtpUrl === undefined || smtpUrl === "") return new NotConfiguredMailer();
  if (config.from.trim() === "") throw new MailerConfigError("A From address is needed to send email");
  return new SmtpMailer(smtpUrl, config.from);
}
