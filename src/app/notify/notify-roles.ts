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

export async function notifyRoles(tx: Executor, schoolId: string, roles: readonly Role[], notice: Notice): Promise<string[]> {
  const holders = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.schoolId, schoolId), inArray(userRoles.role, [...roles])));
  const ids = [...new Set(holders.map((h) => h.userId))];
  for (const userId of ids) await tx.insert(notifications).values({ schoolId, userId, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null });
  return ids;
}
