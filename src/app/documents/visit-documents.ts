/**
 * The visit list for approval (coteford 3.2-3.3), the written confirmation of an
 * appointment (coteford 2.6, scargill personal safety), and the "We called
 * today" cards (burgh Appendix B, coteford Appendix 3).
 */
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { appointments, schools } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { renderAppointmentLetterPdf, renderCalledCardsPdf, renderVisitListPdf } from "../../documents";
import type { Mailer } from "../notify/mailer";
import { writeAudited, type Actor } from "../audit/write-audited";
import { policyInForce } from "../policy/school-policy";
import { loadVisit, loadVisits, type VisitView } from "../visits/load-visit";
import { clockTime, dayAndTime, longDate, longDay } from "./format";
import { storeDocument } from "./store-document";

async function schoolOf(db: Executor, schoolId: string) {
  const [s] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!s) throw new NotFound("school", "schoolId");
  return s;
}

export async function visitListPdf(db: Executor, schoolId: string, visitIds: string[], now: Date): Promise<Buffer> {
  const school = await schoolOf(db, schoolId);
  const list = await loadVisits(db, schoolId, visitIds);
  const { policy } = await policyInForce(db, schoolId, list[0]?.day ?? now.toISOString().slice(0, 10));
  // One signature approves the list: show it when every visit carries the same current one.
  const approvals = list.map((v) => v.approval);
  const same = approvals.length > 0 && approvals.every((a) => a && a.current && a.listId !== null && a.listId === approvals[0]!.listId);
  const single = approvals.length === 1 && approvals[0]?.current;
  const approval = same || single ? approvals[0]! : null;
  return renderVisitListPdf({
    schoolName: school.name,
    title: approval ? "Home visit list (approved)" : "Home visit list for approval",
    policyClause: policy.conduct.approval?.clause ?? "visit list",
    generatedAt: dayAndTime(now),
    visits: list.map((v) => ({
      date: longDate(v.day),
      time: v.startsAt ? clockTime(new Date(v.startsAt)) : null,
      purpose: v.purpose.replaceAll("_", " "),
      pupils: v.pupils.map((p) => ({ name: p.name, yearClass: p.yearClass, upn: p.upn })),
      address: v.address ?? "",
      parents: v.pupils.flatMap((p) => p.parents).filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i),
      attendance: attendanceOf(v),
      team: v.team.map((t) => t.staff.name),
      state: v.state.replace("_", " "),
    })),
    approval: approval ? { signedName: approval.signedName, accountName: approval.accountName, role: approval.role, signedAt: dayAndTime(new Date(approval.signedAt)) } : null,
  });
}

function attendanceOf(v: VisitView) {
  const a = v.pupils[0]?.attendance;
  const recent = (v.pupils[0]?.recentMarks ?? []).map((m) => `${new Date(`${m.day}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" })} ${m.am ?? "-"} ${m.pm ?? "-"}`).join("  ");
  return { percent: a?.percent ?? null, sessionsMissed: a?.sessionsMissed ?? 0, authorised: a?.authorised ?? 0, unauthorised: a?.unauthorised ?? 0, recentMarks: recent };
}

/** Writes the confirmation letter, keeps it on the record and emails it to the family where possible. */
export async function confirmAppointment(db: Database, mailer: Mailer, actor: Actor, schoolId: string, visitId: string, now: Date) {
  const visit = await loadVisit(db, schoolId, visitId);
  if (!visit.appointment) throw new NotFound("appointment", "visitId");
  const school = await schoolOf(db, schoolId);
  const { policy } = await policyInForce(db, schoolId, visit.day);
  const [appt] = await db.select().from(appointments).where(eq(appointments.visitId, visitId));
  const parent = visit.pupils[0]?.parents.find((p) => p.parentalResponsibility) ?? visit.pupils[0]?.parents[0];
  const pdf = await renderAppointmentLetterPdf({
    school: { name: school.name, address: school.address, phone: school.phone, email: school.email },
    date: longDay(now),
    parent: { name: parent?.name ?? visit.appointment.agreedWith, address: visit.address ?? visit.appointment.place },
    pupilNames: visit.pupils.map((p) => p.name),
    appointment: { when: `${longDay(new Date(visit.appointment.startsAt))} at ${clockTime(new Date(visit.appointment.startsAt))}`, place: visit.appointment.place, staff: visit.team.map((t) => t.staff.name) },
    clause: policy.conduct.appointmentRequiredToEnter?.clause ?? "appointment",
    signatures: appt?.signedAt ? { parentPng: appt.parentSignature, officerPng: appt.officerSignature, signedAt: dayAndTime(appt.signedAt) } : undefined,
  });
  const emails = [...new Set(visit.pupils.flatMap((p) => p.parents.map((x) => x.email)).filter((e): e is string => !!e))];
  let emailedTo: string[] = [];
  if (mailer.configured && emails.length) {
    const sent = await mailer.send({
      to: emails,
      subject: `${school.name}: confirmation of home visit appointment`,
      text: `Dear ${parent?.name ?? "parent or carer"},\n\nPlease find attached the confirmation of the home visit we agreed with you.\n\n${school.name}${school.phone ? `\n${school.phone}` : ""}`,
      attachments: [{ filename: "appointment-confirmation.pdf", content: pdf, contentType: "application/pdf" }],
    });
    emailedTo = sent.accepted;
  }
  const documentId = await writeAudited(db, actor, (tx, audit) =>
    storeDocument(tx, audit, { schoolId, pupilId: visit.pupils[0]?.id ?? null, visitId, kind: "appointment_confirmation", title: `Appointment confirmation, ${longDate(visit.day)}`, pdf, emailedTo, createdBy: actor.name }),
  );
  return { documentId, emailedTo, emailConfigured: mailer.configured };
}

/** Cards for every child on the day's visits, to take out; or one left at a door now (kept on the record). */
export async function calledCardsPdf(db: Executor, schoolId: string, visitIds: string[], at: Date | null) {
  const school = await schoolOf(db, schoolId);
  const list = await loadVisits(db, schoolId, visitIds);
  const cards = [];
  for (const v of list) {
    const { policy } = await policyInForce(db, schoolId, v.day);
    const card = policy.calledCard;
    for (const p of v.pupils) {
      cards.push({
        schoolName: school.name,
        title: card?.title ?? "Sorry we missed you",
        text: card?.text ?? "We visited today as your child was absent from school. Please contact us as soon as possible to confirm they are safe.",
        childName: p.name,
        date: at ? longDay(at) : longDate(v.day),
        time: at ? clockTime(at) : v.startsAt ? clockTime(new Date(v.startsAt)) : "",
        phone: policy.schoolContact?.phone ?? school.phone,
        email: policy.schoolContact?.email ?? school.email,
      });
    }
  }
  return renderCalledCardsPdf(cards);
}

/** Records that a card was left at the door (burgh 9): the card as left is kept on each child's record. */
export async function recordCardLeft(db: Database, actor: Actor, schoolId: string, visitId: string, now: Date) {
  const visit = await loadVisit(db, schoolId, visitId);
  const pdf = await calledCardsPdf(db, schoolId, [visitId], now);
  return writeAudited(db, actor, async (tx, audit) => {
    const ids: string[] = [];
    for (const p of visit.pupils) ids.push(await storeDocument(tx, audit, { schoolId, pupilId: p.id, visitId, kind: "called_card", title: `"We called today" card left, ${dayAndTime(now)}`, pdf, emailedTo: [], createdBy: actor.name }));
    return { documentIds: ids };
  });
}
