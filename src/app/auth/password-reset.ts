/**
 * A forgotten password (issue 20). Asking gives the same answer whether or not
 * the address has an account, so the page tells no one who works at a school.
 * For an account that can sign in, a single-use link valid 30 minutes is queued
 * by email (the message outbox) in the transaction that records the request.
 * Using it sets the new password (held to the same policy as any other), ends
 * every session of the account, and is audited; the token is held only as its
 * SHA-256 and never enters the audit trail.
 */
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passwordResets, schools, userRoles, users } from "../../db/schema";
import { InvalidInput } from "../../domain/errors";
import { checkPasswordStrength } from "../../domain/people/password-policy";
import { writeAudited } from "../audit/write-audited";
import { queueEmail } from "../notify/outbox";
import { hashPassword } from "./passwords";
import { deleteAllSessions, hashToken, newToken } from "./sessions";

export const RESET_VALID_MINUTES = 30;

export const RESET_ASKED = "If an account has this address, a link to set a new password is on its way. It works once, for 30 minutes.";

/** Returns nothing a caller could tell accounts apart by. */
export async function askForPasswordReset(db: Database, email: string, origin: string, now: Date): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user || user.disabled) return;
  // The email belongs to a school's outbox: the first school the account works in.
  const [role] = await db.select({ schoolId: userRoles.schoolId, schoolName: schools.name }).from(userRoles).innerJoin(schools, eq(schools.id, userRoles.schoolId)).where(eq(userRoles.userId, user.id)).orderBy(asc(schools.name)).limit(1);
  if (!role?.schoolId) return;
  const schoolId = role.schoolId;
  const token = newToken();
  await writeAudited(db, { userId: user.id, name: user.name }, async (tx, audit) => {
    const [row] = await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_VALID_MINUTES * 60_000) }).returning({ id: passwordResets.id });
    await queueEmail(
      tx,
      {
        schoolId,
        kind: "password_reset",
        to: [user.email],
        subject: "Doorstep: set a new password",
        body:
          `Someone asked to set a new password for your Doorstep account (${role.schoolName}).\n\n` +
          `To set one, open this link within ${RESET_VALID_MINUTES} minutes. It works once:\n${origin}/reset-password#${token}\n\n` +
          "If it was not you, ignore this email: your password stays as it is.",
      },
      now,
    );
    await audit({ action: "password_reset_asked", entity: "user", entityId: user.id, schoolId, after: { resetId: row!.id } });
  });
}

export async function completePasswordReset(db: Database, token: string, password: string, now: Date): Promise<{ sessionsEnded: number }> {
  const tokenHash = hashToken(token);
  const live = and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now));
  const [found] = await db.select({ userId: users.id, name: users.name, email: users.email, disabled: users.disabled }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(live);
  const expired = () => new InvalidInput("token", "this link has expired or has been used already: ask for a new one");
  if (!found || found.disabled) throw expired();
  checkPasswordStrength(password, { email: found.email, name: found.name });
  const passwordHash = await hashPassword(password);
  return writeAudited(db, { userId: found.userId, name: found.name }, async (tx, audit) => {
    // Used once: two clicks at the same moment find one of them already spent.
    const [reset] = await tx.update(passwordResets).set({ usedAt: now }).where(live).returning({ id: passwordResets.id });
    if (!reset) throw expired();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, found.userId));
    const sessionsEnded = await deleteAllSessions(tx, found.userId);
    await audit({ action: "password_reset", entity: "user", entityId: found.userId, after: { resetId: reset.id, sessionsEnded } });
    return { sessionsEnded };
  });
}
