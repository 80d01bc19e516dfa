/** Casework: agreements, notes, safeguarding concerns, referrals, visit records, external references. */
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
import { VISIT_RECORD_KINDS } from "../../domain/records/visit-records";
import { REFERRAL_KINDS } from "../../domain/records/referral-kinds";
import { createdAt, oneOf } from "./columns";
import { pupils, schools, users } from "./people";
import { visits } from "./visits";

/** Agreements made with parents (a parent contract), reviewed on a date (coteford 4.1-4.3; transform-trust 5.1-5.2). */
export const agreements = pgTable(
  "agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    visitId: uuid("visit_id").references(() => visits.id),
    terms: text("terms").notNull(),
    agreedWith: text("agreed_with").notNull(),
    reviewOn: date("review_on", { mode: "string" }).notNull(),
    /** open | kept | not_kept */
    status: text("status").notNull().default("open"),
    /** How many reviews found it not kept: the second leads to a follow-up visit. */
    breaches: integer("breaches").notNull().default(0),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("agreements_pupil_idx").on(t.pupilId), index("agreements_review_idx").on(t.schoolId, t.reviewOn)],
);

/** Notes on a pupil's attendance record (coteford 4.3: a failure to follow an agreement). */
export const pupilNotes = pgTable(
  "pupil_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    text: text("text").notNull(),
    byName: text("by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("pupil_notes_pupil_idx").on(t.pupilId)],
);

/** Seen only by the DSL, deputies and the head; the member of staff who raised it sees that it was received. */
export const safeguardingConcerns = pgTable(
  "safeguarding_concerns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").references(() => pupils.id),
    visitId: uuid("visit_id").references(() => visits.id),
    summary: text("summary").notNull(),
    details: text("details").notNull(),
    raisedBy: uuid("raised_by").notNull().references(() => users.id),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    /** The entry in the school's safeguarding system (CPOMS or MyConcern, per the template). */
    recordingSystem: text("recording_system").notNull(),
    externalRef: text("external_ref"),
    /** received | in_progress | closed */
    status: text("status").notNull().default("received"),
    dslNotes: text("dsl_notes"),
    decidedBy: uuid("decided_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    /** The day the head had it anonymised, past its retention period (src/domain/records/retention.ts); its note history stays. */
    anonymisedOn: date("anonymised_on", { mode: "string" }),
  },
  (t) => [index("concerns_school_idx").on(t.schoolId, t.raisedAt)],
);

/**
 * Every version of the DSL's record of a concern, oldest first: what was noted,
 * the status it moved from and to, and the reference, by whom and when. A
 * safeguarding record is evidence (KCSIE: a chronology of decisions); a trigger
 * refuses UPDATE and DELETE, so a note once saved cannot be rewritten or lost.
 * `safeguarding_concerns` keeps the latest version for the list.
 */
export const concernNoteVersions = pgTable(
  "concern_note_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    concernId: uuid("concern_id").notNull().references(() => safeguardingConcerns.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** 1, 2, 3 … per concern. */
    version: integer("version").notNull(),
    dslNotes: text("dsl_notes"),
    statusBefore: text("status_before").notNull(),
    status: text("status").notNull(),
    externalRef: text("external_ref"),
    /** Null only for a version carried over from before versions were kept, whose author the row did not record. */
    writtenBy: uuid("written_by").references(() => users.id),
    writtenName: text("written_name").notNull(),
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("concern_note_versions_uq").on(t.concernId, t.version)],
);

/** Steps beyond the school: PNAR, CME, safeguarding referral, police welfare check, penalty notice, legal proceedings. */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    kind: text("kind").notNull(),
    /** The engine action it answers, e.g. notify_local_authority. */
    fromAction: text("from_action"),
    rule: text("rule"),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
    decidedBy: uuid("decided_by").notNull().references(() => users.id),
    decidedName: text("decided_name").notNull(),
    reason: text("reason").notNull(),
    /** open | submitted | closed */
    status: text("status").notNull().default("open"),
    outcome: text("outcome"),
    outcomeOn: date("outcome_on", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index("referrals_pupil_idx").on(t.pupilId, t.kind, t.openedOn), index("referrals_school_idx").on(t.schoolId, t.openedOn), oneOf("referrals_kind_ck", t.kind, REFERRAL_KINDS)],
);

/**
 * The records the seed policies require after something happened on a visit:
 * a physical intervention (coteford 5.3-5.4), an allegation against staff
 * (coteford 5.5), a complaint about a visit (burgh 5), a pupil transported
 * (coteford 5.2). One typed family: `details` is checked per kind by
 * src/domain/records/visit-records.ts. `routed_to` are the roles it went to and
 * that alone read it (need-to-know), with the clause that sends it there.
 */
export const visitRecords = pgTable(
  "visit_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** physical_intervention | allegation | complaint | transport */
    kind: text("kind").notNull(),
    visitId: uuid("visit_id").references(() => visits.id),
    pupilId: uuid("pupil_id").references(() => pupils.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    routedTo: jsonb("routed_to").$type<string[]>().notNull(),
    routeClause: text("route_clause").notNull(),
    /** Child-protection or disciplinary review called for (coteford 5.4: injury or distress). */
    reviewRequired: boolean("review_required").notNull().default(false),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    recordedName: text("recorded_name").notNull(),
    /** open | closed */
    status: text("status").notNull().default("open"),
    outcome: text("outcome"),
    outcomeBy: uuid("outcome_by").references(() => users.id),
    outcomeAt: timestamp("outcome_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("visit_records_school_idx").on(t.schoolId, t.kind, t.occurredAt), oneOf("visit_records_kind_ck", t.kind, VISIT_RECORD_KINDS)],
);

/**
 * Where a record is kept in the school's safeguarding system as well (CPOMS,
 * MyConcern: scargill "recorded using MyConcern"; coteford 2.7, 4.1). Added,
 * never changed: a submitted visit report cannot be updated, and the latest
 * reference of a record is the one in force.
 */
export const externalReferences = pgTable(
  "external_references",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    /** visit_report | agreement | referral | visit_record */
    entity: text("entity").notNull(),
    entityId: uuid("entity_id").notNull(),
    system: text("system").notNull(),
    reference: text("reference").notNull(),
    recordedBy: uuid("recorded_by").notNull().references(() => users.id),
    recordedName: text("recorded_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("external_references_entity_idx").on(t.schoolId, t.entity, t.entityId)],
);
