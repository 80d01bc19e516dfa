/**
 * Server-side sessions. The browser holds only a random token; the database
 * holds its SHA-256, the CSRF token and the school the user is working in.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";
import { sessions, users } from "../../db/schema";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Executor,
  userId: string,
  schoolId: string | null,
  now: Date,
  hours: number,
  /** Single sign-on: how the identity provider says the person authenticated (its `amr` claim). */
  how: { amr?: string[] } = {},
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + hours * 3600_000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, csrfToken, schoolId, expiresAt, createdAt: now, lastSeenAt: now, amr: how.amr ?? null });
  // Expired sessions of this user are swept as they log in again.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  return { token, csrfToken, expiresAt };
}

/** Sessions are touched at most this often, so a busy board does not write on every poll; idleness is measured to within it. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * The live session of `token` with its user, in one query: the auth hook runs it
 * on every request. A session unused for `idleMinutes` is ended here, server-side:
 * a phone or a shared office computer left signed in does not stay open.
 */
export async function findSessionWithUser(db: Executor, token: string, now: Date, idleMinutes: number) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, now)));
  if (row && now.getTime() - row.session.lastSeenAt.getTime() > idleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.tokenHash, row.session.tokenHash));
    return undefined;
  }
  return row;
}

/** Records that a session was used now (at most once a minute). */
export async function touchSession(db: Executor, session: { tokenHash: string; lastSeenAt: Date }, now: Date): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() <= TOUCH_EVERY_MS) return;
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, session.tokenHash));
}

/**
 * Keeps a session in use by a long request (the office board's stream) alive;
 * false once the session has ended (signed out, everywhere, or expired), so the
 * request can end too.
 */
export async function keepSessionAlive(db: Executor, token: string, now: Date): Promise<boolean> {
  const kept = await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, now)))
    .returning({ t: sessions.tokenHash });
  return kept.length > 0;
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function deleteAllSessions(db: Executor, userId: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.tokenHash });
  return gone.length;
}

/** The person a session belongs to, as the session view shows them. */
export async function signedInUser(db: Executor, userId: string): Promise<{ id: string; name: string; email: string }> {
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFound("user", "userId");
  return user;
}

/** Moves this session (not the person's others) to another school they hold a role in; the caller has checked they do. */
export async function switchSessionSchool(db: Database, actor: Actor & { userId: string }, token: string, schoolId: string): Promise<void> {
  await writeAudited(db, actor, async (tx, audit) => {
    await tx.update(sessions).set({ schoolId }).where(eq(sessions.tokenHash, hashToken(token)));
    await audit({ action: "school_switched", entity: "user", entityId: actor.userId, schoolId });
  });
}
