/**
 * Safeguarding concerns go straight to the DSL. Need-to-know (KCSIE): the DSL,
 * deputies and the head read them; the person who raised one learns only that
 * it was received. The record points to the entry in the school's safeguarding
 * system (CPOMS or MyConcern, per the policy).
 */
import { and, desc, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { concernNoteVersions, pupils, safeguardingConcerns, users, visits } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { SAFEGUARDING_ROLES } from "../../domain/people/roles";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import { notifyRoles } from "../notify/notify-roles";
import { queueEmail, queuePush } from "../notify/outbox";
import { policyInForce } from "../policy/school-policy";
import type { StaffActor } from "../visits/planning-steps";

export const RaiseConcernSchema = z.object({
  pupilId: z.uuid().optional(),
  visitId: z.uuid().optional(),
  summary: z.string().trim().min(1).max(300),
  details: z.string().trim().min(1).max(10000),
});

export interface ConcernRaised {
  id: string;
  raisedAt: string;
  status: "received";
  /** Who was told, by role: the raiser sees that it reached the DSL team. */
  notified: number;
  recordingSystem: string;
}

/**
 * `origin` is where the raiser reached Doorstep (https://doorstep.school.example),
 * so the emailed link opens the same site. The DSL team's email and push are
 * queued in the concern's own transaction.
 */
export async function raiseConcern(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof RaiseConcernSchema>, now: Date, origin: string): Promise<ConcernRaised & { dslUserIds: string[] }> {
  const pupilId = input.pupilId ?? null;
  if (input.visitId) {
    const [v] = await db.select().from(visits).where(and(eq(visits.id, input.visitId), eq(visits.schoolId, schoolId)));
    if (!v) throw new NotFound("visit", "visitId");
  }
  if (pupilId) {
    const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
    if (!p) throw new NotFound("pupil", "pupilId");
  }
  const { policy } = await policyInForce(db, schoolId, londonDate(now));
  const system = policy.conduct.recordingSystem.value.system;
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(safeguardingConcerns)
      .values({ schoolId, pupilId, visitId: input.visitId ?? null, summary: input.summary, details: input.details, raisedBy: actor.userId, raisedAt: now, recordingSystem: system })
      .returning();
    const dslUserIds = await notifyRoles(tx, schoolId, ["dsl", "deputy_dsl"], {
      kind: "safeguarding_concern",
      title: `Safeguarding concern raised by ${actor.name}`,
      body: `${input.summary} — open Doorstep to read it and record it on ${system} (${policy.conduct.recordingSystem.clause}).`,
      link: CONCERNS_PAGE,
    });
    const email = concernAlertEmail(actor.name, origin);
    const to = dslUserIds.length ? (await tx.select({ email: users.email }).from(users).where(and(inArray(users.id, dslUserIds), eq(users.disabled, false)))).map((u) => u.email) : [];
    await queueEmail(tx, { schoolId, kind: "concern_alert", to, subject: email.subject, body: email.text }, now);
    await queuePush(tx, schoolId, "concern_alert", dslUserIds, concernAlertPush(actor.name), now);
    // The audit trail names the concern, not its content: the details are need-to-know.
    await audit({ action: "concern_raised", entity: "safeguarding_concern", entityId: row!.id, schoolId, after: { raisedBy: actor.name, pupilId, visitId: input.visitId ?? null } });
    return { id: row!.id, raisedAt: now.toISOString(), status: "received" as const, notified: dslUserIds.length, recordingSystem: system, dslUserIds };
  });
}

/** The web page where the DSL team reads concerns (there is no page per concern). */
export const CONCERNS_PAGE = "/concerns";

/**
 * The email to the DSL team: that a concern was raised, by whom, and the link
 * to the concerns page. Nothing about the child or what was seen: email leaves
 * Doorstep, the details stay in it. `origin` is where the raiser reached
 * Doorstep (https://doorstep.school.example), so the link opens the same site.
 */
export function concernAlertEmail(raisedBy: string, origin: string): { subject: string; text: string } {
  return {
    subject: `Safeguarding concern raised by ${raisedBy}`,
    text:
      `A safeguarding concern has been raised in Doorstep by ${raisedBy}.\n\n` +
      `Sign in to read it on the concerns page: ${origin}${CONCERNS_PAGE}\n\n` +
      "The details are not sent by email.",
  };
}

/** The push to the DSL team: the same rule as the email, and shorter (it shows on a lock screen). */
export function concernAlertPush(raisedBy: string): { title: string; body: string; link: string; tag: string } {
  return { title: "Safeguarding concern raised", body: `Raised by ${raisedBy}. Open Doorstep to read it.`, link: CONCERNS_PAGE, tag: "safeguarding-concern" };
}

export const UpdateConcernSchema = z.object({
  status: z.enum(["received", "in_progress", "closed"]),
  dslNotes: z.string().trim().max(10000).optional(),
  externalRef: z.string().trim().max(100).optional(),
});

/**
 * The DSL's record of a concern is saved as a new version each time (KCSIE: the
 * chronology of what was known and decided is evidence); the concern row carries
 * the latest for the list. The row lock makes two DSLs saving at once take turns,
 * so each gets its own version number and neither note is lost.
 */
export async function updateConcern(db: Database, actor: StaffActor, schoolId: string, concernId: string, input: z.infer<typeof UpdateConcernSchema>, now: Date) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(safeguardingConcerns)
      .where(and(eq(safeguardingConcerns.id, concernId), eq(safeguardingConcerns.schoolId, schoolId)))
      .for("update");
    if (!before) throw new NotFound("concern", "concernId");
    const dslNotes = input.dslNotes ?? before.dslNotes;
    const externalRef = input.externalRef ?? before.externalRef;
    const [last] = await tx.select({ n: max(concernNoteVersions.version) }).from(concernNoteVersions).where(eq(concernNoteVersions.concernId, concernId));
    const version = (last?.n ?? 0) + 1;
    await tx.insert(concernNoteVersions).values({ concernId, schoolId, version, dslNotes, statusBefore: before.status, status: input.status, externalRef, writtenBy: actor.userId, writtenName: actor.name, writtenAt: now });
    await tx.update(safeguardingConcerns).set({ status: input.status, dslNotes, externalRef, decidedBy: actor.userId, updatedAt: now }).where(eq(safeguardingConcerns.id, concernId));
    // As when it was raised, the audit trail names the version, not the notes: they are need-to-know.
    await audit({ action: "concern_updated", entity: "safeguarding_concern", entityId: concernId, schoolId, before: { status: before.status }, after: { status: input.status, externalRef, version } });
  });
}

export interface ConcernNoteVersion {
  version: number;
  dslNotes: string | null;
  statusBefore: string;
  status: string;
  externalRef: string | null;
  writtenByName: string;
  writtenAt: string;
}

/** Every saved version of each concern's record, newest first. */
async function noteVersions(db: Executor, concernIds: string[]): Promise<Map<string, ConcernNoteVersion[]>> {
  const byConcern = new Map<string, ConcernNoteVersion[]>();
  if (concernIds.length === 0) return byConcern;
  const rows = await db.select().from(concernNoteVersions).where(inArray(concernNoteVersions.concernId, concernIds)).orderBy(desc(concernNoteVersions.version));
  for (const r of rows) {
    const list = byConcern.get(r.concernId) ?? [];
    list.push({ version: r.version, dslNotes: r.dslNotes, statusBefore: r.statusBefore, status: r.status, externalRef: r.externalRef, writtenByName: r.writtenName, writtenAt: r.writtenAt.toISOString() });
    byConcern.set(r.concernId, list);
  }
  return byConcern;
}

/** The DSL team's view: everything, with who raised each by name (the DSL may need to ask them more) and every version of the DSL's record. */
export async function listConcerns(db: Executor, schoolId: string, pupilId?: string) {
  const rows = await db
    .select({ c: safeguardingConcerns, raisedByName: users.name })
    .from(safeguardingConcerns)
    .innerJoin(users, eq(users.id, safeguardingConcerns.raisedBy))
    .where(and(eq(safeguardingConcerns.schoolId, schoolId), pupilId ? eq(safeguardingConcerns.pupilId, pupilId) : undefined))
    .orderBy(desc(safeguardingConcerns.raisedAt));
  const versions = await noteVersions(db, rows.map((r) => r.c.id));
  return rows.map(({ c, raisedByName }) => ({ ...c, raisedByName, raisedAt: c.raisedAt.toISOString(), updatedAt: c.updatedAt?.toISOString() ?? null, versions: versions.get(c.id) ?? [] }));
}

/** What the person who raised concerns sees: that each was received, not what was decided. */
export async function myConcerns(db: Executor, schoolId: string, userId: string) {
  const rows = await db
    .select({ id: safeguardingConcerns.id, summary: safeguardingConcerns.summary, raisedAt: safeguardingConcerns.raisedAt })
    .from(safeguardingConcerns)
    .where(and(eq(safeguardingConcerns.schoolId, schoolId), eq(safeguardingConcerns.raisedBy, userId)))
    .orderBy(desc(safeguardingConcerns.raisedAt));
  return rows.map((r) => ({ id: r.id, summary: r.summary, raisedAt: r.raisedAt.toISOString(), status: "received by the DSL team" }));
}

export const CONCERN_READERS = SAFEGUARDING_ROLES;
