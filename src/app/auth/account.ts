/**
 * A member of staff's own account (issue 20): change the password (the current one
 * first; every other session ends), see where they are signed in; and, for the
 * head, unlocking a colleague locked out by wrong passwords or wrong codes.
 */
import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { loginThrottle, secondFactors, sessions, users } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { checkPasswordStrength } from "../../domain/people/password-policy";
import type { Granter } from "../../domain/people/role-grants";
import { writeAudited, type Actor } from "../audit/write-audited";
import { mayKeepRecord } from "../people/staff-records";
import { hashPassword, verifyPassword } from "./passwords";
import { hashToken } from "./sessions";

export async function changeOwnPassword(db: Database, actor: Actor & { userId: string }, currentToken: string, current: string, next: string): Promise<{ sessionsEnded: number }> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new NotFound("account");
  if (!(await verifyPassword(user.passwordHash, current))) throw new InvalidInput("currentPassword", "this is not your current password");
  if (current === next) throw new InvalidInput("newPassword", "choose a password different from the current one");
  checkPasswordStrength(next, { email: user.email, name: user.name }, "newPassword");
  const passwordHash = await hashPassword(next);
  return writeAudited(db, actor, async (tx, audit) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    // Whoever else knew the old password is signed out; this device stays signed in.
    const ended = await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, hashToken(currentToken)))).returning({ t: sessions.tokenHash });
    await audit({ action: "password_changed", entity: "user", entityId: user.id, after: { otherSessionsEnded: ended.length } });
    return { sessionsEnded: ended.length };
  });
}

export interface SessionSummary {
  startedAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export async function listOwnSessions(db: Executor, userId: string, currentToken: string, now: Date): Promise<SessionSummary[]> {
  const current = hashToken(currentToken);
  const rows = await db.select().from(sessions).where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now))).orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({ startedAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString(), current: s.tokenHash === current }));
}

/** The head lifts every lock on a colleague's sign-in: wrong passwords from any network, and wrong codes. */
export async function unlockAccount(db: Database, actor: Actor, keeper: Granter, schoolId: string, userId: string): Promise<{ ok: true }> {
  await mayKeepRecord(db, keeper, schoolId, userId);
  return writeAudited(db, actor, async (tx, audit) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const throttles = await tx.delete(loginThrottle).where(eq(loginThrottle.email, user!.email)).returning({ address: loginThrottle.address });
    await tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, userId));
    await tx.update(secondFactors).set({ lockedUntil: null, failures: 0 }).where(eq(secondFactors.userId, userId));
    await audit({ action: "account_unlocked", entity: "user", entityId: userId, schoolId, after: { networksCleared: throttles.length } });
    return { ok: true as const };
  });
}
