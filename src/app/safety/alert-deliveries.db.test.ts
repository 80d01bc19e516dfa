/** The alert outbox: queued with the alert, sent once, retried when the mail server is away, taken again when a sender died. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { alertDeliveries, pushSubscriptions, safetyDeadlines, visits, visitTeam } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff } from "../../test/factories";
import { startSmtpListener } from "../../test/smtp-listener";
import { createMailer } from "../notify/mailer";
import { sweepSafety } from "../../jobs/safety-sweeper";
import { alertRetryAfterMs, deliverDueAlerts, DELIVERY_LEASE_MS, retryAfterMs } from "./alert-deliveries";

let db: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let schoolId: string;
let office: string;
let officeId: string;
const quiet = { warn: () => undefined };
const t0 = new Date("2026-11-24T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeAll(async () => {
  db = await openTestDatabase();
  smtp = await startSmtpListener();
  schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  const officeStaff = await buildStaff(db, schoolId, ["office"]);
  office = officeStaff.email;
  officeId = officeStaff.id;
});
afterAll(async () => {
  await smtp?.close();
  await db?.close();
});

/** A visit under way whose check-in was due at `dueAt`, fired by a sweep: its alert id. */
async function missedCheckIn(dueAt: Date): Promise<string> {
  const visitor = await buildStaff(db, schoolId, ["visitor"]);
  const [visit] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "under_way", day: "2026-11-24", address: "7 Marsh View" }).returning({ id: visits.id });
  await db.db.insert(visitTeam).values({ visitId: visit!.id, userId: visitor.id });
  await db.db.insert(safetyDeadlines).values({ visitId: visit!.id, schoolId, kind: "check_in", dueAt, clause: "coteford 2.4" });
  const swept = await sweepSafety(db.db, new Date(dueAt.getTime() + 5_000));
  const mine = swept.fired.find((f) => f.visitId === visit!.id);
  if (!mine) throw new Error("the sweep did not fire the missed check-in");
  return mine.alertId;
}

const rowsOf = (alertId: string) => db.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId));
const mailsAbout = (needle: string) => smtp.received.filter((m) => m.raw.includes(needle));

describe("the alert outbox", () => {
  it("queues an email and a push with the alert, in the sweep's transaction, and sends the email once", async () => {
    const alertId = await missedCheckIn(at(0));
    expect((await rowsOf(alertId)).map((r) => [r.channel, r.level, r.doneAt]).sort()).toEqual([
      ["email", "amber", null],
      ["push", "amber", null],
    ]);
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Doorstep <noreply@test.example>" });
    const round = await deliverDueAlerts(db.db, { mailer }, () => at(6), quiet);
    expect(round.sent).toBe(1);
    const rows = await rowsOf(alertId);
    expect(rows.find((r) => r.channel === "email")).toMatchObject({ outcome: "sent", attempts: 1, lastError: null });
    // No push service set up here: recorded as such, not left to retry for ever.
    expect(rows.find((r) => r.channel === "push")).toMatchObject({ outcome: "not_configured" });
    const sent = smtp.received.filter((m) => m.rcptTo.includes(office));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.raw).toContain("Check-in overdue on a home visit");
    expect(sent[0]!.raw).toContain("7 Marsh View");

    expect(await deliverDueAlerts(db.db, { mailer }, () => at(60), quiet)).toEqual({ sent: 0, notConfigured: 0, failed: 0 });
    expect(smtp.received.filter((m) => m.rcptTo.includes(office))).toHaveLength(1);
  });

  it("keeps an email the mail server could not take, and sends it when the server is back", async () => {
    const before = mailsAbout("Check-in overdue").length;
    const alertId = await missedCheckIn(at(100));
    const away = createMailer({ smtpUrl: "smtp://127.0.0.1:9", from: "Doorstep <noreply@test.example>" });
    const failed = await deliverDueAlerts(db.db, { mailer: away }, () => at(106), quiet);
    expect(failed.failed).toBe(1);
    const email = (await rowsOf(alertId)).find((r) => r.channel === "email")!;
    expect(email).toMatchObject({ outcome: null, doneAt: null, attempts: 1 });
    expect(email.lastError).toBeTruthy();
    expect(email.dueAt.getTime()).toBe(at(106).getTime() + retryAfterMs(1));

    const mailer = createMailer({ smtpUrl: smtp.url, from: "Doorstep <noreply@test.example>" });
    // Not before its retry time…
    expect((await deliverDueAlerts(db.db, { mailer }, () => at(107), quiet)).sent).toBe(0);
    // …then sent, once.
    expect((await deliverDueAlerts(db.db, { mailer }, () => new Date(at(106).getTime() + retryAfterMs(1)), quiet)).sent).toBe(1);
    expect(mailsAbout("Check-in overdue").length).toBe(before + 1);
    expect((await rowsOf(alertId)).find((r) => r.channel === "email")).toMatchObject({ outcome: "sent", attempts: 2, lastError: null });
  });

  it("takes again, once its lease runs out, a message whose sender died before recording it", async () => {
    const before = mailsAbout("Check-in overdue").length;
    const alertId = await missedCheckIn(at(200));
    // A sender claimed it at 206 (its due time moved a lease ahead) and was killed before sending.
    await db.db
      .update(alertDeliveries)
      .set({ dueAt: new Date(at(206).getTime() + DELIVERY_LEASE_MS), attempts: 1 })
      .where(eq(alertDeliveries.alertId, alertId));
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Doorstep <noreply@test.example>" });
    expect((await deliverDueAlerts(db.db, { mailer }, () => at(230), quiet)).sent).toBe(0);
    expect((await deliverDueAlerts(db.db, { mailer }, () => new Date(at(206).getTime() + DELIVERY_LEASE_MS), quiet)).sent).toBe(1);
    expect(mailsAbout("Check-in overdue").length).toBe(before + 1);
  });

  it("records a push for a school where no device has alerts on without trying to send it", async () => {
    const alertId = await missedCheckIn(at(300));
    const pushed: string[][] = [];
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Doorstep <noreply@test.example>" });
    const push = async (userIds: string[]) => {
      pushed.push(userIds);
      return { sent: 1, failed: 0 };
    };
    await deliverDueAlerts(db.db, { mailer, push }, () => at(306), quiet);
    expect(pushed).toEqual([]);
    expect((await rowsOf(alertId)).find((r) => r.channel === "push")).toMatchObject({ outcome: "no_devices" });
  });

  it("tries an alarm's push again when every device refused it, and settles it once one takes it", async () => {
    const alertId = await missedCheckIn(at(400));
    await db.db.insert(pushSubscriptions).values({ schoolId, userId: officeId, endpoint: "https://push.test.example/refusing", p256dh: "k".repeat(87), auth: "a".repeat(22) });
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Doorstep <noreply@test.example>" });
    let answer = { sent: 0, failed: 1 };
    const push = async () => answer;
    await deliverDueAlerts(db.db, { mailer, push }, () => at(406), quiet);
    const owed = (await rowsOf(alertId)).find((r) => r.channel === "push")!;
    expect(owed).toMatchObject({ doneAt: null, outcome: null, lastError: "push_undelivered" });
    expect(owed.dueAt.getTime()).toBe(at(406).getTime() + alertRetryAfterMs(1));

    answer = { sent: 1, failed: 0 };
    await deliverDueAlerts(db.db, { mailer, push }, () => new Date(owed.dueAt.getTime()), quiet);
    expect((await rowsOf(alertId)).find((r) => r.channel === "push")).toMatchObject({ outcome: "sent", lastError: null });
  });

  it("retries sooner at first and at most every ten minutes", () => {
    expect([1, 2, 3, 4].map(retryAfterMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryAfterMs(30)).toBe(600_000);
  });

  it("retries an alert's email at least every minute, so it goes within a minute of the mail server's return", () => {
    expect([1, 4, 5, 6, 30].map(alertRetryAfterMs)).toEqual([5_000, 40_000, 60_000, 60_000, 60_000]);
  });
});
