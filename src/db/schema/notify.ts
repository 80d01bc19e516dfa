/** Messages owed (the outbox), in-app notifications, families' replies and reply links, push subscriptions. */
import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { contactAttempts } from "./attendance";
import { documents } from "./documents";
import { pupils, schools, users } from "./people";

/** In-app notifications (the head told of a change after approval, the DSL of a concern). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);

/**
 * The outbox of every other message Doorstep owes someone: the written notices
 * (cancellation to the head, reminder letters and appointment confirmations to
 * families) and the DSL team's concern alerts. A row is written in the
 * transaction of the change that owes it, with the document it carries already on
 * the record, so a mail server that is down delays the message but can neither
 * lose it nor undo the change. Sent at least once by the sender in every instance
 * (src/app/notify/outbox.ts), claimed like alert deliveries.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** What the message is for: cancellation_notice | reminder_letter | appointment_confirmation | concern_alert */
    kind: text("kind").notNull(),
    /** email | push */
    channel: text("channel").notNull(),
    /** Email recipients, fixed when the message is owed (a family's address at the time of the letter). */
    toEmails: jsonb("to_emails").$type<string[]>().notNull().default([]),
    /** Push recipients (staff accounts); their devices are looked up when sent. */
    toUserIds: jsonb("to_user_ids").$type<string[]>().notNull().default([]),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** The document attached (a PDF kept on the record), if any. */
    documentId: uuid("document_id").references(() => documents.id),
    attachmentName: text("attachment_name"),
    /** For a push: where the tap leads, and the tag that replaces an earlier notification of the same kind on the device. */
    link: text("link"),
    tag: text("tag"),
    /** queued | sent | failed (gave up after many tries) | not_configured | no_recipients | no_devices */
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** The error's name and code only: a server's reply can quote an address. */
    lastError: text("last_error"),
    accepted: jsonb("accepted").$type<string[]>().notNull().default([]),
    /** A text to a family (channel sms): the number, Notify's id for it, its delivery as Notify last said, and how many texts it counts as. */
    toPhone: text("to_phone"),
    providerId: text("provider_id"),
    deliveryStatus: text("delivery_status"),
    fragments: integer("fragments").notNull().default(0),
    createdAt: createdAt(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_messages_due_idx").on(t.dueAt).where(sql`status = 'queued'`),
    index("outbox_messages_document_idx").on(t.documentId),
    index("outbox_messages_delivery_idx").on(t.channel, t.status).where(sql`provider_id IS NOT NULL`),
  ],
);

/**
 * What a family said back: a text to the school's Notify number, or the form
 * behind the reply link. It waits for a person: only a member of staff's
 * confirmation (confirmed_by) makes it a contact in which the parent was reached.
 */
export const familyReplies = pgTable(
  "family_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    /** text | link */
    source: text("source").notNull(),
    /** Notify's id for a received text, so one read twice is kept once per child. */
    notifyId: text("notify_id"),
    fromNumber: text("from_number"),
    body: text("body"),
    safeAndWell: boolean("safe_and_well"),
    reasonAbsent: text("reason_absent"),
    returnDate: date("return_date", { mode: "string" }),
    callbackNumber: text("callback_number"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    contactAttemptId: uuid("contact_attempt_id").references(() => contactAttempts.id),
  },
  (t) => [uniqueIndex("family_replies_notify_uq").on(t.notifyId, t.pupilId), index("family_replies_pupil_idx").on(t.pupilId, t.receivedAt)],
);

/** A family's reply link: the URL holds a 256-bit token, the table only its SHA-256. One child, 14 days. */
export const replyLinks = pgTable(
  "reply_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("reply_links_pupil_idx").on(t.pupilId)],
);

/**
 * Web Push subscriptions: one per browser a member of staff turned alerts on in.
 * The endpoint is the browser maker's push service URL; p256dh and auth are the
 * browser's keys, so only that browser can read what is sent.
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    /** The last failure from the push service (status code only), cleared by a success. */
    lastError: text("last_error"),
  },
  (t) => [index("push_subscriptions_user_idx").on(t.userId)],
);
