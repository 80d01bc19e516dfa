/** The written notices that follow events: cancellation to the head, reminder to the family. */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agreements, familyContacts, pupils, registerMarks, userRoles, users } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { schoolYearStart, summariseAttendance } from "../../domain/attendance/attendance-summary";
import { writeAudited, type Actor } from "../audit/write-audited";
import { londonDate } from "../clock";
import type { Mailer } from "../notify/mailer";
import { policyInForce } from "../policy/school-policy";
import { agreementClauses } from "../records/agreements";
import { cancellationNoticeClause } from "../../domain/visits/visit-lifecycle";
import { loadVisit } from "../visits/load-visit";
import { clockTime, longDate, longDay } from "./format";
import { renderLetter } from "./letters";
import { storeDocument } from "./store-document";

async function heads(db: Database, schoolId: string) {
  const rows = await db.select({ email: users.email }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId)).where(and(eq(userRoles.schoolId, schoolId), eq(userRoles.role, "headteacher")));
  return rows.map((r) => r.email);
}

export async function sendCancellationNotice(db: Database, mailer: Mailer, actor: Actor, schoolId: string, visitId: string, reason: string, now: Date) {
  const visit = await loadVisit(db, schoolId, visitId);
  const { policy } = await policyInForce(db, schoolId, visit.day);
  const letter = await renderLetter(db, schoolId, "cancellation_notice", {
    "child.name": visit.pupils.map((p) => p.name).join(" and "),
    "visit.address": visit.address,
    "visit.date": longDate(visit.day),
    date: longDay(now),
    time: clockTime(now),
    "staff.name": actor.name,
    "cancellation.reason": reason,
    clause: cancellationNoticeClause(policy) ?? "the school's home visits policy",
  });
  let emailedTo: string[] = [];
  const to = await heads(db, schoolId);
  if (mailer.configured && to.length) {
    emailedTo = (await mailer.send({ to, subject: letter.title, text: letter.text, attachments: [{ filename: "visit-cancelled.pdf", content: letter.pdf, contentType: "application/pdf" }] })).accepted;
  }
  return writeAudited(db, actor, (tx, audit) =>
    storeDocument(tx, audit, { schoolId, pupilId: visit.pupils[0]?.id ?? null, visitId, kind: "cancellation_notice", title: `${letter.title}: ${longDate(visit.day)}`, pdf: letter.pdf, emailedTo, createdBy: actor.name }),
  );
}

export async function sendReminderLetter(db: Database, mailer: Mailer, actor: Actor, schoolId: string, agreementId: string, now: Date) {
  const [a] = await db.select().from(agreements).where(and(eq(agreements.id, agreementId), eq(agreements.schoolId, schoolId)));
  if (!a) throw new NotFound("agreement", "agreementId");
  const [pupil] = await db.select().from(pupils).where(eq(pupils.id, a.pupilId));
  const contacts = await db.select().from(familyContacts).where(inArray(familyContacts.pupilId, [a.pupilId]));
  const today = londonDate(now);
  const from = schoolYearStart(today);
  const marks = await db.select({ code: registerMarks.code, day: registerMarks.day }).from(registerMarks).where(eq(registerMarks.pupilId, a.pupilId));
  const att = summariseAttendance(marks.filter((m) => m.day >= from && m.day <= today).map((m) => m.code), from, today);
  const parent = contacts.find((c) => c.parentalResponsibility) ?? contacts[0];
  const { templateId } = await policyInForce(db, schoolId, today);
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
    clause: agreementClauses(templateId).letter,
  });
  const emails = contacts.map((c) => c.email).filter((e): e is string => !!e);
  let emailedTo: string[] = [];
  if (mailer.configured && emails.length) {
    emailedTo = (await mailer.send({ to: emails, subject: letter.title, text: letter.text, attachments: [{ filename: "reminder.pdf", content: letter.pdf, contentType: "application/pdf" }] })).accepted;
  }
  const documentId = await writeAudited(db, actor, (tx, audit) =>
    storeDocument(tx, audit, { schoolId, pupilId: a.pupilId, visitId: a.visitId, kind: "reminder_letter", title: `${letter.title}, ${longDay(now)}`, pdf: letter.pdf, emailedTo, createdBy: actor.name }),
  );
  return { documentId, emailedTo };
}
