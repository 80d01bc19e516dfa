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
import { loginChallenges, recoveryCodes, schools, secondFactors, users } from "../../db/schema";
import { DomainError, InvalidInput } from "../../domain/errors";
import { secondFactorNeed } from "../../domain/people/second-factor";
import { DEMO_STAFF } from "../demo/demo-people";
import { writeAudited, type Actor } from "../audit/write-audited";
import { createSession, deleteAllSessions, hashToken, newToken, type NewSession } from "./sessions";
import { defaultSchool, rolesOfUser } from "../people/roles-of-user";
import { open, seal, type SecretKey } from "./secret-box";
import type { Granter } from "../../domain/people/role-grants";
import { mayKeepRecord } from "../people/staff-records";

export const CHALLENGE_MINUTES = 10;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Doorstep";
const TOLERANCE_SECONDS = 30;

export type SecondFactorStep = "enroll" | "verify";

export class SecondFactorRefused extends DomainError {
  constructor(readonly reason: "wrong_code" | "used_code" | "locked" | "challenge_expired" | "already_set_up", lockedUntil?: Date) {
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
              : "That code is not right.",
      reason === "challenge_expired" ? "challenge" : "code",
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
  const access = await rolesOfUser(db, user.id);
  const everyone = access.length
    ? await db.select({ id: schools.id, everyone: schools.secondFactorForEveryone }).from(schools)
    : [];
  const need = secondFactorNeed(
    access.map((a) => ({ roles: a.roles, everyone: everyone.find((s) => s.id === a.schoolId)?.everyone ?? false })),
    rolesRequire,
  );
  if (need === "none") return null;
  if (await isPublishedDemoLogin(db, user.email, access.map((a) => a.schoolId))) return null;
  return "enroll";
}

export interface Challenge {
  step: SecondFactorStep;
  challenge: string;
  expiresAt: Date;
}

/** Called inside the first step's transaction: the password (or the identity provider) was right. */
export async function openChallenge(tx: Executor, userId: string, step: SecondFactorStep, firstFactor: string, now: Date): Promise<Challenge> {
  const challenge = newToken();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
  await tx.delete(loginChallenges).where(and(eq(loginChallenges.userId, userId), lt(loginChallenges.expiresAt, now)));
  await tx.insert(loginChallenges).values({ tokenHash: hashToken(challenge), userId, firstFactor, expiresAt, createdAt: now });
  return { step, challenge, expiresAt };
}

async function challengeUser(db: Executor, challenge: string, now: Date) {
  const [row] = await db
    .select({ user: users, firstFactor: loginChallenges.firstFactor })
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

/** Set-up on the first sign-in: a new secret (replacing one not yet confirmed). */
export async function startEnrolment(db: Database, key: SecretKey, challenge: string, now: Date): Promise<Enrolment> {
  const { user } = await challengeUser(db, challenge, now);
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

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
function newRecoveryCode(): string {
  const pick = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return `${pick()}-${pick()}`;
}
function recoveryHash(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${code.trim().toLowerCase().replace(/[\s-]/g, "")}`).digest("hex");
}
const looksLikeRecoveryCode = (code: string) => /[a-z]/i.test(code);

export interface SignedIn extends NewSession {
  userId: string;
  /** Shown once, when set-up completes. */
  recoveryCodes?: string[];
}

/**
 * The second step: a code from the phone (which, during set-up, confirms the new
 * secret and hands out the recovery codes), or a recovery code.
 */
export async function completeSecondFactor(db: Database, key: SecretKey, challenge: string, code: string, now: Date, settings: SecondFactorSettings): Promise<SignedIn> {
  const { user, firstFactor } = await challengeUser(db, challenge, now);
  const actor: Actor = { userId: user.id, name: user.name };
  const [factor] = await db.select().from(secondFactors).where(eq(secondFactors.userId, user.id));
  if (!factor) throw new InvalidInput("code", "set up two-factor sign-in first: scan the QR code");
  if (factor.lockedUntil && factor.lockedUntil > now) throw new SecondFactorRefused("locked", factor.lockedUntil);
  const enrolling = !factor.confirmedAt;

  type Refusal = "wrong_code" | "used_code";
  type Outcome = { refused: Refusal; lockedUntil: Date | null } | { session: SignedIn };
  const outcome = await writeAudited(db, actor, async (tx, audit): Promise<Outcome> => {
    // A wrong or used code is counted, in this same transaction (nothing else was changed).
    const refuse = async (reason: Refusal): Promise<Outcome> => {
      const failures = factor.failures + 1;
      const lockedUntil = failures >= settings.maxFailures ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
      await tx.update(secondFactors).set({ failures: lockedUntil ? 0 : failures, lockedUntil }).where(eq(secondFactors.userId, user.id));
      await audit({ action: lockedUntil ? "second_factor_locked" : "second_factor_failed", entity: "user", entityId: user.id, after: { reason, failures, lockedUntil } });
      return { refused: reason, lockedUntil };
    };
    let method: "totp" | "recovery_code";
    if (looksLikeRecoveryCode(code) && !enrolling) {
      method = "recovery_code";
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, recoveryHash(user.id, code)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (!used.length) return refuse("wrong_code");
    } else {
      method = "totp";
      const token = code.replace(/\s/g, "");
      const secret = open(key, factor.secretSealed, user.id);
      const epoch = Math.floor(now.getTime() / 1000);
      const result = /^\d{6}$/.test(token) ? verifySync({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS }) : { valid: false as const };
      if (!result.valid || !("timeStep" in result)) return refuse("wrong_code");
      const taken = await tx
        .update(secondFactors)
        .set({ lastTimeStep: result.timeStep, ...(enrolling ? { confirmedAt: now } : {}) })
        .where(and(eq(secondFactors.userId, user.id), or(isNull(secondFactors.lastTimeStep), lt(secondFactors.lastTimeStep, result.timeStep))))
        .returning({ userId: secondFactors.userId });
      if (!taken.length) return refuse("used_code");
    }
    await tx.update(secondFactors).set({ failures: 0, lockedUntil: null }).where(eq(secondFactors.userId, user.id));
    let codes: string[] | undefined;
    if (enrolling) {
      codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: recoveryHash(user.id, c), createdAt: now })));
      await audit({ action: "second_factor_set_up", entity: "user", entityId: user.id, after: { recoveryCodes: RECOVERY_CODE_COUNT } });
    }
    await tx.delete(loginChallenges).where(eq(loginChallenges.tokenHash, hashToken(challenge)));
    const roles = await rolesOfUser(tx, user.id);
    const session = await createSession(tx, user.id, defaultSchool(roles), now, settings.sessionHours);
    const left = method === "recovery_code" ? (await tx.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)))).length : undefined;
    await audit({ action: "login", entity: "user", entityId: user.id, schoolId: defaultSchool(roles), after: { firstFactor, secondFactor: method, ...(left !== undefined ? { recoveryCodesLeft: left } : {}) } });
    return { session: { ...session, userId: user.id, ...(codes ? { recoveryCodes: codes } : {}) } };
  });
  if ("session" in outcome) return outcome.session;
  if (outcome.lockedUntil) throw new SecondFactorRefused("locked", outcome.lockedUntil);
  throw new SecondFactorRefused(outcome.refused);
}

/** For the Account page: whether a factor is set up, and how many recovery codes are left. */
export async function secondFactorStatus(db: Executor, userId: string) {
  const [factor] = await db.select({ confirmedAt: secondFactors.confirmedAt }).from(secondFactors).where(eq(secondFactors.userId, userId));
  const left = await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { setUpAt: factor?.confirmedAt?.toISOString() ?? null, recoveryCodesLeft: factor?.confirmedAt ? left.length : 0 };
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
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    const sessionsEnded = await deleteAllSessions(tx, userId);
    await audit({ action: "second_factor_reset", entity: "user", entityId: userId, schoolId, before: { setUpAt: removed[0]?.confirmedAt ?? null, recoveryCodes: codes.length }, after: { sessionsEnded } });
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
