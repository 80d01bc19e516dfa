/**
 * Texts to families through GOV.UK Notify: sent from a Today action, the
 * pupil's page, or in bulk to every Day-1 family not yet reached. Each text is
 * an outbox row queued in the request's transaction with a contact attempt on
 * the child's timeline (method, number, who, when); Notify's delivery status
 * is read back (`refreshDeliveries`) and replies read every minute
 * (`readReceivedTexts`), matched to the contact by number, waiting for a person.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { contactAttempts, familyContacts, familyReplies, outboxMessages, pupils, schools, users } from "../../db/schema";
import { Conflict, InvalidInput, NotFound } from "../../domain/errors";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { SYSTEM_ACTOR, writeAudited, type Actor } from "../audit/write-audited";
import { actionsForDay } from "../attendance/actions-for-day";
import { FINAL_DELIVERY, normalisePhone, NotifyError, textFragments, type FamilyMessenger } from "./gov-notify";
import { repeatEvery, type Repeating } from "../../jobs/repeat";
import { notifyRoles } from "./notify-roles";
import { queueEmail, queueText } from "./outbox";
import { createReplyLink, replyUrl } from "./reply-links";
import { familyMessage } from "../documents/letters";

export const TEXTS_NOT_CONFIGURED = "Texts are not configured: set NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID (GOV.UK Notify) to send them";

/** Notify's year for a school's free texts starts on 1 April. */
export function allowanceYearStart(now: Date): Date {
  const y = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return new Date(Date.UTC(y, 3, 1));
}

export interface TextAllowance {
  allowance: number;
  used: number;
  since: string;
}

export async function textAllowance(db: Executor, schoolId: string, now: Date): Promise<TextAllowance> {
  const since = allowanceYearStart(now);
  const [school] = await db.select({ allowance: schools.textAllowance }).from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "schoolId");
  const [row] = await db
    .select({ used: sql<number>`coalesce(sum(${outboxMessages.fragments}), 0)::int` })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.schoolId, schoolId), eq(outboxMessages.channel, "sms"), gte(outboxMessages.createdAt, since), notInArray(outboxMessages.status, ["failed", "not_configured"])));
  return { allowance: school.allowance, used: row!.used, since: since.toISOString().slice(0, 10) };
}

export interface TextContext {
  /** Whether GOV.UK Notify is set up on this server. */
  configured: boolean;
  /** The server's public address, for the reply link. */
  origin: string;
  now: Date;
}

export interface QueuedText {
  pupilId: string;
  messageId: string;
  contactAttemptId: string;
  to: string;
  fragments: number;
}

/** The child (first name, school) and the first contact in the school's call order with a number, or an address. */
async function firstContact(db: Executor, schoolId: string, pupilId: string, by: "phone" | "email") {
  const [p] = await db
    .select({ id: pupils.id, firstName: pupils.firstName, schoolName: schools.name })
    .from(pupils)
    .innerJoin(schools, eq(schools.id, pupils.schoolId))
    .where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const column = by === "phone" ? familyContacts.phone : familyContacts.email;
  const [contact] = await db
    .select({ to: column })
    .from(familyContacts)
    .where(and(eq(familyContacts.pupilId, pupilId), isNotNull(column)))
    .orderBy(asc(familyContacts.priority), asc(familyContacts.createdAt))
    .limit(1);
  if (!contact?.to) throw new InvalidInput("pupilId", by === "phone" ? "no family contact has a phone number on record" : "no family contact has an email address on record");
  return { p, to: contact.to };
}

/** Texts the first contact in the school's call order who has a number. */
export async function textFamily(db: Database, actor: Actor & { userId: string }, schoolId: string, pupilId: string, date: IsoDate, ctx: TextContext): Promise<QueuedText> {
  if (!ctx.configured) throw new Conflict(TEXTS_NOT_CONFIGURED, "notify");
  const { p, to } = await firstContact(db, schoolId, pupilId, "phone");
  return writeAudited(db, actor, async (tx, audit) => {
    const allowance = await textAllowance(tx, schoolId, ctx.now);
    const token = await createReplyLink(tx, schoolId, pupilId, ctx.now);
    const { body } = await familyMessage(tx, schoolId, "family_text", { schoolName: p.schoolName, firstName: p.firstName, date, link: replyUrl(ctx.origin, token) });
    const fragments = textFragments(body);
    if (allowance.used + fragments > allowance.allowance) throw new Conflict(`The school's ${allowance.allowance} free texts this year are used (${allowance.used} sent)`, "allowance");
    const messageId = await queueText(tx, schoolId, "family_text", to, body, ctx.now);
    const [attempt] = await tx
      .insert(contactAttempts)
      .values({ schoolId, pupilId, day: date, method: "text", reached: false, note: "Text sent through GOV.UK Notify", recordedBy: actor.userId, toAddress: to, messageId })
      .returning({ id: contactAttempts.id });
    await audit({ action: "family_text_queued", entity: "contact_attempt", entityId: attempt!.id, schoolId, after: { pupilId, messageId, to, fragments } });
    return { pupilId, messageId, contactAttemptId: attempt!.id, to, fragments };
  });
}

export interface QueuedEmail {
  pupilId: string;
  messageId: string;
  contactAttemptId: string;
  to: string;
}

/**
 * Emails the first contact in the school's call order who has an address, with
 * the reply link: through GOV.UK Notify where its email template is set, else
 * by SMTP, as the outbox decides when it sends. A contact attempt on the
 * timeline, in the same transaction.
 */
export async function emailFamily(db: Database, actor: Actor & { userId: string }, schoolId: string, pupilId: string, date: IsoDate, ctx: Pick<TextContext, "origin" | "now">): Promise<QueuedEmail> {
  const { p, to } = await firstContact(db, schoolId, pupilId, "email");
  return writeAudited(db, actor, async (tx, audit) => {
    const token = await createReplyLink(tx, schoolId, pupilId, ctx.now);
    const { title: subject, body } = await familyMessage(tx, schoolId, "family_email", { schoolName: p.schoolName, firstName: p.firstName, date, link: replyUrl(ctx.origin, token) });
    const messageId = await queueEmail(tx, { schoolId, kind: "family_email", to: [to], subject, body }, ctx.now);
    const [attempt] = await tx
      .insert(contactAttempts)
      .values({ schoolId, pupilId, day: date, method: "email", reached: false, note: "Email sent to the family", recordedBy: actor.userId, toAddress: to, messageId })
      .returning({ id: contactAttempts.id });
    await audit({ action: "family_email_queued", entity: "contact_attempt", entityId: attempt!.id, schoolId, after: { pupilId, messageId, to } });
    return { pupilId, messageId, contactAttemptId: attempt!.id, to };
  });
}

export type BulkOutcome = { pupilId: string; firstName: string; lastName: string } & ({ queued: true; messageId: string; to: string } | { queued: false; reason: string });

/** "Text every Day-1 family not yet reached": each child on today's list to contact parents, none reached today. */
export async function textDayOneFamilies(db: Database, actor: Actor & { userId: string }, schoolId: string, day: IsoDate, ctx: TextContext): Promise<BulkOutcome[]> {
  if (!ctx.configured) throw new Conflict(TEXTS_NOT_CONFIGURED, "notify");
  const list = await actionsForDay(db, schoolId, day);
  const due = list.households.flatMap((h) => h.pupils).filter((p) => p.actions.some((a) => a.action === "contact_parents"));
  const reached = due.length
    ? await db
        .select({ pupilId: contactAttempts.pupilId })
        .from(contactAttempts)
        .where(and(inArray(contactAttempts.pupilId, due.map((d) => d.pupil.id)), eq(contactAttempts.day, day), eq(contactAttempts.reached, true)))
    : [];
  const reachedIds = new Set(reached.map((r) => r.pupilId));
  const out: BulkOutcome[] = [];
  for (const { pupil } of due) {
    if (reachedIds.has(pupil.id)) continue;
    const who = { pupilId: pupil.id, firstName: pupil.firstName, lastName: pupil.lastName };
    try {
      const t = await textFamily(db, actor, schoolId, pupil.id, day, ctx);
      out.push({ ...who, queued: true, messageId: t.messageId, to: t.to });
    } catch (e) {
      if (!(e instanceof InvalidInput || e instanceof Conflict)) throw e;
      out.push({ ...who, queued: false, reason: e.message.replace(/^pupilId: /, "") });
    }
  }
  return out;
}

export interface SentText {
  messageId: string;
  channel: "sms" | "email";
  pupilId: string;
  firstName: string;
  lastName: string;
  to: string;
  /** The outbox's state: queued, sent (Notify accepted it), failed, not_configured. */
  status: string;
  /** Notify's: created, sending, delivered, permanent-failure, temporary-failure, technical-failure. */
  delivery: string | null;
  lastError: string | null;
  fragments: number;
  sentBy: string | null;
  at: string;
}

/** The day's texts with how each stands: a bulk send's progress and its failures. */
export async function textsOfDay(db: Executor, schoolId: string, day: IsoDate): Promise<SentText[]> {
  const rows = await db
    .select({ a: contactAttempts, m: outboxMessages, firstName: pupils.firstName, lastName: pupils.lastName, sentBy: users.name })
    .from(contactAttempts)
    .innerJoin(outboxMessages, eq(outboxMessages.id, contactAttempts.messageId))
    .innerJoin(pupils, eq(pupils.id, contactAttempts.pupilId))
    .leftJoin(users, eq(users.id, contactAttempts.recordedBy))
    .where(and(eq(contactAttempts.schoolId, schoolId), eq(contactAttempts.day, day), inArray(outboxMessages.kind, ["family_text", "family_email"])))
    .orderBy(asc(contactAttempts.createdAt));
  return rows.map(({ a, m, firstName, lastName, sentBy }) => ({
    messageId: m.id,
    channel: m.channel === "email" ? ("email" as const) : ("sms" as const),
    pupilId: a.pupilId,
    firstName,
    lastName,
    to: m.toPhone ?? m.toEmails[0] ?? "",
    status: m.status,
    delivery: m.deliveryStatus,
    lastError: m.lastError,
    fragments: m.fragments,
    sentBy,
    at: a.createdAt.toISOString(),
  }));
}

/** Reads back what Notify knows of each text, and each email it sent, not yet settled. */
export async function refreshDeliveries(db: Database, messenger: FamilyMessenger, limit = 200): Promise<number> {
  const open = await db
    .select({ id: outboxMessages.id, providerId: outboxMessages.providerId })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.channel, ["sms", "email"]), eq(outboxMessages.status, "sent"), isNotNull(outboxMessages.providerId), sql`coalesce(${outboxMessages.deliveryStatus}, '') not in ('delivered', 'permanent-failure', 'temporary-failure', 'technical-failure')`))
    .limit(limit);
  let settled = 0;
  for (const o of open) {
    const status = await messenger.status(o.providerId!);
    await db.update(outboxMessages).set({ deliveryStatus: status }).where(eq(outboxMessages.id, o.id));
    if (FINAL_DELIVERY.has(status)) settled++;
  }
  return settled;
}

/**
 * Reads Notify's received texts, newest first, until a page holds one already
 * kept; each is put on the record of every child whose contact has that number.
 */
export async function readReceivedTexts(db: Database, messenger: FamilyMessenger): Promise<number> {
  let kept = 0;
  let olderThan: string | undefined;
  for (let page = 0; page < 20; page++) {
    const { texts, more } = await messenger.receivedTexts(olderThan);
    let sawKnown = false;
    for (const t of texts) {
      const [known] = await db.select({ id: familyReplies.id }).from(familyReplies).where(eq(familyReplies.notifyId, t.id)).limit(1);
      if (known) {
        sawKnown = true;
        continue;
      }
      const national = normalisePhone(t.userNumber);
      const matches = await db
        .select({ pupilId: familyContacts.pupilId, schoolId: familyContacts.schoolId, firstName: pupils.firstName })
        .from(familyContacts)
        .innerJoin(pupils, eq(pupils.id, familyContacts.pupilId))
        .where(sql`regexp_replace(${familyContacts.phone}, '[^0-9]', '', 'g') in (${national}, ${"44" + national.slice(1)})`);
      const children = [...new Map(matches.map((m) => [m.pupilId, m])).values()];
      for (const c of children) {
        await writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
          const [row] = await tx
            .insert(familyReplies)
            .values({ schoolId: c.schoolId, pupilId: c.pupilId, source: "text", notifyId: t.id, fromNumber: national, body: t.content, receivedAt: new Date(t.createdAt) })
            .onConflictDoNothing()
            .returning({ id: familyReplies.id });
          if (!row) return;
          kept++;
          await audit({ action: "family_reply_received", entity: "family_reply", entityId: row.id, schoolId: c.schoolId, after: { source: "text" } });
          await notifyRoles(tx, c.schoolId, ["attendance_lead"], { kind: "family_reply", title: "A family replied by text", body: `${c.firstName}'s family replied to a text`, link: `/pupils/${c.pupilId}` });
        });
      }
    }
    if (sawKnown || !more || texts.length === 0) break;
    olderThan = texts.at(-1)!.id;
  }
  return kept;
}

export interface FamilyReplyView {
  id: string;
  source: string;
  fromNumber: string | null;
  body: string | null;
  safeAndWell: boolean | null;
  reasonAbsent: string | null;
  returnDate: string | null;
  callbackNumber: string | null;
  receivedAt: string;
  confirmed: boolean;
}

export async function repliesOfPupil(db: Executor, schoolId: string, pupilId: string): Promise<FamilyReplyView[]> {
  const rows = await db
    .select()
    .from(familyReplies)
    .where(and(eq(familyReplies.schoolId, schoolId), eq(familyReplies.pupilId, pupilId)))
    .orderBy(sql`${familyReplies.receivedAt} desc`)
    .limit(50);
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    fromNumber: r.fromNumber,
    body: r.body,
    safeAndWell: r.safeAndWell,
    reasonAbsent: r.reasonAbsent,
    returnDate: r.returnDate,
    callbackNumber: r.callbackNumber,
    receivedAt: r.receivedAt.toISOString(),
    confirmed: r.confirmedAt !== null,
  }));
}

/**
 * "Parent reached": a member of staff's judgement on a reply, with one click. It
 * becomes a contact in which the parent was reached, on the day given, audited.
 */
export async function confirmReply(db: Database, actor: Actor & { userId: string }, schoolId: string, replyId: string, date: IsoDate, now: Date): Promise<{ contactAttemptId: string }> {
  return writeAudited(db, actor, async (tx, audit) => {
    const [reply] = await tx
      .select()
      .from(familyReplies)
      .where(and(eq(familyReplies.id, replyId), eq(familyReplies.schoolId, schoolId)))
      .for("update");
    if (!reply) throw new NotFound("reply", "replyId");
    if (reply.confirmedAt) throw new Conflict("This reply has already been confirmed", "replyId");
    const [attempt] = await tx
      .insert(contactAttempts)
      .values({ schoolId, pupilId: reply.pupilId, day: date, method: reply.source === "text" ? "text" : "app", reached: true, reasonGiven: reply.reasonAbsent, note: "Parent reached: confirmed from the family's reply", recordedBy: actor.userId, toAddress: reply.fromNumber })
      .returning({ id: contactAttempts.id });
    await tx.update(familyReplies).set({ confirmedBy: actor.userId, confirmedAt: now, contactAttemptId: attempt!.id }).where(and(eq(familyReplies.id, replyId), isNull(familyReplies.confirmedAt)));
    await audit({ action: "family_reply_confirmed", entity: "family_reply", entityId: replyId, schoolId, after: { contactAttemptId: attempt!.id } });
    return { contactAttemptId: attempt!.id };
  });
}

/** Every minute: replies read from Notify, and the delivery of texts not yet settled. */
export function startNotifyJobs(db: Database, messenger: FamilyMessenger, log: { error: (o: object, m: string) => void }, everyMs = 60_000): Repeating {
  return repeatEvery(
    everyMs,
    async () => {
      await readReceivedTexts(db, messenger);
      await refreshDeliveries(db, messenger);
    },
    (e) => log.error({ err: { name: e.name, message: e instanceof NotifyError ? e.message : e.name } }, "reading from GOV.UK Notify failed"),
  );
}
