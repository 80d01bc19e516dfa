/** In-app notifications to everyone holding given roles in a school, inside the caller's transaction. */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { notifications, userRoles } from "../../db/schema";
import type { Role } from "../../domain/people/roles";

export interface Notice {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

/** `except`: the person whose own action this is, who needs no notice of it. */
export async function notifyRoles(tx: Executor, schoolId: string, roles: readonly Role[], notice: Notice, except?: string | null): Promise<string[]> {
  const holders = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.schoolId, schoolId), inArray(userRoles.role, [...roles])));
  const ids = [...new Set(holders.map((h) => h.userId))].filter((id) => id !== except);
  for (const userId of ids) await tx.insert(notifications).values({ schoolId, userId, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null });
  return ids;
}

/**
 * Many notices at once, each to the holders of its roles in its school: two
 * statements however many notices (the safety sweeper after an outage).
 */
export async function notifyRolesMany(tx: Executor, notices: readonly (Notice & { schoolId: string; roles: readonly Role[] })[]): Promise<void> {
  if (notices.length === 0) return;
  const schoolIds = [...new Set(notices.map((n) => n.schoolId))];
  const roles = [...new Set(notices.flatMap((n) => n.roles))];
  const holders = await tx
    .select({ schoolId: userRoles.schoolId, userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(and(inArray(userRoles.schoolId, schoolIds), inArray(userRoles.role, roles)));
  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const n of notices) {
    const ids = new Set(holders.filter((h) => h.schoolId === n.schoolId && n.roles.includes(h.role as Role)).map((h) => h.userId));
    for (const userId of ids) rows.push({ schoolId: n.schoolId, userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null });
  }
  if (rows.length > 0) await tx.insert(notifications).values(rows);
}
