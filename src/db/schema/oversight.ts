/** Subject access, case samples and half-term decision lists. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { SUBJECT_KINDS } from "../../domain/records/subject-access";
import { DECISIONS } from "../../domain/oversight/decision-list";
import { createdAt, oneOf } from "./columns";
import { familyContacts, pupils, schools, users } from "./people";
import { visits } from "./visits";

/**
 * A subject access request (UK GDPR Art. 15) for a pupil, or for a parent or
 * contact of one: who asked, when it was received and the day the answer is due
 * (one month, src/domain/records/subject-access.ts). The DSL's decision on the
 * safeguarding concerns is recorded here, and audited, before an export carries
 * them; each export is audited too, never kept.
 */
export const subjectAccessRequests = pgTable(
  "subject_access_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** pupil | contact */
    subjectKind: text("subject_kind").notNull(),
    /** The pupil, or for a contact the child they are a contact of. */
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    contactId: uuid("contact_id").references(() => familyContacts.id),
    /** Who asked, in words: "Siobhán Ó Ceallaigh, mother, by letter". */
    requestedBy: text("requested_by").notNull(),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    recordedName: text("recorded_name").notNull(),
    /** include | withhold: the DSL's decision, null until made. */
    concernsDecision: text("concerns_decision"),
    concernsReason: text("concerns_reason"),
    concernsDecidedBy: uuid("concerns_decided_by").references(() => users.id),
    concernsDecidedName: text("concerns_decided_name"),
    concernsDecidedAt: timestamp("concerns_decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("subject_access_requests_school_idx").on(t.schoolId, t.receivedOn),
    check("subject_access_requests_contact_ck", sql`(${t.subjectKind} = 'contact') = (${t.contactId} is not null)`),
    oneOf("subject_access_requests_subject_kind_ck", t.subjectKind, SUBJECT_KINDS),
  ],
);

/**
 * Case sampling (burgh 13: the head and DSL "monitor compliance and impact
 * through spot checks, case sampling and data reviews"). A sample is drawn at
 * random from the visits made in a range; the seed is kept so the draw can be
 * shown and repeated. The id is the client's, so a draw sent twice is one sample.
 */
export const caseSamples = pgTable(
  "case_samples",
  {
    id: uuid("id").primaryKey(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    fromDay: date("from_day", { mode: "string" }).notNull(),
    toDay: date("to_day", { mode: "string" }).notNull(),
    /** How many were asked for; fewer are drawn when the range holds fewer visits. */
    sizeAsked: integer("size_asked").notNull(),
    /** The seed of the draw: the same seed over the same visits draws the same sample. */
    seed: integer("seed").notNull(),
    /** How many visits were made in the range when it was drawn (the pool). */
    poolSize: integer("pool_size").notNull(),
    drawnBy: uuid("drawn_by").notNull().references(() => users.id),
    drawnName: text("drawn_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_samples_school_idx").on(t.schoolId, t.createdAt)],
);

/** A visit in a sample and, once reviewed, the reviewer's finding against the policy. */
export const caseSampleVisits = pgTable(
  "case_sample_visits",
  {
    sampleId: uuid("sample_id").notNull().references(() => caseSamples.id),
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** Order of the draw. */
    position: integer("position").notNull(),
    reportComplete: boolean("report_complete"),
    clauseFollowed: boolean("clause_followed"),
    checkInsKept: boolean("check_ins_kept"),
    note: text("note"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedName: text("reviewed_name"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.visitId] })],
);

/**
 * The half-term decision list (transform-trust 4.2: actions decided "at half
 * term/summary meetings", beside the daily reactive list). The id is the client's.
 */
export const decisionLists = pgTable(
  "decision_lists",
  {
    id: uuid("id").primaryKey(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** below_90_percent | persistently_absent */
    criterion: text("criterion").notNull(),
    fromDay: date("from_day", { mode: "string" }).notNull(),
    toDay: date("to_day", { mode: "string" }).notNull(),
    builtBy: uuid("built_by").notNull().references(() => users.id),
    builtName: text("built_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("decision_lists_school_idx").on(t.schoolId, t.createdAt)],
);

/** A pupil on a decision list, the figure that put them there, and the decision once made. */
export const decisionListPupils = pgTable(
  "decision_list_pupils",
  {
    listId: uuid("list_id").notNull().references(() => decisionLists.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    possibleSessions: integer("possible_sessions").notNull(),
    sessionsMissed: integer("sessions_missed").notNull(),
    /** visit | letter | meeting | monitor | no_action */
    decision: text("decision"),
    note: text("note"),
    /** The visit the decision put on the visit list, through insertProposedVisit. */
    visitId: uuid("visit_id").references(() => visits.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedName: text("decided_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.listId, t.pupilId] }), oneOf("decision_list_pupils_decision_ck", t.decision, DECISIONS, true)],
);
