/** The bell in the app: a person's unread notifications, and marking one read (audited, as every write is). */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { notifications } from "../../db/schema";
import { auditInto, type Actor } from "../audit/write-audited";
import type { Notifications } from "../../contracts/visits";

/** The newest 50 unread, newest first. */
export async function unreadNotifications(db: Executor, userId: string): Promise<Notifications> {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  return { notifications: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString() })) };
}

/** Only the person's own notification; another's, or one already read, changes nothing. */
export async function markNotificationRead(db: Database, actor: Actor & { userId: string }, notificationId: string, now: Date): Promise<void> {
  // Not writeAudited: a second tap on a notice already read changes nothing and so records nothing.
  await db.transaction(async (tx) => {
    const read = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.id, notificationId), eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ schoolId: notifications.schoolId });
    if (read.length > 0) await auditInto(tx, actor)({ action: "notification_read", entity: "notification", entityId: notificationId, schoolId: read[0]!.schoolId });
  });
}
