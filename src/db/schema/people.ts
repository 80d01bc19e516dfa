/** Trusts, schools, staff accounts and their roles, pupils and their families. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { ROLES } from "../../domain/people/roles";
import { createdAt, oneOf } from "./columns";

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
    oneOf("user_roles_role_ck", t.role, ROLES),
  ],
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
