/** Visits and their planning: pupils, approvals, team, companions, risk assessments, appointments, reports. */
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
import { VISIT_OUTCOMES } from "../../domain/attendance/evaluation-input";
import { VISIT_PURPOSES } from "../../domain/visits/visit-purposes";
import { VISIT_STATES } from "../../domain/visits/visit-lifecycle";
import type { AttendanceSummary } from "../../domain/attendance/attendance-summary";
import { createdAt, oneOf } from "./columns";
import { pupils, schools, users } from "./people";

/**
 * A home visit. Issue 4 grows its planning; the engine needs its date and, per
 * child, the outcome. Siblings at one address share one visit.
 */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    purpose: text("purpose").notNull(),
    state: text("state").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    address: text("address"),
    /** The engine action this visit answers, e.g. `eyes_on_visit`. */
    answersAction: text("answers_action"),
    proposedBy: uuid("proposed_by").references(() => users.id),
    /** Agreed time (appointments) or planned time of departure. */
    startsAt: timestamp("starts_at", { withTimezone: true }),
    expectedBackAt: timestamp("expected_back_at", { withTimezone: true }),
    /** Safeguarding involved: under Burgh 5 the DSL agrees with the head. */
    safeguarding: boolean("safeguarding").notNull().default(false),
    dslAgreedBy: uuid("dsl_agreed_by").references(() => users.id),
    /** Burgh 7: relevant background checked with the DSL before the visit; the note is what the team is told. */
    backgroundCheckedBy: uuid("background_checked_by").references(() => users.id),
    backgroundCheckedAt: timestamp("background_checked_at", { withTimezone: true }),
    backgroundNote: text("background_note"),
    cancelledReason: text("cancelled_reason"),
    /** Bumped on each change so a stale form cannot overwrite a newer one. */
    revision: integer("revision").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("visits_school_day_idx").on(t.schoolId, t.day), oneOf("visits_state_ck", t.state, VISIT_STATES), oneOf("visits_purpose_ck", t.purpose, VISIT_PURPOSES)],
);

export const visitPupils = pgTable(
  "visit_pupils",
  {
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    /** VisitOutcome for this child once the visit is over: child_seen, parent_seen_child_not_seen, no_contact, cancelled. */
    outcome: text("outcome"),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.pupilId] }), index("visit_pupils_pupil_idx").on(t.pupilId), oneOf("visit_pupils_outcome_ck", t.outcome, VISIT_OUTCOMES, true)],
);

/** The head's signature on a visit (typed name, time, account); a list approval signs several at once. */
export const visitApprovals = pgTable(
  "visit_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    /** Shared by the visits approved together as one list (coteford 3.3). */
    listId: uuid("list_id"),
    approvedBy: uuid("approved_by").notNull().references(() => users.id),
    signedName: text("signed_name").notNull(),
    role: text("role").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
    /** The visit's revision when signed: a later change needs a new signature (coteford 3.6). */
    visitRevision: integer("visit_revision").notNull(),
  },
  (t) => [index("visit_approvals_visit_idx").on(t.visitId)],
);

export const visitTeam = pgTable(
  "visit_team",
  {
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    driver: boolean("driver").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.userId] }), index("visit_team_user_idx").on(t.userId)],
);

/**
 * People from outside the school accompanying a visit (burgh 1: "volunteers or
 * external professionals accompanying them"; burgh 9: joint visits). Not Doorstep
 * users: a name, an organisation, a role and a phone the office can call. The id
 * is made by the client, so a form sent twice adds the person once.
 */
export const visitCompanions = pgTable(
  "visit_companions",
  {
    id: uuid("id").primaryKey(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    name: text("name").notNull(),
    organisation: text("organisation").notNull(),
    role: text("role").notNull(),
    phone: text("phone"),
    addedBy: uuid("added_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("visit_companions_visit_idx").on(t.visitId)],
);

/** Risk assessments are versioned: a new risk means a new assessment; the latest is current. */
export const riskAssessments = pgTable(
  "risk_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    answers: jsonb("answers").notNull(),
    pairDecision: boolean("pair_decision").notNull(),
    riskLevel: text("risk_level").notNull(),
    completedBy: uuid("completed_by").notNull().references(() => users.id),
    completedRole: text("completed_role").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("risk_assessments_visit_idx").on(t.visitId, t.completedAt)],
);

export const appointments = pgTable("appointments", {
  visitId: uuid("visit_id").primaryKey().references(() => visits.id),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  place: text("place").notNull(),
  agreedWith: text("agreed_with").notNull(),
  agreedBy: uuid("agreed_by").notNull().references(() => users.id),
  /** PNG data URLs captured on the device (scargill: parent's and officer's signatures). */
  parentSignature: text("parent_signature"),
  officerSignature: text("officer_signature"),
  signedAt: timestamp("signed_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** A secret, revocable iCalendar feed per user: the URL holds a token, the table its SHA-256. */
export const calendarFeeds = pgTable("calendar_feeds", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * The visit report (coteford Appendix 2). Submitted reports are never edited:
 * a trigger refuses UPDATE and DELETE; later facts go in addenda.
 */
export const visitReports = pgTable(
  "visit_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    reason: text("reason").notNull(),
    peoplePresent: text("people_present").notNull(),
    summary: text("summary").notNull(),
    actionsAgreed: text("actions_agreed").notNull(),
    followUpActions: text("follow_up_actions").notNull(),
    /** Per child: seen or not, and the outcome. */
    children: jsonb("children").$type<{ pupilId: string; name: string; seen: boolean; outcome: string; attendance: AttendanceSummary | null }[]>().notNull(),
    staffPresent: jsonb("staff_present").$type<string[]>().notNull(),
    completedBy: uuid("completed_by").notNull().references(() => users.id),
    completedName: text("completed_name").notNull(),
    completedRole: text("completed_role").notNull(),
    completedOn: date("completed_on", { mode: "string" }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("visit_reports_visit_uq").on(t.visitId)],
);

export const visitReportAddenda = pgTable("visit_report_addenda", {
  id: uuid("id").primaryKey().defaultRandom(),
  reportId: uuid("report_id").notNull().references(() => visitReports.id),
  text: text("text").notNull(),
  addedBy: uuid("added_by").notNull().references(() => users.id),
  addedName: text("added_name").notNull(),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
});
