/**
 * Case sampling (burgh 13): the head or DSL draws visits made in a range at
 * random, reviews each against the policy and records a finding. The draw's
 * seed is kept and shown; the sample, the reviewer and each finding are audited.
 */
import { randomInt } from "node:crypto";
import { and, asc, between, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { caseSamples, caseSampleVisits, pupils, safetyAlerts, safetyDeadlines, visitPupils, visitReports, visits } from "../../db/schema";
import { schoolDate } from "../../domain/attendance/school-date";
import { InvalidInput, NotFound } from "../../domain/errors";
import { clauseForVisit, drawSample, MAX_SAMPLE_SIZE, MAX_SEED, prefillFinding, type FindingPrefill } from "../../domain/oversight/case-sampling";
import { policyInForce } from "../policy/school-policy";
import { writeAudited, type Actor } from "../audit/write-audited";

/** Visits that were made: over, whether or not anyone answered the door. */
export const SAMPLED_STATES = ["completed", "no_contact"] as const;

export const DrawSampleSchema = z.object({
  /** The client's id for this draw: sent twice, it is one sample. */
  id: z.uuid(),
  from: schoolDate(),
  to: schoolDate(),
  size: z.number().int().min(1).max(MAX_SAMPLE_SIZE),
  /** Given to draw a sample again; otherwise Doorstep picks one and keeps it. */
  seed: z.number().int().min(0).max(MAX_SEED).optional(),
});

export const FindingSchema = z.object({
  reportComplete: z.boolean(),
  clauseFollowed: z.boolean(),
  checkInsKept: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});

type StaffActor = Actor & { userId: string };

export async function drawCaseSample(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof DrawSampleSchema>) {
  if (input.from > input.to) throw new InvalidInput("to", `${input.to} is before from (${input.from})`);
  const [existing] = await db.select({ id: caseSamples.id, schoolId: caseSamples.schoolId }).from(caseSamples).where(eq(caseSamples.id, input.id));
  if (existing) {
    if (existing.schoolId !== schoolId) throw new NotFound("case sample", "id");
    return { id: existing.id, duplicate: true };
  }
  const seed = input.seed ?? randomInt(MAX_SEED);
  return writeAudited(db, actor, async (tx, audit) => {
    const pool = await tx
      .select({ id: visits.id })
      .from(visits)
      .where(and(eq(visits.schoolId, schoolId), between(visits.day, input.from, input.to), inArray(visits.state, [...SAMPLED_STATES])));
    const drawn = drawSample(
      pool.map((v) => v.id),
      input.size,
      seed,
    );
    const inserted = await tx
      .insert(caseSamples)
      .values({ id: input.id, schoolId, fromDay: input.from, toDay: input.to, sizeAsked: input.size, seed, poolSize: pool.length, drawnBy: actor.userId, drawnName: actor.name })
      .onConflictDoNothing()
      .returning({ id: caseSamples.id });
    if (inserted.length === 0) {
      await audit({ action: "case_sample_replayed", entity: "case_sample", entityId: input.id, schoolId });
      return { id: input.id, duplicate: true };
    }
    for (const [position, visitId] of drawn.entries()) await tx.insert(caseSampleVisits).values({ sampleId: input.id, visitId, schoolId, position });
    await audit({ action: "case_sample_drawn", entity: "case_sample", entityId: input.id, schoolId, after: { from: input.from, to: input.to, size: input.size, seed, pool: pool.length, visits: drawn } });
    return { id: input.id, duplicate: false };
  });
}

export async function listCaseSamples(db: Executor, schoolId: string) {
  const rows = await db
    .select({
      id: caseSamples.id,
      from: caseSamples.fromDay,
      to: caseSamples.toDay,
      seed: caseSamples.seed,
      sizeAsked: caseSamples.sizeAsked,
      poolSize: caseSamples.poolSize,
      drawnName: caseSamples.drawnName,
      drawnAt: caseSamples.createdAt,
      visits: sql<number>`(select count(*) from ${caseSampleVisits} where ${caseSampleVisits.sampleId} = ${caseSamples.id})`.mapWith(Number),
      reviewed: sql<number>`(select count(*) from ${caseSampleVisits} where ${caseSampleVisits.sampleId} = ${caseSamples.id} and ${caseSampleVisits.reviewedAt} is not null)`.mapWith(Number),
    })
    .from(caseSamples)
    .where(eq(caseSamples.schoolId, schoolId))
    .orderBy(desc(caseSamples.createdAt));
  return rows.map((r) => ({ ...r, drawnAt: r.drawnAt.toISOString() }));
}

export interface SampledVisit {
  visitId: string;
  position: number;
  day: string;
  purpose: string;
  state: string;
  answersAction: string | null;
  /** The clause of the policy in force that day the visit answers, for "clause followed". */
  clause: string | null;
  children: { pupilId: string; firstName: string; lastName: string }[];
  prefill: FindingPrefill;
  finding: { reportComplete: boolean; clauseFollowed: boolean; checkInsKept: boolean; note: string | null; reviewedName: string; reviewedAt: string } | null;
}

export async function caseSample(db: Executor, schoolId: string, sampleId: string) {
  const [sample] = await db.select().from(caseSamples).where(and(eq(caseSamples.id, sampleId), eq(caseSamples.schoolId, schoolId)));
  if (!sample) throw new NotFound("case sample", "sampleId");
  const rows = await db
    .select({ entry: caseSampleVisits, visit: visits })
    .from(caseSampleVisits)
    .innerJoin(visits, eq(visits.id, caseSampleVisits.visitId))
    .where(eq(caseSampleVisits.sampleId, sampleId))
    .orderBy(asc(caseSampleVisits.position));
  const ids = rows.map((r) => r.visit.id);
  const none = ids.length === 0;
  const children = none ? [] : await db.select({ visitId: visitPupils.visitId, pupilId: pupils.id, firstName: pupils.firstName, lastName: pupils.lastName }).from(visitPupils).innerJoin(pupils, eq(pupils.id, visitPupils.pupilId)).where(inArray(visitPupils.visitId, ids));
  const reports = none ? [] : await db.select().from(visitReports).where(inArray(visitReports.visitId, ids));
  const deadlines = none ? [] : await db.select({ visitId: safetyDeadlines.visitId, n: sql<number>`count(*)`.mapWith(Number) }).from(safetyDeadlines).where(inArray(safetyDeadlines.visitId, ids)).groupBy(safetyDeadlines.visitId);
  const missed = none
    ? []
    : await db
        .select({ visitId: safetyAlerts.visitId, n: sql<number>`count(*)`.mapWith(Number) })
        .from(safetyAlerts)
        .where(and(inArray(safetyAlerts.visitId, ids), eq(safetyAlerts.kind, "overdue")))
        .groupBy(safetyAlerts.visitId);
  const rulesOn = new Map<string, { kind: string; clause: string }[]>();
  for (const day of new Set(rows.map((r) => r.visit.day))) rulesOn.set(day, (await policyInForce(db, schoolId, day).catch(() => null))?.policy.absenceRules ?? []);
  const countOf = (list: { visitId: string; n: number }[], id: string) => list.find((x) => x.visitId === id)?.n ?? 0;
  const visitsOut: SampledVisit[] = rows.map(({ entry, visit }) => {
    const kids = children.filter((c) => c.visitId === visit.id).map(({ visitId: _v, ...c }) => c);
    const r = reports.find((x) => x.visitId === visit.id);
    const prefill = prefillFinding({
      report: r ? { reason: r.reason, peoplePresent: r.peoplePresent, summary: r.summary, actionsAgreed: r.actionsAgreed, followUpActions: r.followUpActions, childrenRecorded: r.children.length } : null,
      children: kids.length,
      checkIns: countOf(deadlines, visit.id),
      checkInsMissed: countOf(missed, visit.id),
    });
    return {
      visitId: visit.id,
      position: entry.position,
      day: visit.day,
      purpose: visit.purpose,
      state: visit.state,
      answersAction: visit.answersAction,
      clause: clauseForVisit(rulesOn.get(visit.day) ?? [], visit),
      children: kids,
      prefill,
      finding:
        entry.reviewedAt === null
          ? null
          : { reportComplete: entry.reportComplete!, clauseFollowed: entry.clauseFollowed!, checkInsKept: entry.checkInsKept!, note: entry.note, reviewedName: entry.reviewedName!, reviewedAt: entry.reviewedAt.toISOString() },
    };
  });
  return {
    id: sample.id,
    from: sample.fromDay,
    to: sample.toDay,
    seed: sample.seed,
    sizeAsked: sample.sizeAsked,
    poolSize: sample.poolSize,
    drawnName: sample.drawnName,
    drawnAt: sample.createdAt.toISOString(),
    visits: visitsOut,
  };
}

/**
 * The reviewer's finding on one sampled visit. A second finding on the same
 * visit replaces the first (the reviewer changed their mind); the audit keeps both.
 */
export async function recordFinding(db: Database, actor: StaffActor, schoolId: string, sampleId: string, visitId: string, input: z.infer<typeof FindingSchema>) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(caseSampleVisits)
      .where(and(eq(caseSampleVisits.sampleId, sampleId), eq(caseSampleVisits.visitId, visitId), eq(caseSampleVisits.schoolId, schoolId)))
      .for("update");
    if (!before) throw new NotFound("visit in this sample", "visitId");
    const note = input.note ? input.note : null;
    const same = before.reviewedAt !== null && before.reportComplete === input.reportComplete && before.clauseFollowed === input.clauseFollowed && before.checkInsKept === input.checkInsKept && before.note === note;
    if (same) {
      await audit({ action: "case_finding_replayed", entity: "case_sample", entityId: sampleId, schoolId, after: { visitId } });
      return { ok: true as const, duplicate: true };
    }
    const [after] = await tx
      .update(caseSampleVisits)
      .set({ reportComplete: input.reportComplete, clauseFollowed: input.clauseFollowed, checkInsKept: input.checkInsKept, note, reviewedBy: actor.userId, reviewedName: actor.name, reviewedAt: new Date() })
      .where(and(eq(caseSampleVisits.sampleId, sampleId), eq(caseSampleVisits.visitId, visitId)))
      .returning();
    await audit({ action: "case_finding_recorded", entity: "case_sample", entityId: sampleId, schoolId, before, after });
    return { ok: true as const, duplicate: false };
  });
}

/** For the governors' report: findings on visits whose day falls in the range, counted, nobody named. */
export async function caseSamplingCounts(db: Executor, schoolId: string, from: string, to: string) {
  const [row] = await db
    .select({
      samples: sql<number>`count(distinct ${caseSampleVisits.sampleId})`.mapWith(Number),
      sampled: sql<number>`count(*)`.mapWith(Number),
      reviewed: sql<number>`count(*) filter (where ${caseSampleVisits.reviewedAt} is not null)`.mapWith(Number),
      reportComplete: sql<number>`count(*) filter (where ${caseSampleVisits.reportComplete})`.mapWith(Number),
      clauseFollowed: sql<number>`count(*) filter (where ${caseSampleVisits.clauseFollowed})`.mapWith(Number),
      checkInsKept: sql<number>`count(*) filter (where ${caseSampleVisits.checkInsKept})`.mapWith(Number),
      metPolicy: sql<number>`count(*) filter (where ${caseSampleVisits.reportComplete} and ${caseSampleVisits.clauseFollowed} and ${caseSampleVisits.checkInsKept})`.mapWith(Number),
    })
    .from(caseSampleVisits)
    .innerJoin(visits, eq(visits.id, caseSampleVisits.visitId))
    .where(and(eq(caseSampleVisits.schoolId, schoolId), between(visits.day, from, to)));
  return row ?? { samples: 0, sampled: 0, reviewed: 0, reportComplete: 0, clauseFollowed: 0, checkInsKept: 0, metPolicy: 0 };
}
