/**
 * The one schema, for PGlite and PostgreSQL alike. Every record that holds
 * school data carries `school_id`: need-to-know starts at the table.
 * Keep to SQL that PostgreSQL 15 (Debian's server) and PGlite (18) both accept.
 */
import { sql } from "drizzle-orm";
import type { AttendanceSummary } from "../domain/attendance/attendance-summary";
import {
  bigint,
  bigserial,
  boolean,
  check,
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

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const trusts = pgTable("trusts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const schools = pgTable("schools", {
  id: uuid("id").primaryKey().defaultRandom(),
  trustId: uuid("trust_id").references(() => trusts.id),
  name: text("name").notNull(),
  /** DfE unique reference number; optional for demo schools. */
  urn: text("urn"),
  policyTemplateId: text("policy_template_id").notNull(),
  phone: text("phone"),
  email: text("email"),
  address: text("address"),
  /** The demo school of `SEED_DEMO`: its published logins stop working once a real school exists. */
  demo: boolean("demo").notNull().default(false),
  /** The school asks a second factor of every member of staff, not only of the roles Doorstep requires it of. */
  secondFactorForEveryone: boolean("second_factor_for_everyone").notNull().default(false),
  /** The local authority's pack of returns (src/domain/attendance/statutory/la-packs.ts), chosen by the trust. */
  laPackId: text("la_pack_id").notNull().default("national"),
  /** Texts a year through GOV.UK Notify without charge: 5,000 for a state-funded school. */
  textAllowance: integer("text_allowance").notNull().default(5000),
  /**
   * The school's part of the public address of its policy for families
   * (`/families/policy/<id>`; scargill, transform-trust: "made available to
   * parents"). Random, so the address names no school and schools cannot be
   * listed by counting; stable, so a link on the school's website keeps working.
   */
  familyPolicyId: uuid("family_policy_id").notNull().defaultRandom().unique(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased: logins are case-insensitive. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    mobile: text("mobile"),
    passwordHash: text("password_hash").notNull(),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/**
 * A role is held in one school, or across a trust (trust_admin). Exactly one
 * of school_id / trust_id is set.
 */
export const userRoles = pgTable(
  "user_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    schoolId: uuid("school_id").references(() => schools.id),
    trustId: uuid("trust_id").references(() => trusts.id),
    role: text("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_roles_uq").on(t.userId, t.role, t.schoolId, t.trustId),
    index("user_roles_school_idx").on(t.schoolId),
    check("user_roles_scope", sql`(${t.schoolId} is null) <> (${t.trustId} is null)`),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. */
/**
 * Failed sign-ins per email and network address. Keyed by the email typed, known
 * or not, so an unknown address locks exactly as a real one does (nothing tells
 * which accounts exist); and by address, so a stranger's guesses lock out only
 * that stranger, never the member of staff at their own desk.
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    email: text("email").notNull(),
    address: text("address").notNull(),
    failures: integer("failures").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.address] })],
);

export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    schoolId: uuid("school_id").references(() => schools.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /**
     * How the identity provider says the person authenticated (OpenID Connect `amr`, e.g. ["pwd","mfa"]);
     * null for a Doorstep password sign-in. A second-factor step honours "mfa" here.
     */
    amr: jsonb("amr").$type<string[]>(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A member of staff's time-based one-time code (RFC 6238). The secret is sealed
 * with AES-256-GCM (src/app/auth/secret-box.ts); `confirmedAt` is null while set-up
 * waits for the first code. `lastTimeStep` is the 30-second step of the last code
 * accepted: a code of that step or earlier is refused, so an overheard code cannot
 * be used again. Failures lock the second step for a while, across instances.
 */
export const secondFactors = pgTable("second_factors", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  secretSealed: text("secret_sealed").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastTimeStep: integer("last_time_step"),
  failures: integer("failures").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  createdAt: createdAt(),
});

/** Ten single-use codes for a lost phone, kept as SHA-256 (they are random, not chosen by a person). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("recovery_codes_uq").on(t.userId, t.codeHash)],
);

/**
 * A passkey (WebAuthn credential) a member of staff added on the Account page, as a
 * second way to do the second step of signing in. Only the public key is kept; the
 * counter is the authenticator's signature count, which must rise (a cloned key
 * shows as a count that does not).
 */
export const passkeys = pgTable(
  "passkeys",
  {
    /** The credential id, base64url, as the browser reports it. */
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    /** COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>().notNull().default([]),
    /** What the member of staff calls it ("work laptop"). */
    name: text("name").notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/** A passkey being added on the Account page: the challenge the browser must sign, one at a time per account. */
export const passkeyRegistrations = pgTable("passkey_registrations", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  challenge: text("challenge").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/**
 * A sign-in whose password was right and whose second factor is still to come.
 * Not a session: the auth hook never accepts it. The token is held by the browser
 * for the few minutes it takes to type the code; the table keeps its SHA-256.
 */
export const loginChallenges = pgTable(
  "login_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    /** How the first step was passed, for the audit trail ("password"; single sign-on may add its own). */
    firstFactor: text("first_factor").notNull(),
    /** The WebAuthn challenge offered for a passkey at this step, if one was asked for; single-use with the row. */
    passkeyChallenge: text("passkey_challenge"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_challenges_user_idx").on(t.userId)],
);

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

export const pupils = pgTable(
  "pupils",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    upn: text("upn").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    yearGroup: text("year_group"),
    className: text("class_name"),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    town: text("town"),
    postcode: text("postcode"),
    /** Pupils sharing a household are siblings for visits (one visit, one address). */
    householdKey: text("household_key"),
    /** VulnerabilityFlag[]: child_protection_plan, child_in_need, looked_after, send_ehcp, known_to_social_care, other. */
    vulnerabilities: jsonb("vulnerabilities").$type<string[]>().notNull().default([]),
    /** The day the MIS says the pupil left (a Wonde leaver or deletion): kept, never deleted. */
    leftOn: date("left_on", { mode: "string" }),
    /** The day the name was added to the admission register (the new pupil return, PRR 2024 reg 13, counts from it). */
    admittedOn: date("admitted_on", { mode: "string" }),
    /** The pupil's id in the school's Wonde feed, when it came from one. */
    wondeId: text("wonde_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("pupils_school_upn_uq").on(t.schoolId, t.upn), index("pupils_household_idx").on(t.schoolId, t.householdKey)],
);

export const familyContacts = pgTable(
  "family_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    name: text("name").notNull(),
    relationship: text("relationship").notNull(),
    parentalResponsibility: boolean("parental_responsibility").notNull().default(false),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    priority: integer("priority").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("family_contacts_pupil_idx").on(t.pupilId)],
);

/** Terms, holidays, INSET days and closures: the days that are not school days. */
export const nonSchoolDays = pgTable(
  "non_school_days",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    label: text("label"),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day] })],
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
  (t) => [index("contact_attempts_pupil_idx").on(t.pupilId, t.day)],
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

/**
 * A school's policy, versioned. Each row is a complete policy (the template as the
 * school has edited it); the version in force on a day is the latest whose
 * `effective_from` is on or before that day, so a past day's list is explained by
 * the rules of that day.
 */
export const schoolPolicies = pgTable(
  "school_policies",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    version: integer("version").notNull(),
    templateId: text("template_id").notNull(),
    policy: jsonb("policy").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    changedBy: text("changed_by").notNull(),
    changeNote: text("change_note"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.version] })],
);

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
  (t) => [index("visits_school_day_idx").on(t.schoolId, t.day)],
);

export const visitPupils = pgTable(
  "visit_pupils",
  {
    visitId: uuid("visit_id").notNull().references(() => visits.id),
    pupilId: uuid("pupil_id").notNull().references(() => pupils.id),
    /** VisitOutcome for this child once the visit is over: child_seen, parent_seen_child_not_seen, no_contact, cancelled. */
    outcome: text("outcome"),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.pupilId] }), index("visit_pupils_pupil_idx").on(t.pupilId)],
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

export const staffChecks = pgTable("staff_checks", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  dbsNumber: text("dbs_number"),
  dbsIssuedOn: date("dbs_issued_on", { mode: "string" }),
  barredListCheckedOn: date("barred_list_checked_on", { mode: "string" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const staffTraining = pgTable(
  "staff_training",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    completedOn: date("completed_on", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }),
  },
  (t) => [index("staff_training_user_idx").on(t.userId)],
);

export const staffVehicles = pgTable("staff_vehicles", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  make: text("make").notNull(),
  model: text("model").notNull(),
  registration: text("registration").notNull(),
  colour: text("colour").notNull(),
  insuranceExpiresOn: date("insurance_expires_on", { mode: "string" }),
});

/** Every document sent or printed, kept on the record. */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    pupilId: uuid("pupil_id").references(() => pupils.id),
    visitId: uuid("visit_id").references(() => visits.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    pdf: text("pdf_base64").notNull(),
    emailedTo: jsonb("emailed_to").$type<string[]>().notNull().default([]),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("documents_visit_idx").on(t.visitId), index("documents_pupil_idx").on(t.pupilId)],
);

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

/** A secret, revocable iCalendar feed per user: the URL holds a token, the table its SHA-256. */
export const calendarFeeds = pgTable("calendar_feeds", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

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
 * A password reset asked for by email: the link's token is held only as its
 * SHA-256, used once, and valid for 30 minutes.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("password_resets_token_uq").on(t.tokenHash)],
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
  (t) => [index("referrals_pupil_idx").on(t.pupilId, t.kind, t.openedOn), index("referrals_school_idx").on(t.schoolId, t.openedOn)],
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
  (t) => [index("visit_records_school_idx").on(t.schoolId, t.kind, t.occurredAt)],
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

/** Letter and card templates per school, with placeholders, edited by the head. */
export const letterTemplates = pgTable(
  "letter_templates",
  {
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.kind] })],
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

/** Settings the server keeps for itself (the VAPID key pair when not configured by env). */
export const serverSettings = pgTable("server_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  createdAt: createdAt(),
});

/**
 * A school's single sign-on: one OpenID Connect provider (Microsoft Entra ID, checked by
 * `tid`, or Google Workspace, checked by `hd`), set by the head. The client secret is sealed
 * with AES-256-GCM (src/app/auth/sso/secret-box.ts); the key is never in the database.
 */
export const schoolSso = pgTable(
  "school_sso",
  {
    schoolId: uuid("school_id").primaryKey().references(() => schools.id),
    /** Shown in the start link: /api/auth/sso/<slug>/start. */
    slug: text("slug").notNull(),
    provider: text("provider").$type<"microsoft" | "google">().notNull(),
    /** Microsoft: the directory (tenant) id, a GUID. */
    tenantId: text("tenant_id"),
    /** Google: the Workspace domain the `hd` claim must name. */
    domain: text("domain"),
    clientId: text("client_id").notNull(),
    clientSecretSealed: text("client_secret_sealed").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("school_sso_slug_uq").on(t.slug),
    check("school_sso_provider_ck", sql`(${t.provider} = 'microsoft' and ${t.tenantId} is not null) or (${t.provider} = 'google' and ${t.domain} is not null)`),
  ],
);

/**
 * A sign-in sent to the identity provider and not yet back: the state (kept as its SHA-256),
 * nonce and PKCE verifier, server-side and single-use (deleted as the callback reads it).
 * `browserHash` ties it to the browser that started it, so a stranger's link cannot sign you in as them.
 */
export const ssoLogins = pgTable(
  "sso_logins",
  {
    stateHash: text("state_hash").primaryKey(),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    browserHash: text("browser_hash").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    redirectUri: text("redirect_uri").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sso_logins_expires_idx").on(t.expiresAt)],
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
  (t) => [primaryKey({ columns: [t.listId, t.pupilId] })],
);
