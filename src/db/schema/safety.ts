/** On the doorstep: visit events, check-in deadlines, alerts and their deliveries, incidents. */
import { sql } from "drizzle-orm";
import {
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
import { schools, users } from "./people";
import { visits } from "./visits";

/**
 * What staff on a visit report (departed, arrived, check-in, …). The id is made
 * on the phone, so a step replayed after a lost signal is recorded once.
 */
export const visitEvents = pgTable(
  "visit_events",
  {
    id: uuid("id").primaryKey(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    step: text("step").notNull(),
    /** When it happened on the phone (may be earlier than received, if sent offline). */
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    latitude: text("latitude"),
    longitude: text("longitude"),
    note: text("note"),
  },
  (t) => [index("visit_events_visit_idx").on(t.visitId, t.occurredAt)],
);

/** The next time the office must hear from a visit. Swept by the scheduler; a row fires once. */
export const safetyDeadlines = pgTable(
  "safety_deadlines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    kind: text("kind").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    clause: text("clause").notNull(),
    /** pending → met (heard from in time) | fired (alert raised) */
    state: text("state").notNull().default("pending"),
    createdAt: createdAt(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    index("safety_deadlines_due_idx").on(t.state, t.dueAt),
    index("safety_deadlines_visit_idx").on(t.visitId),
    // A visit under way has one next deadline at a time, however many phones report at once.
    uniqueIndex("safety_deadlines_one_pending_uq").on(t.visitId).where(sql`state = 'pending'`),
  ],
);

/** An overdue check-in or an immediate-danger alarm, until a named person closes it with a note. */
export const safetyAlerts = pgTable(
  "safety_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** overdue | alarm */
    kind: text("kind").notNull(),
    /** Unique: one deadline raises one alert, however many instances sweep. */
    deadlineId: uuid("deadline_id").references(() => safetyDeadlines.id),
    level: text("level").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    escalateAt: timestamp("escalate_at", { withTimezone: true }),
    raisedBy: uuid("raised_by").references(() => users.id),
    latitude: text("latitude"),
    longitude: text("longitude"),
    acknowledgements: jsonb("acknowledgements").$type<{ level: string; by: string; at: string }[]>().notNull().default([]),
    stoodDownAt: timestamp("stood_down_at", { withTimezone: true }),
    stoodDownNote: text("stood_down_note"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    closedNote: text("closed_note"),
  },
  (t) => [
    uniqueIndex("safety_alerts_deadline_uq").on(t.deadlineId),
    index("safety_alerts_open_idx").on(t.schoolId, t.closedAt),
    index("safety_alerts_escalate_idx").on(t.escalateAt),
    index("safety_alerts_visit_idx").on(t.visitId),
  ],
);

/**
 * The outbox of alert emails and pushes: a row per alert, level and channel,
 * written in the transaction that raised or escalated the alert, so a crash
 * after the commit delays a message but cannot lose it. A sender claims a row by
 * pushing its due time a lease ahead, sends, then records the outcome.
 */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertId: uuid("alert_id").notNull().references(() => safetyAlerts.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** amber | red | police | alarm */
    level: text("level").notNull(),
    /** email | push */
    channel: text("channel").notNull(),
    createdAt: createdAt(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    /** sent | not_configured (no SMTP server or push sender) | no_devices (no one at the school has push on) */
    outcome: text("outcome"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    /** The error's name only: a message could carry an address. */
    lastError: text("last_error"),
  },
  (t) => [
    uniqueIndex("alert_deliveries_uq").on(t.alertId, t.level, t.channel),
    index("alert_deliveries_due_idx").on(t.dueAt).where(sql`done_at is null`),
  ],
);

/** Incidents and near misses on visits, reviewed by the head (burgh 11). */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    visitId: uuid("visit_id").references(() => visits.id),
    kind: text("kind").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    description: text("description").notNull(),
    reportedBy: uuid("reported_by").notNull().references(() => users.id),
    reportedName: text("reported_name").notNull(),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewNote: text("review_note"),
    createdAt: createdAt(),
  },
  (t) => [index("incidents_school_idx").on(t.schoolId, t.occurredAt)],
);
