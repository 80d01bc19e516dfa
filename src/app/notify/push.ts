/**
 * Web Push: an alert on the lock screen of a phone or laptop that turned alerts
 * on (the Account page). The browser's maker runs the push service that carries
 * it; the payload is encrypted for that one browser (RFC 8291), and signed with
 * this server's VAPID key (RFC 8292). Like the alert emails, a push never holds
 * a child's name, an address or what was seen: only that something needs
 * attention, and the page to open. A failure is recorded on the subscription
 * (status code only) and logged without the endpoint or the message; it never
 * reaches the caller.
 */
import type { Agent } from "node:https";
import { and, eq, inArray, sql } from "drizzle-orm";
import webpush from "web-push";
import type { Config } from "../../config";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { pushSubscriptions, serverSettings } from "../../db/schema";
import { Conflict, NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: — who a push service may contact about this server. */
  subject: string;
  /** "env" when configured, "database" when generated and kept in server_settings. */
  source: "env" | "database";
}

export interface PushMessage {
  title: string;
  body: string;
  /** A path in the web app (/board, /concerns); the service worker opens it on the same origin only. */
  link: string;
  /** Notifications with the same tag replace each other on the device. */
  tag?: string;
}

export interface PushDeps {
  vapid: VapidKeys;
  log: { warn: (o: object, m: string) => void };
  /** The HTTPS agent for the push services (the tests pass one trusting their loopback certificate). */
  agent?: Agent | undefined;
}

const VAPID_SETTING = "vapid_keys";
/** An alert older than an hour is no use on a lock screen; the board has it. */
const TTL_SECONDS = 3600;
const TIMEOUT_MS = 10_000;

function defaultSubject(mailFrom: string): string {
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? (/^[^<>\s]+@[^<>\s]+$/.test(mailFrom.trim()) ? mailFrom.trim() : "noreply@doorstep.invalid");
  return `mailto:${address}`;
}

/**
 * The VAPID key pair: from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when set,
 * otherwise generated once and kept in the database, so every instance on one
 * PostgreSQL signs with the same key (a browser subscribed to it keeps working).
 */
export async function vapidKeys(db: Database, config: Pick<Config, "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT" | "MAIL_FROM">): Promise<VapidKeys> {
  const subject = config.VAPID_SUBJECT ?? defaultSubject(config.MAIL_FROM);
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY) return { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject, source: "env" };
  const generated = webpush.generateVAPIDKeys();
  // Two instances starting at once: the first insert wins and both read it back.
  await db.insert(serverSettings).values({ key: VAPID_SETTING, value: generated }).onConflictDoNothing();
  const [row] = await db.select({ value: serverSettings.value }).from(serverSettings).where(eq(serverSettings.key, VAPID_SETTING));
  const kept = row!.value as { publicKey: string; privateKey: string };
  return { publicKey: kept.publicKey, privateKey: kept.privateKey, subject, source: "database" };
}

/**
 * Sends `message` to every browser the given users turned alerts on in. Returns
 * counts for the tests and the log; never throws.
 */
/** What a send reached: devices that took it, subscriptions removed as dead, devices that refused or timed out. */
export interface PushResult {
  sent: number;
  removed: number;
  failed: number;
}

/** Sends a message to the given users' devices; what it reached. */
export type PushSender = (userIds: string[], message: PushMessage) => Promise<Pick<PushResult, "sent" | "failed">>;

/** Every device tried refused or timed out: the message is owed still; `code` is what an outbox records as the last error. */
export class PushUndelivered extends Error {
  readonly code = "push_undelivered";
  constructor(readonly devices: number) {
    super(`push not delivered to any of ${devices} device(s)`);
    this.name = "PushUndelivered";
  }
}

/** Throws PushUndelivered when there were devices and none took the message, so an outbox tries again. */
export function requireDelivered(result: Pick<PushResult, "sent" | "failed">): "sent" | "no_devices" {
  if (result.sent > 0) return "sent";
  if (result.failed > 0) throw new PushUndelivered(result.failed);
  return "no_devices";
}

export async function sendPush(db: Database | Executor, userIds: string[], message: PushMessage, deps: PushDeps): Promise<PushResult> {
  const result: PushResult = { sent: 0, removed: 0, failed: 0 };
  try {
    if (userIds.length === 0) return result;
    const subs = await db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, [...new Set(userIds)]));
    const payload = JSON.stringify({ title: message.title, body: message.body, link: message.link, tag: message.tag ?? message.link });
    await Promise.all(
      subs.map(async (s) => {
        try {
          await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
            vapidDetails: { subject: deps.vapid.subject, publicKey: deps.vapid.publicKey, privateKey: deps.vapid.privateKey },
            TTL: TTL_SECONDS,
            urgency: "high",
            timeout: TIMEOUT_MS,
            contentEncoding: "aes128gcm",
            ...(deps.agent ? { agent: deps.agent } : {}),
          });
          result.sent++;
          if (s.lastError !== null) await db.update(pushSubscriptions).set({ lastError: null }).where(eq(pushSubscriptions.id, s.id));
        } catch (e) {
          const status = e instanceof webpush.WebPushError ? e.statusCode : undefined;
          if (status === 404 || status === 410) {
            // The browser unsubscribed or the subscription expired: it will never work again.
            await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.id, s.id), eq(pushSubscriptions.endpoint, s.endpoint)));
            result.removed++;
            return;
          }
          result.failed++;
          const code = status !== undefined ? `HTTP ${status}` : ((e as { code?: string }).code ?? (e as Error).name ?? "error");
          await db
            .update(pushSubscriptions)
            .set({ lastError: `${code} at ${new Date().toISOString()}` })
            .where(eq(pushSubscriptions.id, s.id));
          deps.log.warn({ err: { name: (e as Error).name, code, statusCode: status } }, "push not delivered");
        }
      }),
    );
  } catch (e) {
    deps.log.warn({ err: { name: (e as Error).name } }, "push not sent");
  }
  return result;
}

export const PushSubscriptionSchema = z.object({
  // Push services are HTTPS (RFC 8030); the server POSTs only to such an endpoint.
  endpoint: z.url({ protocol: /^https$/, error: "must be an https:// push service URL" }).max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/, "a base64url P-256 public key"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{22,24}={0,2}$/, "a base64url 16-byte secret"),
  }),
});

/** Whether an endpoint is at one of the push services the school allows (PUSH_SERVICE_HOSTS). */
export function isKnownPushService(endpoint: string, hosts: readonly string[]): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * Keeps the subscription of the browser in use (its keys renewed, its school the
 * one worked in now). An endpoint already kept for someone else is refused, not
 * moved: the endpoint is not a secret to whoever holds it (it travels in push
 * requests and logs), and posting it must not take another person's alerts
 * (Conflict; they turn alerts off on that device first).
 */
export async function saveSubscription(db: Database, actor: Actor & { userId: string }, schoolId: string, sub: z.infer<typeof PushSubscriptionSchema>, userAgent: string | null): Promise<{ id: string }> {
  return writeAudited(db, actor, async (tx, audit) => {
    const values = { schoolId, userId: actor.userId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null, lastError: null };
    const [row] = await tx
      .insert(pushSubscriptions)
      .values(values)
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...values, createdAt: sql`now()` }, setWhere: eq(pushSubscriptions.userId, actor.userId) })
      .returning({ id: pushSubscriptions.id });
    if (!row) throw new Conflict("alerts on this device are turned on for another account: they must turn them off here first", "endpoint");
    // The endpoint is a capability for this browser: it stays out of the audit trail.
    await audit({ action: "push_subscribed", entity: "push_subscription", entityId: row!.id, schoolId, after: { userAgent: values.userAgent } });
    return { id: row!.id };
  });
}

/** Turns alerts off for a browser; only its own user can. */
export async function removeSubscription(db: Database, actor: Actor & { userId: string }, schoolId: string, endpoint: string): Promise<void> {
  await writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, actor.userId)))
      .returning({ id: pushSubscriptions.id });
    if (!row) throw new NotFound("push subscription", "endpoint");
    await audit({ action: "push_unsubscribed", entity: "push_subscription", entityId: row.id, schoolId });
  });
}
