/**
 * The retention page: what has passed its period (src/domain/records/retention.ts),
 * by kind, and its deletion or anonymisation on the head's say-so. One
 * transaction; the audit row says which kind, how many, who and when, never what
 * was removed. A second run finds nothing due and changes nothing but the audit
 * trail, which records that it was asked (`retention_nothing_due`).
 */
import { and, eq, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database, type Executor } from "../../db/client";
import { concernNoteVersions, contactAttempts, familyReplies, outboxMessages, pupils, registerMarks, safeguardingConcerns, sightings, visitRecords } from "../../db/schema";
import { latestAnchorPast, NOT_LISTED, RETENTION_KINDS, RETENTION_RULES, type RetentionKind } from "../../domain/records/retention";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { writeAudited, type Actor } from "../audit/write-audited";

export const ApplyRetentionSchema = z.object({ kinds: z.array(z.enum(RETENTION_KINDS)).min(1).max(RETENTION_KINDS.length) });

/** Said on the page: the audit trail is append-only and outlives every period. */
export const AUDIT_KEPT = "The audit trail is append-only and is kept: it records that each entry was made (and, for some kinds, what it said then), and that it was removed, not what was removed.";

export interface RetentionDue {
  kind: RetentionKind;
  /** Rows the action removes or anonymises today. */
  due: number;
  /** Append-only history of those rows that stays (concern note versions). */
  kept: number;
  /** Rows whose period counts from a date of birth the record does not hold: never due. */
  withoutDateOfBirth: number;
  /** Entries (or dates of birth) on or before this day are past their period. */
  latestAnchor: IsoDate;
}

/** A missing condition would select every row of the school: refuse rather than run without one. */
function must(condition: SQL | undefined): SQL {
  if (!condition) throw new Error("retention: a kind ran without its condition");
  return condition;
}

const londonDay = (col: unknown) => sql`(${col} at time zone 'Europe/London')::date`;

const count = async (db: Executor, query: SQL): Promise<number> => Number(rowsOf<{ n: number | string }>(await db.execute(sql`select count(*)::int as n from (${query}) q`))[0]?.n ?? 0);

/** The conditions that pick a kind's rows (most kinds need only `where`). */
interface DueRows {
  where?: SQL | undefined;
  withoutDob?: SQL | undefined;
  attempts?: SQL | undefined;
  sightings?: SQL | undefined;
  replies?: SQL | undefined;
}

/** The rows of each kind that are past their period, as conditions (so counting and removing select the same rows). */
function dueRows(schoolId: string, kind: RetentionKind, latest: IsoDate): DueRows {
  switch (kind) {
    case "register_marks":
      return { where: and(eq(registerMarks.schoolId, schoolId), lte(registerMarks.day, latest)) };
    case "contact_log":
      return {
        attempts: and(eq(contactAttempts.schoolId, schoolId), lte(contactAttempts.day, latest)),
        sightings: and(eq(sightings.schoolId, schoolId), lte(sightings.day, latest)),
        // A reply goes with the contact it became, or by the day it came in.
        replies: and(
          eq(familyReplies.schoolId, schoolId),
          or(sql`${londonDay(familyReplies.receivedAt)} <= ${latest}`, inArray(familyReplies.contactAttemptId, sql`(select ${contactAttempts.id} from ${contactAttempts} where ${contactAttempts.schoolId} = ${schoolId} and ${contactAttempts.day} <= ${latest})`)),
        ),
      };
    case "safeguarding_concerns":
      return {
        where: and(
          eq(safeguardingConcerns.schoolId, schoolId),
          isNull(safeguardingConcerns.anonymisedOn),
          inArray(safeguardingConcerns.pupilId, sql`(select ${pupils.id} from ${pupils} where ${pupils.schoolId} = ${schoolId} and ${pupils.dateOfBirth} <= ${latest})`),
        ),
        withoutDob: and(
          eq(safeguardingConcerns.schoolId, schoolId),
          isNull(safeguardingConcerns.anonymisedOn),
          or(isNull(safeguardingConcerns.pupilId), inArray(safeguardingConcerns.pupilId, sql`(select ${pupils.id} from ${pupils} where ${pupils.schoolId} = ${schoolId} and ${pupils.dateOfBirth} is null)`)),
        ),
      };
    case "physical_interventions":
      return {
        where: and(
          eq(visitRecords.schoolId, schoolId),
          eq(visitRecords.kind, "physical_intervention"),
          inArray(visitRecords.pupilId, sql`(select ${pupils.id} from ${pupils} where ${pupils.schoolId} = ${schoolId} and ${pupils.dateOfBirth} <= ${latest})`),
        ),
        withoutDob: and(
          eq(visitRecords.schoolId, schoolId),
          eq(visitRecords.kind, "physical_intervention"),
          or(isNull(visitRecords.pupilId), inArray(visitRecords.pupilId, sql`(select ${pupils.id} from ${pupils} where ${pupils.schoolId} = ${schoolId} and ${pupils.dateOfBirth} is null)`)),
        ),
      };
    case "complaints":
    case "transport_records":
      return {
        where: and(eq(visitRecords.schoolId, schoolId), eq(visitRecords.kind, kind === "complaints" ? "complaint" : "transport"), sql`${londonDay(visitRecords.occurredAt)} <= ${latest}`),
      };
  }
}

async function countDue(db: Executor, schoolId: string, kind: RetentionKind, today: IsoDate): Promise<RetentionDue> {
  const latestAnchor = latestAnchorPast(RETENTION_RULES[kind], today);
  const rows = dueRows(schoolId, kind, latestAnchor);
  const base = { kind, latestAnchor, kept: 0, withoutDateOfBirth: 0 };
  switch (kind) {
    case "register_marks":
      return { ...base, due: await count(db, sql`select 1 from ${registerMarks} where ${must(rows.where)}`) };
    case "contact_log": {
      const n = (await count(db, sql`select 1 from ${contactAttempts} where ${must(rows.attempts)}`)) + (await count(db, sql`select 1 from ${sightings} where ${must(rows.sightings)}`)) + (await count(db, sql`select 1 from ${familyReplies} where ${must(rows.replies)}`));
      return { ...base, due: n };
    }
    case "safeguarding_concerns": {
      return {
        ...base,
        due: await count(db, sql`select 1 from ${safeguardingConcerns} where ${must(rows.where)}`),
        kept: await count(db, sql`select 1 from ${concernNoteVersions} where ${concernNoteVersions.concernId} in (select ${safeguardingConcerns.id} from ${safeguardingConcerns} where ${must(rows.where)})`),
        withoutDateOfBirth: await count(db, sql`select 1 from ${safeguardingConcerns} where ${must(rows.withoutDob)}`),
      };
    }
    case "physical_interventions": {
      return { ...base, due: await count(db, sql`select 1 from ${visitRecords} where ${must(rows.where)}`), withoutDateOfBirth: await count(db, sql`select 1 from ${visitRecords} where ${must(rows.withoutDob)}`) };
    }
    case "complaints":
    case "transport_records":
      return { ...base, due: await count(db, sql`select 1 from ${visitRecords} where ${must(rows.where)}`) };
  }
}

export async function retentionDue(db: Executor, schoolId: string, today: IsoDate): Promise<RetentionDue[]> {
  const out: RetentionDue[] = [];
  for (const kind of RETENTION_KINDS) out.push(await countDue(db, schoolId, kind, today));
  return out;
}

/** What a retention run did, per kind asked for. */
export interface RetentionApplied {
  kind: RetentionKind;
  removed: number;
  kept: number;
}

async function applyKind(tx: Executor, schoolId: string, kind: RetentionKind, today: IsoDate): Promise<number> {
  const latest = latestAnchorPast(RETENTION_RULES[kind], today);
  const rows = dueRows(schoolId, kind, latest);
  switch (kind) {
    case "register_marks":
      // Counted in the database: a school's old registers can be hundreds of thousands of marks.
      return Number(rowsOf<{ n: number | string }>(await tx.execute(sql`with gone as (delete from ${registerMarks} where ${must(rows.where)} returning 1) select count(*)::int as n from gone`))[0]?.n ?? 0);
    case "contact_log": {
      const r = rows;
      // Replies first: a reply points at the contact it became.
      const replies = (await tx.delete(familyReplies).where(must(r.replies)).returning({ id: familyReplies.id })).length;
      // A reply kept (received later) loses its link to a contact being removed.
      await tx.update(familyReplies).set({ contactAttemptId: null }).where(inArray(familyReplies.contactAttemptId, sql`(select ${contactAttempts.id} from ${contactAttempts} where ${must(r.attempts)})`));
      const gone = await tx.delete(contactAttempts).where(must(r.attempts)).returning({ id: contactAttempts.id, messageId: contactAttempts.messageId });
      const attempts = gone.length;
      // A text's words and number are in its outbox row: it goes with the contact, once it is no longer waiting to be sent.
      const messageIds = gone.map((g) => g.messageId).filter((m): m is string => m !== null);
      if (messageIds.length) await tx.delete(outboxMessages).where(and(eq(outboxMessages.schoolId, schoolId), inArray(outboxMessages.id, messageIds), sql`${outboxMessages.status} <> 'queued'`));
      const seen = (await tx.delete(sightings).where(must(r.sightings)).returning({ id: sightings.id })).length;
      return replies + attempts + seen;
    }
    case "safeguarding_concerns":
      // The note versions point at the concern and may not change: the row stays, its words go.
      return (
        await tx
          .update(safeguardingConcerns)
          .set({ summary: "[anonymised: past its retention period]", details: "[anonymised: past its retention period]", dslNotes: null, externalRef: null, anonymisedOn: today })
          .where(must(rows.where))
          .returning({ id: safeguardingConcerns.id })
      ).length;
    case "physical_interventions":
    case "complaints":
    case "transport_records":
      return (await tx.delete(visitRecords).where(must(rows.where)).returning({ id: visitRecords.id })).length;
  }
}

/**
 * Removes what is past its period, for the kinds the head chose, in one
 * transaction. The audit row per kind carries only counts and the rule applied.
 */
export async function applyRetention(db: Database, actor: Actor, schoolId: string, input: z.infer<typeof ApplyRetentionSchema>, today: IsoDate): Promise<RetentionApplied[]> {
  const kinds = RETENTION_KINDS.filter((k) => input.kinds.includes(k));
  return writeAudited(db, actor, async (tx, audit) => {
    const out: RetentionApplied[] = [];
    for (const kind of kinds) {
      const { kept } = await countDue(tx, schoolId, kind, today);
      const removed = await applyKind(tx, schoolId, kind, today);
      out.push({ kind, removed, kept });
      const rule = RETENTION_RULES[kind];
      if (removed > 0) {
        await audit({ action: rule.action === "delete" ? "retention_deleted" : "retention_anonymised", entity: "retention", entityId: kind, schoolId, after: { kind, count: removed, kept, years: rule.years, from: rule.from, anchorOnOrBefore: latestAnchorPast(rule, today), today } });
      }
    }
    // Nothing was due (a second click, or another run first): the head's say-so is kept, and nothing else changes.
    if (out.every((o) => o.removed === 0)) await audit({ action: "retention_nothing_due", entity: "retention", schoolId, after: { kinds, today } });
    return out;
  });
}

export { NOT_LISTED };
