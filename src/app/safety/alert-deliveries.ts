/**
 * The outbox for alert emails and pushes. Whatever raises or escalates an alert
 * queues its messages in the same transaction (`queueAlertDeliveries`); a sender
 * in every instance (`deliverDueAlerts`, every second and whenever something was
 * queued) claims due rows, sends, and records the outcome. A crash after the
 * alert's commit delays its email; it cannot lose it.
 *
 * A row is claimed by moving its due time a lease ahead (committed before the
 * send, so no transaction is held open on an SMTP server), so another instance
 * leaves it alone; if the sender dies mid-send, the row falls due again when the
 * lease runs out. That makes delivery at-least-once: a crash between the send
 * and the record sends that one message twice.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { alertDeliveries, pushSubscriptions } from "../../db/schema";
import type { Mailer } from "../notify/mailer";
import type { PushSender } from "../notify/push";
import { emailAlert, pushAlert, type AlertDeliveryLevel } from "./alert-emails";
import { repeatEvery, type Repeating } from "../../jobs/repeat";

export type DeliveryChannel = "email" | "push";
/** not_configured: no SMTP server or push sender; no_devices: nobody at the school has turned push alerts on. */
export type DeliveryOutcome = "sent" | "not_configured" | "no_devices";

export interface AlertSenders {
  mailer: Mailer;
  push?: PushSender | undefined;
}

/** How long a claimed row is left to its sender before another may take it. */
export const DELIVERY_LEASE_MS = 60_000;
/** Rows claimed at a time: small, so an alarm queued behind a backlog waits for a few sends, not hundreds. */
const CLAIM = 10;

/** An alert level whose email and push are to be sent. */
export interface QueuedAlert {
  alertId: string;
  schoolId: string;
  level: AlertDeliveryLevel;
}

/** Queues the email and the push of each alert level, once (a second call for the same alert and level adds nothing). */
export async function queueAlertDeliveries(tx: Executor, alerts: readonly QueuedAlert[], now: Date): Promise<void> {
  if (alerts.length === 0) return;
  const channels: DeliveryChannel[] = ["email", "push"];
  await tx
    .insert(alertDeliveries)
    .values(alerts.flatMap((a) => channels.map((channel) => ({ alertId: a.alertId, schoolId: a.schoolId, level: a.level, channel, dueAt: now }))))
    .onConflictDoNothing();
}

/** After the nth failed attempt: 5 s, 10 s, 20 s … up to 10 minutes. */
export function retryAfterMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

/**
 * An alert's email is tried again at least every minute, however long the mail
 * server has been away: once it is back, every waiting alert goes within a
 * minute, not up to ten (a safety alert is not a letter; bench:faults measured
 * 129 s with the ten-minute ceiling after 150 s without a mail server).
 */
export const ALERT_RETRY_CEILING_MS = 60_000;

export function alertRetryAfterMs(attempts: number): number {
  return Math.min(retryAfterMs(attempts), ALERT_RETRY_CEILING_MS);
}

export interface DeliveryRound {
  sent: number;
  /** Nothing to send: not configured, or no devices. */
  notConfigured: number;
  failed: number;
}

/** Sends every due message, most serious level first, until none is due. */
export async function deliverDueAlerts(db: Database, senders: AlertSenders, now: () => Date, log: { warn: (o: object, m: string) => void }): Promise<DeliveryRound> {
  const round: DeliveryRound = { sent: 0, notConfigured: 0, failed: 0 };
  for (;;) {
    const at = now();
    const claimed = await db.transaction(async (tx) => {
      const due = tx
        .select({ id: alertDeliveries.id })
        .from(alertDeliveries)
        .where(and(isNull(alertDeliveries.doneAt), lte(alertDeliveries.dueAt, at)))
        .orderBy(sql`case ${alertDeliveries.level} when 'alarm' then 0 when 'police' then 1 when 'red' then 2 else 3 end`, asc(alertDeliveries.dueAt))
        .limit(CLAIM)
        .for("update", { skipLocked: true });
      return tx
        .update(alertDeliveries)
        .set({ dueAt: new Date(at.getTime() + DELIVERY_LEASE_MS), attempts: sql`${alertDeliveries.attempts} + 1` })
        .where(inArray(alertDeliveries.id, due))
        .returning();
    });
    if (claimed.length === 0) return round;
    const toSend = await settleWithoutSending(db, claimed, senders, now(), round);
    for (const row of toSend) {
      const level = row.level as AlertDeliveryLevel;
      try {
        const outcome: DeliveryOutcome = row.channel === "email" ? await emailAlert(db, senders.mailer, row.alertId, level) : await pushAlert(db, senders.push!, row.alertId, level);
        await db.update(alertDeliveries).set({ outcome, doneAt: now(), lastError: null }).where(eq(alertDeliveries.id, row.id));
        if (outcome === "sent") round.sent++;
        else round.notConfigured++;
      } catch (e) {
        round.failed++;
        const name = (e as { code?: string }).code ?? ((e as Error).name || "Error");
        log.warn({ err: { name }, channel: row.channel, attempts: row.attempts }, "alert message not sent; will try again");
        await db
          .update(alertDeliveries)
          .set({ lastError: name, dueAt: new Date(now().getTime() + alertRetryAfterMs(row.attempts)) })
          .where(eq(alertDeliveries.id, row.id));
      }
    }
  }
}

type Claimed = typeof alertDeliveries.$inferSelect;

/**
 * Records, a statement for each kind, the messages there is nothing to send for:
 * emails with no SMTP server set up, pushes with no push sender, and pushes for a
 * school where no device has turned alerts on. After an outage hundreds of alerts
 * fall due at once, and these would otherwise cost several queries each while the
 * phones are replaying their check-ins. Returns the rest.
 */
async function settleWithoutSending(db: Database, claimed: Claimed[], senders: AlertSenders, at: Date, round: DeliveryRound): Promise<Claimed[]> {
  const emails = claimed.filter((r) => r.channel === "email");
  const pushes = claimed.filter((r) => r.channel === "push");
  const idle: { rows: Claimed[]; outcome: DeliveryOutcome }[] = [];
  if (!senders.mailer.configured) idle.push({ rows: emails, outcome: "not_configured" });
  if (!senders.push) idle.push({ rows: pushes, outcome: "not_configured" });
  else if (pushes.length > 0) {
    const schools = [...new Set(pushes.map((r) => r.schoolId))];
    const withDevices = new Set((await db.selectDistinct({ schoolId: pushSubscriptions.schoolId }).from(pushSubscriptions).where(inArray(pushSubscriptions.schoolId, schools))).map((r) => r.schoolId));
    idle.push({ rows: pushes.filter((r) => !withDevices.has(r.schoolId)), outcome: "no_devices" });
  }
  const settled = new Set<string>();
  for (const { rows, outcome } of idle) {
    if (rows.length === 0) continue;
    await db.update(alertDeliveries).set({ outcome, doneAt: at, lastError: null }).where(inArray(alertDeliveries.id, rows.map((r) => r.id)));
    for (const r of rows) settled.add(r.id);
    round.notConfigured += rows.length;
  }
  return claimed.filter((r) => !settled.has(r.id));
}

/**
 * Runs `deliverDueAlerts` every `everyMs`, and at once when kicked (an alarm
 * raised, a sweep that raised alerts).
 */
export function startAlertDelivery(db: Database, senders: AlertSenders, now: () => Date, log: { warn: (o: object, m: string) => void; error: (o: object, m: string) => void }, everyMs = 1000): Repeating {
  return repeatEvery(
    everyMs,
    async () => void (await deliverDueAlerts(db, senders, now, log)),
    (e) => log.error({ err: { message: e.message } }, "alert delivery failed"),
  );
}
