/** The append-only audit trail, the keys that record a repeated write once, the server's own settings. */
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./people";

/**
 * Append-only: a trigger in the migrations refuses UPDATE and DELETE.
 * `before` / `after` hold the changed record as it was and as it became.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    /** Shown in the log even after the account is renamed. */
    actorName: text("actor_name").notNull(),
    schoolId: uuid("school_id"),
    trustId: uuid("trust_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_school_at_idx").on(t.schoolId, t.at), index("audit_entity_idx").on(t.entity, t.entityId)],
);

/**
 * A write a person or a phone may repeat carries an id the client made
 * (the Idempotency-Key header). The key is recorded in the transaction of the
 * change; the answer is stored when it is sent, and a repeat is answered with it.
 */
export const requestKeys = pgTable(
  "request_keys",
  {
    userId: uuid("user_id").notNull().references(() => users.id),
    key: text("key").notNull(),
    /** METHOD and route pattern: the same key on another route is a different request. */
    route: text("route").notNull(),
    statusCode: integer("status_code"),
    response: text("response"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Settings the server keeps for itself (the VAPID key pair when not configured by env). */
export const serverSettings = pgTable("server_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  createdAt: createdAt(),
});
