/** The written notices that follow events: cancellation to the head, reminder to the family. */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { agreements, familyContacts, pupils, registerMarks, userRoles, users } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { schoolYearStart, summariseAttendance } from "../../domain/attendance/attendance-summary";
import type { Actor, Audit } from "../audit/write-audited";
import { londonDate } from "../clock";
import { queueEmail } from "../notify/outbox";
import { createReplyLink, replyUrl } from "../notify/reply-links";
import type { PolicyTemplate } from "../../domain/policy";
import type { Role } from "../../domain/people/roles";
import type { VisitView } from "../visits/load-visit";
import { policyInForce } from "../policy/school-policy";
import { cancellationNoticeClause, cancellationNoticeTo } from "../../domain/visits/visit-lifecycle";
import { clockTime, longDate, longDay } from "./format";
import { renderLetter } from "./letters";
import { storeDocument } from "./store-document";

async function holdersOf(db: Executor, schoolId: string, roles: readonly Role[]) {
  const rows = await db.select({ email: users.email }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId)).where(and(eq(userRoles.schoolId, schoolId), inArray(userRoles.role, [...roles])));
  return [...new Set(rows.map((r) => r.email))];
}

/**
 * The head's written notice of a cancellation (coteford 3.8-3.9, hunsbury 4),
 * kept on the record and queued for email inside the cancelling transaction: it
 * exists if and only if the cancellation does.
 */
export async function owedCancellationNotice(tx: Executor, audit: Audit, actor: Actor, schoolId: string, visit: VisitView, policy: PolicyTemplate, reason: string, now: Date): Promise<string> {
  const letter = await renderLetter(tx, schoolId, "cancellation_notice", {
    "child.name": visit.pupils.map((p) => p.name).join(" and "),
    "visit.address": visit.address,
    "visit.date": longDate(visit.day),
    date: longDay(now),
    time: clockTime(now),
    "staff.name": actor.name,
    "cancellation.reason": reason,
    clause: cancellationNoticeClause(policy) ?? "the school's home visits policy",
  });
  const documentId = await storeDocument(tx, audit, { schoolId, pupilId: visit.pupils[0]?.id ?? null, visitId: visit.id, kind: "cancellation_notice", title: `${letter.title}: ${longDate(visit.day)}`, pdf: letter.pdf, emailedTo: [], createdBy: actor.name });
  await queueEmail(tx, { schoolId, kind: "cancellation_notice", to: await holdersOf(tx, schoolId, cancellationNoticeTo(policy)), subject: letter.title, body: letter.text, attachment: { documentId, filename: "visit-cancelled.pdf" } }, now);
  return documentId;
}

/**
 * The reminder letter to the family when an agreement is not kept, kept on the
 * record and queued for email inside the review's transaction. With `origin`
 * (the address families open), it carries a reply link and its QR code, as the
 * "We called today" card does (issue 18): the letter is the family's, so the
 * copy kept on the record is the one sent, link and all; it expires in 14 days.
 */
export async function owedReminderLetter(db: Executor, audit: Audit, actor: Actor, schoolId: string, agreementId: string, now: Date, origin?: string) {
  const [a] = await db.select().from(agreements).where(and(eq(agreements.id, agreementId), eq(agreements.schoolId, schoolId)));
  if (!a) throw new NotFound("agreement", "agreementId");
  const [pupil] = await db.select().from(pupils).where(eq(pupils.id, a.pupilId));
  const contacts = await db.select().from(familyContacts).where(inArray(familyContacts.pupilId, [a.pupilId]));
  const today = londonDate(now);
  const from = schoolYearStart(today);
  const marks = await db.select({ code: registerMarks.code, day: registerMarks.day }).from(registerMarks).where(eq(registerMarks.pupilId, a.pupilId));
  const att = summariseAttendance(marks.filter((m) => m.day >= from && m.day <= today).map((m) => m.code), from, today);
  const parent = contacts.find((c) => c.parentalResponsibility) ?? contacts[0];
  const { policy } = await policyInForce(db, schoolId, today);
  const letter = await renderLetter(db, schoolId, "reminder_letter", {
    "parent.name": parent?.name ?? a.agreedWith,
    "child.name": `${pupil!.firstName} ${pupil!.lastName}`,
    "agreement.terms": a.terms,
    "agreement.date": longDay(a.createdAt),
    "attendance.percent": att.percent,
    "attendance.sessionsMissed": att.sessionsMissed,
    "attendance.authorised": att.authorised,
    "attendance.unauthorised": att.unauthorised,
    "staff.name": actor.name,
    date: longDay(now),
    // The school's own clause; none (and no citation) where its policy has no such provision.
    clause: policy.agreements.reminderLetter,
  }, origin ? replyUrl(origin, await createReplyLink(db, schoolId, a.pupilId, now)) : undefined);
  const emails = contacts.map((c) => c.email).filter((e): e is string => !!e);
  const documentId = await storeDocument(db, audit, { schoolId, pupilId: a.pupilId, visitId: a.visitId, kind: "reminder_letter", title: `${letter.title}, ${longDay(now)}`, pdf: letter.pdf, emailedTo: [], createdBy: actor.name });
  const messageId = await queueEmail(db, { schoolId, kind: "reminder_letter", to: emails, subject: letter.title, body: letter.text, attachment: { documentId, filename: "reminder.pdf" } }, now);
  return { documentId, messageId, queuedTo: [...new Set(emails)] };
}
