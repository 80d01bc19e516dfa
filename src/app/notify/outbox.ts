/**
 * The outbox for every message Doorstep owes that is not a safety alert (those
 * have their own, ordered by danger: src/app/safety/alert-deliveries.ts).
 *
 * Whatever owes a message queues it with `queueEmail` / `queuePush` inside the
 * transaction of the change that owes it, after keeping any document it carries
 * on the record. The change's request then answers at once, whatever the mail
 * server is doing. A sender in every instance (`deliverDueMessages`) claims due
 * rows by moving their due time a lease ahead (committed before the send, so no
 * transaction waits on an SMTP server), sends, and records the outcome: sent,
 * not configured, or a retry with backoff. A crash between the send and the
 * record sends that message twice: delivery is at least once.
 */
import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { documents, outboxMessages, requestKeys } from "../../db/schema";
import { repeatEvery, type Repeating } from "../../jobs/repeat";
import { retryAfterMs } from "../safety/alert-deliveries";
import { MailSendError, type Mailer } from "./mailer";
import { NotifyError, textFragments, type FamilyMessenger } from "./gov-notify";
import { requireDelivered, type PushMessage, type PushSender } from "./push";

export type MessageKind = "cancellation_notice" | "reminder_letter" | "appointment_confirmation" | "concern_alert" | "password_reset" | "visit_record" | "no_answer_escalation" | "family_text" | "family_email";

/** Kinds whose body carries a secret (a one-time link): once sent, the copy kept here is blanked. */
const SECRET_BODY: ReadonlySet<string> = new Set<MessageKind>(["password_reset"]);

/**
 * queued: waiting to be sent, or sent and failed and waiting for its next try;
 * sent; failed: refused for good (a permanent SMTP rejection) or still failing
 * after MAX_ATTEMPTS; not_configured: this machine has no SMTP server or push
 * sender; no_recipients: nobody to send to (no email address on record);
 * no_devices: none of the recipients has turned push alerts on.
 */
export type MessageStatus = "queued" | "sent" | "failed" | "not_configured" | "no_recipients" | "no_devices";

/** About two days of tries at the 10-minute ceiling: long enough for a mail server's weekend. */
export const MAX_ATTEMPTS = 300;
const LEASE_MS = 60_000;
const CLAIM = 10;

export interface OwedEmail {
  schoolId: string;
  kind: MessageKind;
  to: readonly string[];
  subject: string;
  body: string;
  /** A document already kept on the record in this transaction, sent as the attachment. */
  attachment?: { documentId: string; filename: string } | undefined;
}

export async function queueEmail(tx: Executor, msg: OwedEmail, now: Date): Promise<string> {
  const to = [...new Set(msg.to)];
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      schoolId: msg.schoolId,
      kind: msg.kind,
      channel: "email",
      toEmails: to,
      subject: msg.subject,
      body: msg.body,
      documentId: msg.attachment?.documentId ?? null,
      attachmentName: msg.attachment?.filename ?? null,
      // Nobody to send to is known now; the row still says so where the document is shown.
      ...(to.length === 0 ? { status: "no_recipients", doneAt: now } : {}),
      dueAt: now,
    })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

export async function queuePush(tx: Executor, schoolId: string, kind: MessageKind, userIds: readonly string[], message: PushMessage, now: Date): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({ schoolId, kind, channel: "push", toUserIds: [...new Set(userIds)], subject: message.title, body: message.body, link: message.link, tag: message.tag ?? null, dueAt: now, ...(userIds.length === 0 ? { status: "no_recipients", doneAt: now } : {}) })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

/**
 * A text to a family through GOV.UK Notify. The row's id goes to Notify as the
 * `reference`, so a text sent twice after a crash is recognisable there.
 */
export async function queueText(tx: Executor, schoolId: string, kind: MessageKind, to: string, body: string, now: Date): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({ schoolId, kind, channel: "sms", toPhone: to, subject: "", body, fragments: textFragments(body), dueAt: now })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

export interface MessageSenders {
  mailer: Mailer;
  /** GOV.UK Notify; unset: texts are not configured, and each says so. */
  texts?: FamilyMessenger | undefined;
  /** Sends a push to these users' devices; resolves to how many devices it reached and how many it tried and could not. */
  push?: PushSender | undefined;
}

export interface MessageRound {
  sent: number;
  settled: number;
  failed: number;
}

type Claimed = typeof outboxMessages.$inferSelect;

/** Sends every due message until none is due. */
export async function deliverDueMessages(db: Database, senders: MessageSenders, now: () => Date, log: { warn: (o: object, m: string) => void }): Promise<MessageRound> {
  const round: MessageRound = { sent: 0, settled: 0, failed: 0 };
  for (;;) {
    const at = now();
    const claimed = await db.transaction(async (tx) => {
      const due = tx
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.status, "queued"), lte(outboxMessages.dueAt, at)))
        .orderBy(asc(outboxMessages.dueAt))
        .limit(CLAIM)
        .for("update", { skipLocked: true });
      return tx
        .update(outboxMessages)
        .set({ dueAt: new Date(at.getTime() + LEASE_MS), attempts: sql`${outboxMessages.attempts} + 1` })
        .where(inArray(outboxMessages.id, due))
        .returning();
    });
    if (claimed.length === 0) return round;
    for (const row of claimed) {
      try {
        const outcome = await sendOne(db, senders, row);
        await db
          .update(outboxMessages)
          .set({ status: outcome.status, accepted: outcome.accepted, doneAt: now(), lastError: null, ...(outcome.providerId ? { providerId: outcome.providerId, deliveryStatus: "created" } : {}), ...(SECRET_BODY.has(row.kind) ? { body: "(sent; the one-time link is not kept)" } : {}) })
          .where(eq(outboxMessages.id, row.id));
        if (outcome.status === "sent") {
          round.sent++;
          // The document's own list of addresses, shown wherever it is listed.
          if (row.documentId && outcome.accepted.length) await db.update(documents).set({ emailedTo: outcome.accepted }).where(eq(documents.id, row.documentId));
        } else round.settled++;
      } catch (e) {
        round.failed++;
        const error = describe(e);
        const givingUp = ((e instanceof MailSendError || e instanceof NotifyError) && !e.retryable) || row.attempts >= MAX_ATTEMPTS;
        log.warn({ err: { name: (e as Error).name }, kind: row.kind, channel: row.channel, attempts: row.attempts }, givingUp ? "message not sent; giving up" : "message not sent; will try again");
        await db
          .update(outboxMessages)
          .set(givingUp ? { status: "failed", lastError: error, doneAt: now() } : { lastError: error, dueAt: new Date(now().getTime() + retryAfterMs(row.attempts)) })
          .where(eq(outboxMessages.id, row.id));
      }
    }
  }
}

async function sendOne(db: Database, senders: MessageSenders, row: Claimed): Promise<{ status: MessageStatus; accepted: string[]; providerId?: string }> {
  if (row.channel === "sms") {
    if (!senders.texts) return { status: "not_configured", accepted: [] };
    if (!row.toPhone) return { status: "no_recipients", accepted: [] };
    // A 429 or 5xx throws a retryable NotifyError: the row backs off like a mail server's refusal.
    const sent = await senders.texts.sendSms(row.toPhone, row.body, row.id);
    return { status: "sent", accepted: [row.toPhone], providerId: sent.id };
  }
  if (row.channel === "push") {
    if (!senders.push) return { status: "not_configured", accepted: [] };
    const result = await senders.push(row.toUserIds, { title: row.subject, body: row.body, link: row.link ?? "/", ...(row.tag ? { tag: row.tag } : {}) });
    // Devices there were, and none took it (a push service down): tried again, like an email to a mail server that is down.
    return { status: requireDelivered(result), accepted: [] };
  }
  // A family's email goes through Notify where its email template is set (one address a row, the row's id as reference); else by SMTP.
  if (row.kind === "family_email" && senders.texts?.sendsEmail && !row.documentId && row.toEmails.length === 1) {
    const sent = await senders.texts.sendEmail(row.toEmails[0]!, row.subject, row.body, row.id);
    return { status: "sent", accepted: row.toEmails, providerId: sent.id };
  }
  if (!senders.mailer.configured) return { status: "not_configured", accepted: [] };
  let attachments;
  if (row.documentId) {
    const [doc] = await db.select({ pdf: documents.pdf }).from(documents).where(eq(documents.id, row.documentId));
    attachments = [{ filename: row.attachmentName ?? "document.pdf", content: Buffer.from(doc!.pdf, "base64"), contentType: "application/pdf" }];
  }
  const sent = await senders.mailer.send({ to: row.toEmails, subject: row.subject, text: row.body, attachments });
  return { status: "sent", accepted: sent.accepted };
}

/** What an administrator needs to know, never the server's words (they can quote addresses). */
function describe(e: unknown): string {
  if (e instanceof NotifyError) return `${e.status} ${e.code}`;
  if (e instanceof MailSendError) return [e.code, e.responseCode].filter((p) => p !== undefined).join(" ") || "MailSendError";
  return (e as { code?: string }).code ?? (e as Error).name ?? "Error";
}

/** A client repeats a write within minutes; a week is far beyond any phone's retry queue. */
export const REQUEST_KEY_DAYS = 7;

export async function forgetOldRequestKeys(db: Database, at: Date): Promise<void> {
  await db.delete(requestKeys).where(lt(requestKeys.createdAt, new Date(at.getTime() - REQUEST_KEY_DAYS * 86_400_000)));
}

export function startMessageDelivery(db: Database, senders: MessageSenders, now: () => Date, log: { warn: (o: object, m: string) => void; error: (o: object, m: string) => void }, everyMs = 2000): Repeating {
  let forgotAt = 0;
  return repeatEvery(
    everyMs,
    async () => {
      await deliverDueMessages(db, senders, now, log);
      if (now().getTime() - forgotAt > 3_600_000) {
        forgotAt = now().getTime();
        await forgetOldRequestKeys(db, now());
      }
    },
    (e) => log.error({ err: { message: e.message } }, "message delivery failed"),
  );
}

/** How a message stands, for the page that shows the document or the record it belongs to. */
export interface MessageDelivery {
  channel: "email" | "push" | "sms";
  status: MessageStatus;
  to: string[];
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/**
 * Waits up to `ms` for a message just queued to be sent (the sender was kicked),
 * so a person pressing "send" usually learns that it went; after that it says
 * how the message stands, and the outbox carries on without them.
 */
export async function deliveryAfter(db: Executor, messageId: string, ms: number): Promise<MessageDelivery> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId));
    // Claimed (attempts counted) but not yet settled is still in flight: keep waiting for its outcome.
    if (row!.status !== "queued" || row!.lastError !== null || Date.now() >= deadline) return toDelivery(row!);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function deliveriesOfDocuments(db: Executor, documentIds: readonly string[]): Promise<Map<string, MessageDelivery>> {
  const byDocument = new Map<string, MessageDelivery>();
  if (documentIds.length === 0) return byDocument;
  const rows = await db.select().from(outboxMessages).where(inArray(outboxMessages.documentId, [...documentIds]));
  for (const r of rows) byDocument.set(r.documentId!, toDelivery(r));
  return byDocument;
}

export function toDelivery(r: Claimed): MessageDelivery {
  return {
    channel: r.channel as "email" | "push" | "sms",
    status: r.status as MessageStatus,
    to: r.channel === "email" ? (r.status === "sent" ? r.accepted : r.toEmails) : [],
    attempts: r.attempts,
    lastError: r.lastError,
    sentAt: r.status === "sent" && r.doneAt ? r.doneAt.toISOString() : null,
  };
}
