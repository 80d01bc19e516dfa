/** Signing in: sessions, the second factor, passkeys, password resets, single sign-on. */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
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
import { createdAt } from "./columns";
import { schools, users } from "./people";

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
