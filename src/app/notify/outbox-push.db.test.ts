/**
 * A push the push service would not take on any device is owed still: tried again
 * later, not settled as "no devices" (which says nobody has push alerts turned on).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff } from "../../test/factories";
import { deliverDueMessages, queuePush, type MessageSenders } from "./outbox";
import type { Mailer } from "./mailer";

let db: DatabaseHandle;
let schoolId: string;
let userId: string;
const quiet = { warn: () => {} };
const noMail = { configured: false } as unknown as Mailer;

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
  userId = (await buildStaff(db, schoolId, ["dsl"])).id;
});
afterAll(async () => db?.close());

async function owe(at: Date) {
  const id = await db.db.transaction((tx) => queuePush(tx, schoolId, "concern_alert", [userId], { title: "A concern", body: "Open Doorstep", link: "/concerns" }, at));
  return async () => (await db.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
}

describe("push messages in the outbox", () => {
  it("retries a push no device took, and sends it once one does", async () => {
    let at = new Date("2026-11-23T09:00:00Z");
    const row = await owe(at);
    let answer = { sent: 0, failed: 2 };
    const senders: MessageSenders = { mailer: noMail, push: async () => answer };
    await deliverDueMessages(db.db, senders, () => at, quiet);
    expect(await row()).toMatchObject({ status: "queued", lastError: "push_undelivered" });

    answer = { sent: 1, failed: 1 };
    at = new Date(at.getTime() + 60 * 60_000);
    await deliverDueMessages(db.db, senders, () => at, quiet);
    expect(await row()).toMatchObject({ status: "sent", lastError: null });
  });

  it("settles a push as no_devices when nobody has push alerts turned on", async () => {
    const at = new Date("2026-11-23T10:00:00Z");
    const row = await owe(at);
    await deliverDueMessages(db.db, { mailer: noMail, push: async () => ({ sent: 0, failed: 0 }) }, () => at, quiet);
    expect((await row()).status).toBe("no_devices");
  });
});
