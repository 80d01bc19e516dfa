/**
 * Emails staff by account (the DSL team of a concern, the head of a cancellation).
 * A failure to send is logged without addresses or content and never undoes the
 * record: the in-app notification is already there.
 */
import { inArray } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import type { Mailer, MailMessage } from "./mailer";

export async function emailUsers(
  deps: { mailer: Mailer; database: { db: Database } },
  log: Pick<FastifyBaseLogger, "warn">,
  userIds: string[],
  subject: string,
  text: string,
  attachments?: MailMessage["attachments"],
): Promise<void> {
  if (!deps.mailer.configured || userIds.length === 0) return;
  const rows = await deps.database.db.select({ email: users.email }).from(users).where(inArray(users.id, userIds));
  try {
    await deps.mailer.send({ to: rows.map((r) => r.email), subject, text, attachments });
  } catch (e) {
    log.warn({ err: { name: (e as Error).name } }, "email to staff not sent");
  }
}
