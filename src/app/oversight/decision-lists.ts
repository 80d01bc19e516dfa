/**
 * The half-term decision list (transform-trust 4.2): at a summary meeting the
 * attendance lead lists pupils by a criterion, then records a decision for
 * each, with who decided. A "visit" decision puts a proposed visit on the visit
 * list through insertProposedVisit, the one writer of visits; the daily list
 * stays the reactive list. Ids are the client's: a list or decision sent twice
 * is recorded once.
 */
import { and, asc, between, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { decisionListPupils, decisionLists, nonSchoolDays, pupils, registerMarks } from "../../db/schema";
import { schoolYearStart } from "../../domain/attendance/attendance-summary";
import { classifyCode, isAbsence, isAttendanceCode, isCounted } from "../../domain/attendance/codes";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { schoolDate } from "../../domain/attendance/school-date";
import { InvalidInput, NotFound } from "../../domain/errors";
import { attendancePercent, DECISION_CRITERIA, decisionListPupils as listed, DECISIONS, type DecisionCriterion, type PupilSessions } from "../../domain/oversight/decision-list";
import { VISIT_PURPOSES } from "../../domain/visits/visit-purposes";
import { writeAudited, type Actor } from "../audit/write-audited";
import { insertProposedVisit } from "../visits/propose-visit";
import { rangeAsked } from "../attendance/compliance-for-range";

export const BuildListSchema = z.object({
  id: z.uuid(),
  criterion: z.enum(DECISION_CRITERIA),
  /** Both or neither: without them, this half-term on the school's calendar. */
  from: schoolDate().optional(),
  to: schoolDate().optional(),
});

export const DecisionSchema = z.object({
  decision: z.enum(DECISIONS),
  note: z.string().trim().max(2000).optional(),
  /** For a visit: what it is for and the day proposed (the first school day from today when left out). */
  visitPurpose: z.enum(VISIT_PURPOSES).optional(),
  visitDate: schoolDate().optional(),
});

type StaffActor = Actor & { userId: string };

/** Possible and missed sessions per pupil on roll over a range, as the DfE counts them (late after registers close is missed). */
export async function pupilSessions(db: Executor, schoolId: string, from: IsoDate, to: IsoDate): Promise<PupilSessions[]> {
  const roll = await db.select({ id: pupils.id }).from(pupils).where(eq(pupils.schoolId, schoolId));
  const marks = await db.select({ pupilId: registerMarks.pupilId, code: registerMarks.code }).from(registerMarks).where(and(eq(registerMarks.schoolId, schoolId), between(registerMarks.day, from, to)));
  const by = new Map(roll.map((p) => [p.id, { pupilId: p.id, possible: 0, missed: 0 }]));
  for (const m of marks) {
    const s = by.get(m.pupilId);
    if (!s || !isAttendanceCode(m.code)) continue;
    const cls = classifyCode(m.code);
    if (!isCounted(cls)) continue;
    s.possible++;
    if (isAbsence(cls) || cls === "late_unauthorised") s.missed++;
  }
  return [...by.values()];
}

/** The window a criterion reads: the range for below 90%, the school year to its end for persistent absence. */
export function criterionWindow(criterion: DecisionCriterion, from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate } {
  return criterion === "persistently_absent" ? { from: schoolYearStart(to), to } : { from, to };
}

export async function buildDecisionList(db: Database, actor: StaffActor, schoolId: string, asked: z.infer<typeof BuildListSchema>, today: IsoDate) {
  const [existing] = await db.select({ schoolId: decisionLists.schoolId }).from(decisionLists).where(eq(decisionLists.id, asked.id));
  if (existing) {
    if (existing.schoolId !== schoolId) throw new NotFound("decision list", "id");
    return { id: asked.id, duplicate: true };
  }
  const range = await rangeAsked(db, schoolId, asked.from === undefined && asked.to === undefined ? { period: "half_term" } : asked, today);
  const input = { ...asked, ...range };
  const window = criterionWindow(input.criterion, input.from, input.to);
  return writeAudited(db, actor, async (tx, audit) => {
    const chosen = listed(input.criterion, await pupilSessions(tx, schoolId, window.from, window.to));
    const inserted = await tx
      .insert(decisionLists)
      .values({ id: input.id, schoolId, criterion: input.criterion, fromDay: input.from, toDay: input.to, builtBy: actor.userId, builtName: actor.name })
      .onConflictDoNothing()
      .returning({ id: decisionLists.id });
    if (inserted.length === 0) {
      await audit({ action: "decision_list_replayed", entity: "decision_list", entityId: input.id, schoolId });
      return { id: input.id, duplicate: true };
    }
    for (const p of chosen) await tx.insert(decisionListPupils).values({ listId: input.id, pupilId: p.pupilId, schoolId, possibleSessions: p.possible, sessionsMissed: p.missed });
    await audit({ action: "decision_list_built", entity: "decision_list", entityId: input.id, schoolId, after: { criterion: input.criterion, from: window.from, to: window.to, pupils: chosen.length } });
    return { id: input.id, duplicate: false };
  });
}

export async function listDecisionLists(db: Executor, schoolId: string) {
  const rows = await db
    .select({
      id: decisionLists.id,
      criterion: decisionLists.criterion,
      from: decisionLists.fromDay,
      to: decisionLists.toDay,
      builtName: decisionLists.builtName,
      builtAt: decisionLists.createdAt,
      pupils: sql<number>`(select count(*) from ${decisionListPupils} where ${decisionListPupils.listId} = ${decisionLists.id})`.mapWith(Number),
      decided: sql<number>`(select count(*) from ${decisionListPupils} where ${decisionListPupils.listId} = ${decisionLists.id} and ${decisionListPupils.decision} is not null)`.mapWith(Number),
    })
    .from(decisionLists)
    .where(eq(decisionLists.schoolId, schoolId))
    .orderBy(desc(decisionLists.createdAt));
  return rows.map((r) => ({ ...r, criterion: r.criterion as DecisionCriterion, builtAt: r.builtAt.toISOString() }));
}

export async function decisionList(db: Executor, schoolId: string, listId: string) {
  const [list] = await db.select().from(decisionLists).where(and(eq(decisionLists.id, listId), eq(decisionLists.schoolId, schoolId)));
  if (!list) throw new NotFound("decision list", "listId");
  const rows = await db
    .select({ entry: decisionListPupils, firstName: pupils.firstName, lastName: pupils.lastName, yearGroup: pupils.yearGroup })
    .from(decisionListPupils)
    .innerJoin(pupils, eq(pupils.id, decisionListPupils.pupilId))
    .where(eq(decisionListPupils.listId, listId))
    .orderBy(desc(sql`${decisionListPupils.sessionsMissed}::float / nullif(${decisionListPupils.possibleSessions}, 0)`), asc(pupils.lastName), asc(pupils.firstName));
  const window = criterionWindow(list.criterion as DecisionCriterion, list.fromDay, list.toDay);
  return {
    id: list.id,
    criterion: list.criterion as DecisionCriterion,
    from: list.fromDay,
    to: list.toDay,
    sessionsFrom: window.from,
    builtName: list.builtName,
    builtAt: list.createdAt.toISOString(),
    pupils: rows.map(({ entry, ...p }) => ({
      pupilId: entry.pupilId,
      ...p,
      possibleSessions: entry.possibleSessions,
      sessionsMissed: entry.sessionsMissed,
      attendancePercent: attendancePercent({ possible: entry.possibleSessions, missed: entry.sessionsMissed }),
      decision: entry.decision as (typeof DECISIONS)[number] | null,
      note: entry.note,
      visitId: entry.visitId,
      decidedName: entry.decidedName,
      decidedAt: entry.decidedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * One decision for one pupil. The same decision sent again changes nothing;
 * a different one replaces it, except that a visit once proposed stays on the
 * visit list (it is cancelled there, with its reason, not here).
 */
export async function recordDecision(db: Database, actor: StaffActor, schoolId: string, listId: string, pupilId: string, input: z.infer<typeof DecisionSchema>, today: IsoDate) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(decisionListPupils)
      .where(and(eq(decisionListPupils.listId, listId), eq(decisionListPupils.pupilId, pupilId), eq(decisionListPupils.schoolId, schoolId)))
      .for("update");
    if (!before) throw new NotFound("pupil on this list", "pupilId");
    const note = input.note ? input.note : null;
    if (before.decision === input.decision && before.note === note) {
      await audit({ action: "half_term_decision_replayed", entity: "decision_list", entityId: listId, schoolId, after: { pupilId } });
      return { ok: true as const, duplicate: true, visitId: before.visitId };
    }
    if (before.visitId && input.decision !== "visit") throw new InvalidInput("decision", "a visit is already on the visit list for this decision: cancel it there, with its reason");
    let visitId = before.visitId;
    if (input.decision === "visit" && !visitId) {
      const [child] = await tx.select().from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
      const closures = await tx.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
      const calendar = new SchoolCalendar(closures.map((c) => c.day));
      const date = input.visitDate ?? (calendar.isSchoolDay(today) ? today : calendar.nextSchoolDay(today));
      if (!calendar.isSchoolDay(date)) throw new InvalidInput("visitDate", `${date} is not a school day`);
      const made = await insertProposedVisit(tx, audit, actor, schoolId, [child!], { purpose: input.visitPurpose ?? "safe_and_well", date }, "decided at a half-term meeting (transform-trust 4.2)");
      visitId = made.id;
    }
    const [after] = await tx
      .update(decisionListPupils)
      .set({ decision: input.decision, note, visitId, decidedBy: actor.userId, decidedName: actor.name, decidedAt: new Date() })
      .where(and(eq(decisionListPupils.listId, listId), eq(decisionListPupils.pupilId, pupilId)))
      .returning();
    await audit({ action: "half_term_decision_recorded", entity: "decision_list", entityId: listId, schoolId, before, after });
    return { ok: true as const, duplicate: false, visitId };
  });
}
