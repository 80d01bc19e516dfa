/**
 * The visit list for approval (coteford 3.2-3.3) and the written confirmation of an
 * appointment (coteford 2.6, scargill personal safety). The "We called today"
 * cards are letters from an editable template: see letters.ts.
 */
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import { appointments, schools } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { renderAppointmentLetterPdf, renderVisitListPdf } from "../../rendering";
import type { Mailer } from "../notify/mailer";
import { queueEmail } from "../notify/outbox";
import { writeAudited, type Actor } from "../audit/write-audited";
import { ROLE_LABELS, ROLES } from "../../domain/people/roles";
import { listStaff } from "../people/list-staff";
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
  const roles = new Map((await listStaff(db, schoolId)).map((s) => [s.id, s.roles]));
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
      pupils: v.pupils.map((p) => ({ name: p.name, yearClass: p.yearClass, upn: p.upn, attendance: attendanceOf(p) })),
      address: v.address ?? "",
      parents: v.pupils.flatMap((p) => p.parents).filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i),
      // Those from outside the school go too (burgh 1, 9): the approver sees who and from where.
      team: [...v.team.map((t) => ({ name: t.staff.name, role: roleLabel(roles.get(t.staff.userId)) })), ...v.companions.map((c) => ({ name: c.name, role: `${c.role}, ${c.organisation}; not school staff` }))],
      state: v.state.replace("_", " "),
    })),
    approval: approval ? { signedName: approval.signedName, accountName: approval.accountName, role: approval.role, signedAt: dayAndTime(new Date(approval.signedAt)) } : null,
  });
}

/** A member's roles in this school, in words, in the order the roles are listed (the head before the DSL). */
function roleLabel(held: string[] | undefined): string | null {
  const labels = ROLES.filter((r) => held?.includes(r)).map((r) => ROLE_LABELS[r]);
  return labels.length ? labels.join(", ") : null;
}

function attendanceOf(p: VisitView["pupils"][number]) {
  const a = p.attendance;
  const recent = p.recentMarks.map((m) => `${new Date(`${m.day}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" })} ${m.am ?? "-"} ${m.pm ?? "-"}`).join("  ");
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
  // Kept on the record and queued in one transaction: the confirmation exists whatever the mail server is doing.
  const { documentId, messageId } = await writeAudited(db, actor, async (tx, audit) => {
    const id = await storeDocument(tx, audit, { schoolId, pupilId: visit.pupils[0]?.id ?? null, visitId, kind: "appointment_confirmation", title: `Appointment confirmation, ${longDate(visit.day)}`, pdf, emailedTo: [], createdBy: actor.name });
    const message = await queueEmail(
      tx,
      {
        schoolId,
        kind: "appointment_confirmation",
        to: emails,
        subject: `${school.name}: confirmation of home visit appointment`,
        body: `Dear ${parent?.name ?? "parent or carer"},\n\nPlease find attached the confirmation of the home visit we agreed with you.\n\n${school.name}${school.phone ? `\n${school.phone}` : ""}`,
        attachment: { documentId: id, filename: "appointment-confirmation.pdf" },
      },
      now,
    );
    return { documentId: id, messageId: message };
  });
  return { documentId, messageId, emailConfigured: mailer.configured };
}
