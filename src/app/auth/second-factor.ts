/**
 * The second step of signing in (issue 20): a time-based one-time code (RFC 6238,
 * otplib) or one of ten single-use recovery codes. The password step ends in a
 * login challenge, not a session (login.ts); only this module turns a challenge
 * into a session. Single sign-on can end in the same challenge when the identity
 * provider did not do a second factor itself.
 *
 * Codes: 6 digits, 30-second steps, one step of clock drift either way. A code's
 * step is recorded when it is accepted and no code of that step or earlier is
 * accepted again (the update is conditional, so two requests racing with one code
 * cannot both win). LOGIN_MAX_FAILURES wrong codes lock the second step for
 * LOGIN_LOCK_MINUTES, on the account (whoever holds the password is trying).
 */
import { createHash, randomInt } from "node:crypto";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verifySync } from "otplib";
import QRCode from "qrcode";
import type { Database, Executor } from "../../db/client";
import { loginChallenges, passkeys, recoveryCodes, schools, secondFactors, users } from "../../db/schema";
import { DomainError, InvalidInput } from "../../domain/errors";
import { secondFactorNeed } from "../../domain/people/second-factor";
import { DEMO_STAFF } from "../demo/demo-people";
import { writeAudited, type Actor, type Audit } from "../audit/write-audited";
import { createSession, deleteAllSessions, hashToken, newToken, type NewSession } from "./sessions";
import { defaultSchool, rolesOfUser } from "../people/roles-of-user";
import { open, seal, type SecretKey } from "./secret-box";
import type { Granter } from "../../domain/people/role-grants";
import { mayKeepRecord } from "../people/staff-records";
import { listPasskeys } from "./passkeys";

export const CHALLENGE_MINUTES = 10;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Doorstep";
const TOLERANCE_SECONDS = 30;

export type SecondFactorStep = "enroll" | "verify";

export class SecondFactorRefused extends DomainError {
  constructor(readonly reason: "wrong_code" | "used_code" | "locked" | "challenge_expired" | "already_set_up" | "passkey_refused", lockedUntil?: Date) {
    super(
      "unauthenticated",
      reason === "locked"
        ? `Too many wrong codes: the second step of signing in is locked until ${lockedUntil?.toISOString()}. Ask your headteacher to unlock it if you cannot wait.`
        : reason === "used_code"
          ? "This code has been used already: wait for the next one on your phone."
          : reason === "challenge_expired"
            ? "The sign-in took too long: start again with your email and password."
            : reason === "already_set_up"
              ? "Two-factor sign-in is already set up for this account."
              : reason === "passkey_refused"
                ? "The passkey was not accepted: try it again, or type a code from your app."
                : "That code is not right.",
      reason === "challenge_expired" ? "challenge" : reason === "passkey_refused" ? "passkey" : "code",
    );
    this.name = "SecondFactorRefused";
  }
}

export interface SecondFactorSettings {
  /** REQUIRE_SECOND_FACTOR: the roles of SECOND_FACTOR_ROLES must set one up. */
  rolesRequire: boolean;
  maxFailures: number;
  lockMinutes: number;
  sessionHours: number;
}

/**
 * The published demo logins (src/app/demo/demo-people.ts) are never made to set up
 * a second factor: their password is printed on the sign-in page, and a code set
 * up by the first visitor would lock every later visitor out. A second factor
 * would protect nothing there.
 */
async function isPublishedDemoLogin(db: Executor, email: string, schoolIds: string[]): Promise<boolean> {
  if (!DEMO_STAFF.some((d) => d.email === email) || schoolIds.length === 0) return false;
  const rows = await db.select({ id: schools.id, demo: schools.demo }).from(schools);
  return schoolIds.every((id) => rows.find((r) => r.id === id)?.demo === true);
}

/** What the account must do after a right password: nothing, set a factor up, or give a code. */
export async function secondFactorStepFor(db: Executor, user: { id: string; email: string }, rolesRequire: boolean): Promise<SecondFactorStep | null> {
  const [factor] = await db.select({ confirmedAt: secondFactors.confirmedAt }).from(secondFactors).where(eq(secondFactors.userId, user.id));
  if (factor?.confirmedAt) return "verify";
  return (await secondFactorRequired(db, user, rolesRequire)) ? "enroll" : null;
}

/** Whether this account's roles (or its school's choice) ask for a second factor. */
async function secondFactorRequired(db: Executor, user: { id: string; email: string }, rolesRequire: boolean): Promise<boolean> {
  const access = await rolesOfUser(db, user.id);
  const everyone = access.length
    ? await db.select({ id: schools.id, everyone: schools.secondFactorForEveryone }).from(schools)
    : [];
  const need = secondFactorNeed(
    access.map((a) => ({ roles: a.roles, everyone: everyone.find((s) => s.id === a.schoolId)?.everyone ?? false })),
    rolesRequire,
  );
  if (need === "none") return false;
  return !(await isPublishedDemoLogin(db, user.email, access.map((a) => a.schoolId)));
}

export interface Challenge {
  step: SecondFactorStep;
  challenge: string;
  expiresAt: Date;
  /** The account has a passkey, so the browser may offer it instead of a code. */
  passkey: boolean;
}

/** Called inside the first step's transaction: the password (or the identity provider) was right. */
export async function openChallenge(tx: Executor, userId: string, step: SecondFactorStep, firstFactor: string, now: Date): Promise<Challenge> {
  const challenge = newToken();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
  await tx.delete(loginChallenges).where(and(eq(loginChallenges.userId, userId), lt(loginChallenges.expiresAt, now)));
  await tx.insert(loginChallenges).values({ tokenHash: hashToken(challenge), userId, firstFactor, expiresAt, createdAt: now });
  const keys = step === "verify" ? await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1) : [];
  return { step, challenge, expiresAt, passkey: keys.length > 0 };
}

export async function challengeUser(db: Executor, challenge: string, now: Date) {
  const [row] = await db
    .select({ user: users, firstFactor: loginChallenges.firstFactor, passkeyChallenge: loginChallenges.passkeyChallenge })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .where(and(eq(loginChallenges.tokenHash, hashToken(challenge)), gt(loginChallenges.expiresAt, now)));
  if (!row || row.user.disabled) throw new SecondFactorRefused("challenge_expired");
  return row;
}

export interface Enrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  /** The QR code of the URI as a PNG data: URL, made here: no third party sees the secret. */
  qrCode: string;
}

/** A new secret for `user` (replacing one not yet confirmed); refused once a factor is confirmed. */
async function enrol(db: Database, key: SecretKey, user: { id: string; email: string; name: string }, now: Date): Promise<Enrolment> {
  const secret = generateSecret();
  await writeAudited(db, { userId: user.id, name: user.name }, async (tx, audit) => {
    const [existing] = await tx.select().from(secondFactors).where(eq(secondFactors.userId, user.id));
    if (existing?.confirmedAt) throw new SecondFactorRefused("already_set_up");
    const sealed = seal(key, secret, user.id);
    await tx
      .insert(secondFactors)
      .values({ userId: user.id, secretSealed: sealed, createdAt: now })
      .onConflictDoUpdate({ target: secondFactors.userId, set: { secretSealed: sealed, lastTimeStep: null, createdAt: now } });
    await audit({ action: "second_factor_setup_started", entity: "user", entityId: user.id });
  });
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
  return { secret, otpauthUri, qrCode: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 2, width: 240 }) };
}

/** Set-up on the first sign-in. */
export async function startEnrolment(db: Database, key: SecretKey, challenge: string, now: Date): Promise<Enrolment> {
  const { user } = await challengeUser(db, challenge, now);
  return enrol(db, key, user, now);
}

/** Set-up from the Account page, by someone already signed in whose role does not require it. */
export async function startOwnEnrolment(db: Database, key: SecretKey, userId: string, now: Date): Promise<Enrolment> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new InvalidInput("userId", "no such account");
  const access = await rolesOfUser(db, user.id);
  if (await isPublishedDemoLogin(db, user.email, access.map((a) => a.schoolId))) {
    throw new InvalidInput("userId", "this is a published demo login: its password is on the sign-in page, so a code set up on it would lock every other visitor out");
  }
  return enrol(db, key, user, now);
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
function newRecoveryCode(): string {
  const pick = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return `${pick()}-${pick()}`;
}
function recoveryHash(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${code.trim().toLowerCase().replace(/[\s-]/g, "")}`).digest("hex");
}
const looksLikeRecoveryCode = (code: string) => /[a-z]/i.test(code);

/** Ten new recovery codes; any earlier ones stop working. Shown once, never stored in clear. */
async function issueRecoveryCodes(tx: Executor, audit: Audit, userId: string, now: Date, action: "second_factor_set_up" | "recovery_codes_replaced"): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const before = await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).returning({ usedAt: recoveryCodes.usedAt });
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryHash(userId, c), createdAt: now })));
  await audit({
    action,
    entity: "user",
    entityId: userId,
    ...(action === "recovery_codes_replaced" ? { before: { recoveryCodesLeft: before.filter((b) => !b.usedAt).length } } : {}),
    after: { recoveryCodes: RECOVERY_CODE_COUNT },
  });
  return codes;
}

type Factor = typeof secondFactors.$inferSelect;
type Refusal = "wrong_code" | "used_code";

/** A wrong or used code counts towards the lock, in the caller's transaction; the lock's end if it now holds. */
async function countFailure(tx: Executor, audit: Audit, factor: Factor, reason: Refusal, now: Date, settings: SecondFactorSettings): Promise<Date | null> {
  const failures = factor.failures + 1;
  const lockedUntil = failures >= settings.maxFailures ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
  await tx.update(secondFactors).set({ failures: lockedUntil ? 0 : failures, lockedUntil }).where(eq(secondFactors.userId, factor.userId));
  await audit({ action: lockedUntil ? "second_factor_locked" : "second_factor_failed", entity: "user", entityId: factor.userId, after: { reason, failures, lockedUntil } });
  return lockedUntil;
}

/**
 * A code from the phone: right for this secret, and of a later 30-second step than
 * any accepted before (the conditional update wins once under a race). `confirm`
 * marks a new secret as set up.
 */
async function takeTotp(tx: Executor, key: SecretKey, factor: Factor, code: string, now: Date, confirm: boolean): Promise<Refusal | null> {
  const token = code.replace(/\s/g, "");
  const secret = open(key, factor.secretSealed, factor.userId);
  const epoch = Math.floor(now.getTime() / 1000);
  const result = /^\d{6}$/.test(token) ? verifySync({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS }) : { valid: false as const };
  if (!result.valid || !("timeStep" in result)) return "wrong_code";
  const taken = await tx
    .update(secondFactors)
    .set({ lastTimeStep: result.timeStep, failures: 0, lockedUntil: null, ...(confirm ? { confirmedAt: now } : {}) })
    .where(and(eq(secondFactors.userId, factor.userId), or(isNull(secondFactors.lastTimeStep), lt(secondFactors.lastTimeStep, result.timeStep))))
    .returning({ userId: secondFactors.userId });
  return taken.length ? null : "used_code";
}

type Checked<T> = { refused: Refusal; lockedUntil: Date | null } | { ok: T };

/** Runs `accepted` if `check` passes; a refusal is counted and committed, then thrown. */
async function withCheckedCode<T>(
  db: Database,
  actor: Actor,
  factor: Factor,
  now: Date,
  settings: SecondFactorSettings,
  check: (tx: Executor) => Promise<Refusal | null>,
  accepted: (tx: Executor, audit: Audit) => Promise<T>,
): Promise<T> {
  if (factor.lockedUntil && factor.lockedUntil > now) throw new SecondFactorRefused("locked", factor.lockedUntil);
  const outcome = await writeAudited(db, actor, async (tx, audit): Promise<Checked<T>> => {
    const refused = await check(tx);
    if (refused) return { refused, lockedUntil: await countFailure(tx, audit, factor, refused, now, settings) };
    return { ok: await accepted(tx, audit) };
  });
  if ("ok" in outcome) return outcome.ok;
  if (outcome.lockedUntil) throw new SecondFactorRefused("locked", outcome.lockedUntil);
  throw new SecondFactorRefused(outcome.refused);
}

export interface SignedIn extends NewSession {
  userId: string;
  /** Shown once, when set-up completes. */
  recoveryCodes?: string[];
}

/** The last move of signing in, in the transaction that accepted the second factor: the challenge spent, a session, the login audited. */
export async function finishSignIn(
  tx: Executor,
  audit: Audit,
  userId: string,
  challenge: string,
  how: { firstFactor: string; secondFactor: "totp" | "recovery_code" | "passkey" },
  now: Date,
  sessionHours: number,
): Promise<SignedIn> {
  await tx.delete(loginChallenges).where(eq(loginChallenges.tokenHash, hashToken(challenge)));
  const roles = await rolesOfUser(tx, userId);
  const session = await createSession(tx, userId, defaultSchool(roles), now, sessionHours);
  const left = how.secondFactor === "recovery_code" ? (await tx.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))).length : undefined;
  await audit({ action: "login", entity: "user", entityId: userId, schoolId: defaultSchool(roles), after: { ...how, ...(left !== undefined ? { recoveryCodesLeft: left } : {}) } });
  return { ...session, userId };
}

/**
 * The second step: a code from the phone (which, during set-up, confirms the new
 * secret and hands out the recovery codes), or a recovery code.
 */
export async function completeSecondFactor(db: Database, key: SecretKey, challenge: string, code: string, now: Date, settings: SecondFactorSettings): Promise<SignedIn> {
  const { user, firstFactor } = await challengeUser(db, challenge, now);
  const [factor] = await db.select().from(secondFactors).where(eq(secondFactors.userId, user.id));
  if (!factor) throw new InvalidInput("code", "set up two-factor sign-in first: scan the QR code");
  const enrolling = !factor.confirmedAt;
  const byRecoveryCode = looksLikeRecoveryCode(code) && !enrolling;
  return withCheckedCode(
    db,
    { userId: user.id, name: user.name },
    factor,
    now,
    settings,
    async (tx) => {
      if (!byRecoveryCode) return takeTotp(tx, key, factor, code, now, enrolling);
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, recoveryHash(user.id, code)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (!used.length) return "wrong_code";
      await tx.update(secondFactors).set({ failures: 0, lockedUntil: null }).where(eq(secondFactors.userId, user.id));
      return null;
    },
    async (tx, audit) => {
      const codes = enrolling ? await issueRecoveryCodes(tx, audit, user.id, now, "second_factor_set_up") : undefined;
      const signedIn = await finishSignIn(tx, audit, user.id, challenge, { firstFactor, secondFactor: byRecoveryCode ? "recovery_code" : "totp" }, now, settings.sessionHours);
      return { ...signedIn, ...(codes ? { recoveryCodes: codes } : {}) };
    },
  );
}

async function ownFactor(db: Executor, userId: string): Promise<Factor> {
  const [factor] = await db.select().from(secondFactors).where(eq(secondFactors.userId, userId));
  if (!factor) throw new InvalidInput("code", "start setting up two-factor sign-in first: scan the QR code");
  return factor;
}

/** The Account page's set-up: the first code from the app confirms the secret; the recovery codes are shown once. */
export async function confirmOwnEnrolment(db: Database, key: SecretKey, actor: Actor & { userId: string }, code: string, now: Date, settings: SecondFactorSettings): Promise<{ recoveryCodes: string[] }> {
  const factor = await ownFactor(db, actor.userId);
  if (factor.confirmedAt) throw new SecondFactorRefused("already_set_up");
  return withCheckedCode(db, actor, factor, now, settings, (tx) => takeTotp(tx, key, factor, code, now, true), async (tx, audit) => ({
    recoveryCodes: await issueRecoveryCodes(tx, audit, actor.userId, now, "second_factor_set_up"),
  }));
}

/**
 * New recovery codes from the Account page (the old ones used up, or printed and
 * lost): asked for with a current code from the app, so a session left open on a
 * shared computer cannot mint codes for someone else.
 */
export async function replaceRecoveryCodes(db: Database, key: SecretKey, actor: Actor & { userId: string }, code: string, now: Date, settings: SecondFactorSettings): Promise<{ recoveryCodes: string[] }> {
  const factor = await ownFactor(db, actor.userId);
  if (!factor.confirmedAt) throw new InvalidInput("code", "two-factor sign-in is not set up yet");
  return withCheckedCode(db, actor, factor, now, settings, (tx) => takeTotp(tx, key, factor, code, now, false), async (tx, audit) => ({
    recoveryCodes: await issueRecoveryCodes(tx, audit, actor.userId, now, "recovery_codes_replaced"),
  }));
}

/** For the Account page: whether a factor is set up, and how many recovery codes are left. */
export async function secondFactorStatus(db: Executor, user: { id: string; email: string }, rolesRequire: boolean) {
  const [factor] = await db.select({ confirmedAt: secondFactors.confirmedAt }).from(secondFactors).where(eq(secondFactors.userId, user.id));
  const left = await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return {
    setUpAt: factor?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: factor?.confirmedAt ? left.length : 0,
    required: await secondFactorRequired(db, user, rolesRequire),
    passkeys: await listPasskeys(db, user.id),
  };
}

/**
 * A lost phone: the head (or the trust administrator, for those they appoint)
 * removes a colleague's second factor; the colleague sets a new one up at their
 * next sign-in. Their sessions end, in case the phone was taken with a session open.
 */
export async function resetSecondFactor(db: Database, actor: Actor & { userId: string }, keeper: Granter, schoolId: string, userId: string): Promise<{ sessionsEnded: number }> {
  if (userId === actor.userId) throw new InvalidInput("userId", "you cannot reset your own second factor: ask your headteacher or trust administrator");
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const removed = await tx.delete(secondFactors).where(eq(secondFactors.userId, userId)).returning({ confirmedAt: secondFactors.confirmedAt });
    const codes = await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).returning({ id: recoveryCodes.id });
    // A passkey may be on the lost phone too.
    const keys = await tx.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    const sessionsEnded = await deleteAllSessions(tx, userId);
    await audit({ action: "second_factor_reset", entity: "user", entityId: userId, schoolId, before: { setUpAt: removed[0]?.confirmedAt ?? null, recoveryCodes: codes.length, passkeys: keys.length }, after: { sessionsEnded } });
    return { sessionsEnded };
  });
}

/** The head asks a second factor of every member of staff, or only of the roles Doorstep requires it of. */
export async function setSchoolSecondFactor(db: Database, actor: Actor, schoolId: string, everyone: boolean): Promise<{ everyone: boolean }> {
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select({ everyone: schools.secondFactorForEveryone }).from(schools).where(eq(schools.id, schoolId));
    await tx.update(schools).set({ secondFactorForEveryone: everyone }).where(eq(schools.id, schoolId));
    await audit({ action: "school_second_factor_set", entity: "school", entityId: schoolId, schoolId, before, after: { everyone } });
    return { everyone };
  });
}

export async function schoolSecondFactor(db: Executor, schoolId: string): Promise<{ everyone: boolean }> {
  const [row] = await db.select({ everyone: schools.secondFactorForEveryone }).from(schools).where(eq(schools.id, schoolId));
  return { everyone: row?.everyone ?? false };
}
