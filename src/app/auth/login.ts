/**
 * Login with lockout: after LOGIN_MAX_FAILURES wrong passwords the account is
 * locked for LOGIN_LOCK_MINUTES, whoever is trying. Every outcome is audited.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import { DomainError } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { createSession, type NewSession } from "./sessions";
import { rolesOfUser, defaultSchool } from "../people/roles-of-user";
import { demoAccountRetired } from "../setup/first-run";

export class LoginRefused extends DomainError {
  constructor(readonly reason: "bad_credentials" | "locked" | "disabled" | "demo_retired", lockedUntil?: Date) {
    super(
      "unauthenticated",
      reason === "demo_retired"
        ? "The demo accounts are switched off: this machine now runs a real school."
        : reason === "locked"
        ? `This account is locked after too many failed attempts. Try again after ${lockedUntil?.toISOString()} or ask the headteacher to unlock it.`
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
}

export async function login(
  db: Database,
  email: string,
  password: string,
  now: Date,
  settings: LoginSettings,
): Promise<NewSession & { userId: string }> {
  const normalised = email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, normalised));
  if (!user) {
    await verifyPassword(DUMMY_HASH, password);
    throw new LoginRefused("bad_credentials");
  }
  if (user.disabled) throw new LoginRefused("disabled");
  if (await demoAccountRetired(db, user.id, settings.demoMachine ?? false)) throw new LoginRefused("demo_retired");
  if (user.lockedUntil && user.lockedUntil > now) throw new LoginRefused("locked", user.lockedUntil);

  const actor = { userId: user.id, name: user.name };
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lockedUntil = failures >= settings.maxFailures ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
    await writeAudited(db, actor, async (tx, audit) => {
      await tx
        .update(users)
        .set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil })
        .where(eq(users.id, user.id));
      await audit({ action: lockedUntil ? "account_locked" : "login_failed", entity: "user", entityId: user.id, after: { failures, lockedUntil } });
    });
    if (lockedUntil) throw new LoginRefused("locked", lockedUntil);
    throw new LoginRefused("bad_credentials");
  }

  const roles = await rolesOfUser(db, user.id);
  return writeAudited(db, actor, async (tx, audit) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, defaultSchool(roles), now, settings.sessionHours);
    await audit({ action: "login", entity: "user", entityId: user.id, schoolId: defaultSchool(roles) });
    return { ...session, userId: user.id };
  });
}
