/**
 * The compliance replay's mornings, kept (issue 16): what the engine listed on
 * each past school morning of a school, and why each action it stopped listing
 * left the list. Derived data, never a record: any of it may be deleted and is
 * made again from the records by the next figure that needs it.
 *
 * Kept as long as the records behind it stand. The database itself forgets a
 * morning when a record it was made from changes: triggers on every table the
 * replay reads (migration 0033, kept_mornings_forgotten) delete the school's kept
 * mornings from the day the change touches, and bump the school's version so a
 * replay that read the records before the change does not keep what it made.
 */
import { bigint, date, integer, pgTable, primaryKey, text, timestamp, uuid, foreignKey } from "drizzle-orm/pg-core";
import { ACTION_KINDS } from "../../domain/attendance/actions";
import { CLOSURE_REASONS } from "../../domain/oversight/closure-reasons";
import { oneOf } from "./columns";
import { schools } from "./people";

/** Bumped, in the writer's transaction, by every change to what the school's replay reads. */
export const keptReplayVersions = pgTable("kept_replay_versions", {
  schoolId: uuid("school_id")
    .primaryKey()
    .references(() => schools.id),
  version: bigint("version", { mode: "number" }).notNull(),
});

/** A school morning whose list and closures are kept. */
export const keptMornings = pgTable(
  "kept_mornings",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    day: date("day", { mode: "string" }).notNull(),
    keptAt: timestamp("kept_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day] })],
);

/** The morning's list: one row per pupil and action, in the engine's order. */
export const keptMorningActions = pgTable(
  "kept_morning_actions",
  {
    schoolId: uuid("school_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    position: integer("position").notNull(),
    pupilId: uuid("pupil_id").notNull(),
    action: text("action").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.day, t.position] }),
    foreignKey({ columns: [t.schoolId, t.day], foreignColumns: [keptMornings.schoolId, keptMornings.day] }).onDelete("cascade"),
    oneOf("kept_morning_actions_action_ck", t.action, ACTION_KINDS),
  ],
);

/** An action listed on the school day before `day` and not on `day`: the episode closed that morning, and why. */
export const keptClosures = pgTable(
  "kept_closures",
  {
    schoolId: uuid("school_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    pupilId: uuid("pupil_id").notNull(),
    action: text("action").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.day, t.pupilId, t.action] }),
    foreignKey({ columns: [t.schoolId, t.day], foreignColumns: [keptMornings.schoolId, keptMornings.day] }).onDelete("cascade"),
    oneOf("kept_closures_action_ck", t.action, ACTION_KINDS),
    oneOf("kept_closures_reason_ck", t.reason, CLOSURE_REASONS),
  ],
);
