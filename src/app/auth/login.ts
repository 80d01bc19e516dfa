/**
 * Login with lockout: after LOGIN_MAX_FAILURES wrong passwords the account is
 * locked for LOGIN_LOCK_MINUTES, whoever is trying. Every outcome is audited.
 * A right password ends in a session, or, for an account that must give a second
 * factor, in a "second factor pending" challenge that only second-factor.ts turns
 * into a session.
 */
import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { loginThrottle, users } from "../../db/schema";
import { DomainError } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { createSession, type NewSession } from "./sessions";
import { openChallenge, secondFactorStepFor, type Challenge } from "./second-factor";
import { rolesOfUser, defaultSchool } from "../people/roles-of-user";
import { demoAccountRetired } from "../setup/first-run";

export class LoginRefused extends DomainError {
  constructor(readonly reason: "bad_credentials" | "locked" | "disabled" | "demo_retired", lockedUntil?: Date) {
    super(
      "unauthenticated",
      reason === "demo_retired"
        ? "The demo accounts are switched off: this machine now runs a real school."
        : reason === "locked"
        ? `Sign-in for this email is locked on this network after too many failed attempts. Try again after ${lockedUntil?.toISOString()}, or from another network.`
        : reason === "disabled"
          ? "This account has been disabled."
          : "Email or password is not right.",
    );
    this.name = "LoginRefused";
  }
}

export interface LoginSettings {
  maxFailures: number;
  lockMinutes: number;
  /** DEMO_MACHINE: the demo logins keep working beside real schools. */
  demoMachine?: boolean;
  sessionHours: number;
  /** REQUIRE_SECOND_FACTOR: the roles that read children's records must give a second factor. */
  rolesRequireSecondFactor?: boolean;
}

export type LoginOutcome = ({ kind: "session"; userId: string } & NewSession) | ({ kind: "second_factor_pending"; userId: string } & Challenge);

export async function login(
  db: Database,
  email: string,
  password: string,
  now: Date,
  settings: LoginSettings,
  /** The network address the attempt came from (req.ip). */
  address = "unknown",
): Promise<LoginOutcome> {
  const normalised = email.trim().toLowerCase();
  const key = and(eq(loginThrottle.email, normalised), eq(loginThrottle.address, address));
  const [throttle] = await db.select().from(loginThrottle).where(key);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) throw new LoginRefused("locked", throttle.lockedUntil);

  const [user] = await db.select().from(users).where(eq(users.email, normalised));
  // The same work and the same answer whether or not the account exists.
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(DUMMY_HASH, password), false);
  if (!ok) {
    const failures = (throttle && !(throttle.lockedUntil && throttle.lockedUntil <= now) ? throttle.failures : 0) + 1;
    const lockedUntil = failures >= settings.maxFailures ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
    const record = async (tx: Executor) => {
      await tx
        .insert(loginThrottle)
        .values({ email: normalised, address, failures: lockedUntil ? 0 : failures, lockedUntil, updatedAt: now })
        .onConflictDoUpdate({ target: [loginThrottle.email, loginThrottle.address], set: { failures: lockedUntil ? 0 : failures, lockedUntil, updatedAt: now } });
    };
    if (user) {
      await writeAudited(db, { userId: user.id, name: user.name }, async (tx, audit) => {
        await record(tx);
        await audit({ action: lockedUntil ? "account_locked" : "login_failed", entity: "user", entityId: user.id, after: { failures, lockedUntil, address } });
      });
    } else {
      await record(db);
    }
    if (lockedUntil) throw new LoginRefused("locked", lockedUntil);
    throw new LoginRefused("bad_credentials");
  }
  // Only someone who knows the password learns the account is disabled or retired.
  if (user!.disabled) throw new LoginRefused("disabled");
  if (await demoAccountRetired(db, user!.id, settings.demoMachine ?? false)) throw new LoginRefused("demo_retired");

  const actor = { userId: user!.id, name: user!.name };
  const roles = await rolesOfUser(db, user!.id);
  const step = await secondFactorStepFor(db, user!, settings.rolesRequireSecondFactor ?? true);
  return writeAudited(db, actor, async (tx, audit): Promise<LoginOutcome> => {
    await tx.delete(loginThrottle).where(key);
    if (step) {
      const challenge = await openChallenge(tx, user!.id, step, "password", now);
      await audit({ action: "login_second_factor_pending", entity: "user", entityId: user!.id, schoolId: defaultSchool(roles), after: { step } });
      return { kind: "second_factor_pending", userId: user!.id, ...challenge };
    }
    const session = await createSession(tx, user!.id, defaultSchool(roles), now, settings.sessionHours);
    await audit({ action: "login", entity: "user", entityId: user!.id, schoolId: defaultSchool(roles) });
    return { kind: "session", ...session, userId: user!.id };
  });
}
