/** The register, contacts and sightings, the daily lists, imports and the Wonde feed, the statutory returns. */
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CLOSURE_KINDS } from "../../domain/attendance/closure-kinds";
import { CONTACT_METHODS } from "../../domain/attendance/contact-methods";
import { createdAt, oneOf } from "./columns";
import { pupils, schools, trusts, users } from "./people";

/** Terms, holidays, INSET days and closures: the days that are not school days. */
export const nonSchoolDays = pgTable(
  "non_school_days",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    label: text("label"),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day] }), oneOf("non_school_days_kind_ck", t.kind, CLOSURE_KINDS)],
);

/** One DfE mark per pupil, date and session; a corrected mark replaces the old one. */
export const registerMarks = pgTable(
  "register_marks",
  {
    schoolId: uuid("school_id").notNull(),
    pupilId: uuid("pupil_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    session: text("session").notNull(),
    code: text("code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.day, t.session] }), index("register_marks_school_day_idx").on(t.schoolId, t.day)],
);

export const contactAttempts = pgTable(
  "contact_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    day: date("day", { mode: "string" }).notNull(),
    method: text("method").notNull(),
    reached: boolean("reached").notNull(),
    reasonGiven: text("reason_given"),
    note: text("note"),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    /** A text or email Doorstep sent: the number or address, and the outbox row whose delivery is shown. */
    toAddress: text("to_address"),
    messageId: uuid("message_id"),
    createdAt: createdAt(),
  },
  (t) => [index("contact_attempts_pupil_idx").on(t.pupilId, t.day), oneOf("contact_attempts_method_ck", t.method, CONTACT_METHODS)],
);

export const sightings = pgTable(
  "sightings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    day: date("day", { mode: "string" }).notNull(),
    seenBy: text("seen_by").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("sightings_pupil_idx").on(t.pupilId, t.day)],
);

/** The list the daily job made for a school and day, kept so a past morning can be shown as it was. */
export const dailyActions = pgTable(
  "daily_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    day: date("day", { mode: "string" }).notNull(),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    action: text("action").notNull(),
    rule: text("rule").notNull(),
    reason: text("reason").notNull(),
    priority: integer("priority").notNull(),
    policyVersion: integer("policy_version").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("daily_actions_uq").on(t.schoolId, t.day, t.pupilId, t.action)],
);

/** One row per file imported: the same file twice is recognised by its hash. */
export const importBatches = pgTable(
  "import_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").references(() => schools.id),
    trustId: uuid("trust_id").references(() => trusts.id),
    kind: text("kind").notNull(),
    fileName: text("file_name"),
    sha256: text("sha256").notNull(),
    rows: integer("rows").notNull(),
    inserted: integer("inserted").notNull(),
    changed: integer("changed").notNull(),
    unchanged: integer("unchanged").notNull(),
    importedBy: text("imported_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("import_batches_school_idx").on(t.schoolId, t.createdAt)],
);

/** One row per school and day the daily job has run: the claim that makes it run once across instances. */
export const dailyRuns = pgTable(
  "daily_runs",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    day: date("day", { mode: "string" }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    actions: integer("actions"),
    policyVersion: integer("policy_version"),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day] })],
);

/**
 * A return the law requires to the local authority (PRR 2024 reg 13), once per
 * episode: a row is written when it is submitted, saying when, how and by whom.
 * Until then the duty is on Today as a task (the engine owes it afresh each morning).
 */
export const statutoryReturns = pgTable(
  "statutory_returns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    /** StatutoryDuty: ten_day_return, sickness_return, new_pupil_return. */
    duty: text("duty").notNull(),
    /** Which episode it answers (the engine's episodeKey). */
    episodeKey: text("episode_key").notNull(),
    regulation: text("regulation").notNull(),
    laPackId: text("la_pack_id").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    submittedOn: date("submitted_on", { mode: "string" }).notNull(),
    /** email | post | portal | csv_upload | by_hand */
    submittedHow: text("submitted_how").notNull(),
    reference: text("reference"),
    submittedBy: uuid("submitted_by").notNull().references(() => users.id),
    submittedName: text("submitted_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("statutory_returns_episode_uq").on(t.schoolId, t.pupilId, t.duty, t.episodeKey)],
);

/**
 * A ground for deleting a pupil's name from the admission register (PRR 2024
 * reg 9) the school recorded as met: a deletion return is then owed before the
 * name goes. The whereabouts-unknown ground comes from the register itself.
 */
export const deletionGrounds = pgTable(
  "deletion_grounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    /** DeletionGround (src/domain/attendance/statutory/deletion-grounds.ts). */
    ground: text("ground").notNull(),
    metOn: date("met_on", { mode: "string" }).notNull(),
    /** The new school, the destination, or the notice the ground rests on. */
    detail: text("detail"),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    recordedName: text("recorded_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("deletion_grounds_uq").on(t.schoolId, t.pupilId, t.ground, t.metOn)],
);

/**
 * Reasonable enquiries made jointly with the LA about a child whose
 * whereabouts are unknown (PRR 2024 reg 9; Children missing education): who at
 * the LA, when, what. A deletion return on that ground is complete only with one.
 */
export const laJointEnquiries = pgTable(
  "la_joint_enquiries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    /** The deletion return's episode (the engine's episodeKey). */
    episodeKey: text("episode_key").notNull(),
    laOfficer: text("la_officer").notNull(),
    madeOn: date("made_on", { mode: "string" }).notNull(),
    what: text("what").notNull(),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    recordedName: text("recorded_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("la_joint_enquiries_episode_idx").on(t.schoolId, t.pupilId, t.episodeKey)],
);

/**
 * The school's decision on a penalty notice (WTISA 2024 national framework):
 * a notice to improve with its window, a notice issued to a named parent, or
 * other support instead. At most two notices per parent per child in three years.
 */
export const penaltyNoticeDecisions = pgTable(
  "penalty_notice_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    /** notice_to_improve | penalty_notice | other_support */
    decision: text("decision").notNull(),
    parentName: text("parent_name"),
    windowStart: date("window_start", { mode: "string" }),
    windowEnd: date("window_end", { mode: "string" }),
    /** Pence: £80 if paid within 21 days, £160 within 28; a second notice £160. */
    amountPence: integer("amount_pence"),
    payBy: date("pay_by", { mode: "string" }),
    reason: text("reason").notNull(),
    decidedBy: uuid("decided_by").notNull().references(() => users.id),
    decidedName: text("decided_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("penalty_notice_decisions_pupil_idx").on(t.schoolId, t.pupilId, t.decidedOn)],
);

/**
 * A school's live feed from its MIS through Wonde (one per school). The token is
 * AES-GCM ciphertext (src/app/attendance/wonde/token-box.ts), never sent back out.
 * A sync is claimed by setting `syncing_since` where it is null (or stale), so one
 * sync per school runs at a time across instances, as daily_runs claims a day.
 */
export const wondeFeeds = pgTable("wonde_feeds", {
  schoolId: uuid("school_id").primaryKey().references(() => schools.id),
  wondeSchoolId: text("wonde_school_id").notNull(),
  baseUrl: text("base_url").notNull(),
  tokenCiphertext: text("token_ciphertext").notNull(),
  /** connected | access_revoked | error */
  state: text("state").notNull().default("connected"),
  /** Records updated after this (less an overlap) are asked for next time. */
  watermark: timestamp("watermark", { withTimezone: true }),
  syncingSince: timestamp("syncing_since", { withTimezone: true }),
  progress: text("progress"),
  lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
  lastRows: integer("last_rows"),
  lastMarksChanged: integer("last_marks_changed"),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  /** The school's own sync schedule (src/domain/attendance/wonde-schedule.ts); null: Doorstep's default. */
  schedule: jsonb("schedule").$type<{ busyFrom: number; busyUntil: number; busyEvery: number; hourlyUntil: number }>(),
  connectedBy: text("connected_by").notNull(),
  createdAt: createdAt(),
});
