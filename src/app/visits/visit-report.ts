/**
 * The visit report (coteford Appendix 2): factual and dated. The attendance
 * figures are filled in from the register, not typed. A child seen is recorded
 * as a sighting, so the engine's eyes-on count restarts. Once submitted a report
 * is never edited; an addendum adds to it and keeps the original.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { sightings, visitPupils, visitReportAddenda, visitReports } from "../../db/schema";
import { Conflict, InvalidInput, NotFound, PolicyViolation } from "../../domain/errors";
import { VISIT_OUTCOMES } from "../../domain/attendance/evaluation-input";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import { loadVisit } from "./load-visit";
import { escalateNoAnswer } from "./no-answer";
import { policyInForce } from "../policy/school-policy";
import type { VisitPurpose } from "../../domain/visits/visit-purposes";
import type { StaffActor } from "./planning-steps";
import { latestReferences } from "../safeguarding/external-references";
import { moveVisit } from "./visit-state";

export const VisitReportSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  peoplePresent: z.string().trim().min(1).max(2000),
  summary: z.string().trim().min(1).max(10000),
  actionsAgreed: z.string().trim().max(5000),
  followUpActions: z.string().trim().max(5000),
  children: z.array(z.object({ pupilId: z.uuid(), seen: z.boolean(), outcome: z.enum(VISIT_OUTCOMES) })).min(1),
});

export async function submitVisitReport(db: Database, actor: StaffActor, schoolId: string, visitId: string, input: z.infer<typeof VisitReportSchema>, now: Date) {
  const visit = await loadVisit(db, schoolId, visitId);
  if (["proposed", "approved", "planned"].includes(visit.state)) throw new PolicyViolation("A report is written once the visit has happened.", "visit lifecycle", "state");
  input.children.forEach((c, i) => {
    if (!visit.pupils.some((p) => p.id === c.pupilId)) throw new NotFound("child on this visit", `children[${i}].pupilId`);
    if (input.children.findIndex((o) => o.pupilId === c.pupilId) !== i) throw new InvalidInput(`children[${i}].pupilId`, "this child is already in the report");
    // "Seen" records a sighting that restarts the eyes-on count, so the two must agree both ways.
    if (c.seen && c.outcome !== "child_seen") throw new InvalidInput(`children[${i}].outcome`, "a child who was seen has the outcome child_seen");
    if (!c.seen && c.outcome === "child_seen") throw new InvalidInput(`children[${i}].outcome`, "a child who was not seen cannot have the outcome child_seen: choose parent_seen_child_not_seen, no_contact or cancelled, or mark the child as seen");
  });
  const today = londonDate(now);
  return writeAudited(db, actor, async (tx, audit) => {
    const [existing] = await tx.select({ id: visitReports.id }).from(visitReports).where(eq(visitReports.visitId, visitId));
    if (existing) throw new Conflict("This visit already has a report: add an addendum to it.", "visitId");
    const children = input.children.map((c) => {
      const p = visit.pupils.find((x) => x.id === c.pupilId)!;
      return { pupilId: c.pupilId, name: p.name, seen: c.seen, outcome: c.outcome, attendance: p.attendance };
    });
    const [report] = await tx
      .insert(visitReports)
      .values({
        visitId,
        schoolId,
        reason: input.reason,
        peoplePresent: input.peoplePresent,
        summary: input.summary,
        actionsAgreed: input.actionsAgreed,
        followUpActions: input.followUpActions,
        children,
        staffPresent: visit.team.map((t) => t.staff.name),
        completedBy: actor.userId,
        completedName: actor.name,
        completedRole: actor.roles[0] ?? "staff",
        completedOn: today,
        submittedAt: now,
      })
      .returning();
    for (const c of input.children) {
      await tx.update(visitPupils).set({ outcome: c.outcome }).where(and(eq(visitPupils.visitId, visitId), eq(visitPupils.pupilId, c.pupilId)));
      if (c.seen) await tx.insert(sightings).values({ schoolId, pupilId: c.pupilId, day: visit.day, seenBy: `${visit.team.map((t) => t.staff.name).join(" and ") || actor.name} on a home visit`, note: "Recorded from the visit report", recordedBy: actor.userId });
    }
    const anySeen = input.children.some((c) => c.outcome === "child_seen" || c.outcome === "parent_seen_child_not_seen");
    let escalated: string | null = null;
    if (visit.state === "under_way") {
      const { policy } = await policyInForce(tx, schoolId, visit.day);
      await moveVisit(tx, audit, policy, visit, anySeen ? "finish_completed" : "finish_no_contact", actor.roles, { why: "the visit report was written" });
      if (!anySeen) escalated = await escalateNoAnswer(tx, policy, { id: visitId, schoolId, purpose: visit.purpose as VisitPurpose, day: visit.day }, actor.userId, now);
    }
    await audit({ action: "visit_report_submitted", entity: "visit_report", entityId: report!.id, schoolId, after: escalated ? { ...report, noAnswerEscalated: escalated } : report });
    return { id: report!.id };
  });
}

export async function addAddendum(db: Database, actor: StaffActor, schoolId: string, visitId: string, text: string, now: Date) {
  if (!text.trim()) throw new InvalidInput("text", "write the addendum");
  return writeAudited(db, actor, async (tx, audit) => {
    const [report] = await tx.select().from(visitReports).where(and(eq(visitReports.visitId, visitId), eq(visitReports.schoolId, schoolId)));
    if (!report) throw new NotFound("visit report", "visitId");
    const [row] = await tx.insert(visitReportAddenda).values({ reportId: report.id, text: text.trim(), addedBy: actor.userId, addedName: actor.name, addedAt: now }).returning();
    await audit({ action: "visit_report_addendum", entity: "visit_report", entityId: report.id, schoolId, after: row });
    return { id: row!.id };
  });
}

export async function loadVisitReport(db: Executor, schoolId: string, visitId: string) {
  const [report] = await db.select().from(visitReports).where(and(eq(visitReports.visitId, visitId), eq(visitReports.schoolId, schoolId)));
  if (!report) return null;
  const addenda = await db.select().from(visitReportAddenda).where(eq(visitReportAddenda.reportId, report.id)).orderBy(asc(visitReportAddenda.addedAt));
  const ref = (await latestReferences(db, schoolId, "visit_report", [report.id])).get(report.id) ?? null;
  return {
    ...report,
    externalRef: ref,
    submittedAt: report.submittedAt.toISOString(),
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, addedName: a.addedName, addedAt: a.addedAt.toISOString() })),
  };
}
