/**
 * The one path for writes. A use case runs inside `writeAudited`, which opens a
 * transaction and hands it an `audit` function; the audit rows commit or roll
 * back with the change they describe. A write that records no audit event is a
 * programming error and is rolled back.
 */
import type { Database, DatabaseHandle, Executor } from "../../db/client";
import { rawTransaction, type RawRunner } from "../../db/raw-transaction";
import { auditEvents } from "../../db/schema";
import { recordRequestKey, type RequestKeyClaim } from "./request-key";

export interface Actor {
  /** null for the system itself (daily job, scheduler, CLI seed). */
  userId: string | null;
  name: string;
  /** The client's id for a request it may repeat: recorded with the first write made in answer to it. */
  requestKey?: RequestKeyClaim | undefined;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: "Doorstep (system)" };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  schoolId?: string | null;
  trustId?: string | null;
  before?: unknown;
  after?: unknown;
}

export type Audit = (entry: AuditEntry) => Promise<void>;

export class UnauditedWrite extends Error {
  constructor() {
    super("a write finished without recording an audit event");
    this.name = "UnauditedWrite";
  }
}

/**
 * An audit function bound to a transaction the caller already holds. For jobs
 * (the safety sweeper) whose transaction may find nothing to change; anything it
 * does change it audits through this, in the same transaction.
 */
export function auditInto(tx: Executor, actor: Actor): Audit {
  return async (entry) => {
    await tx.insert(auditEvents).values(auditRow(actor, entry));
  };
}

function auditRow(actor: Actor, entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
    actorUserId: actor.userId,
    actorName: actor.name,
    schoolId: entry.schoolId ?? null,
    trustId: entry.trustId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

/** Many audit rows in one statement, for jobs that change many rows at once (the safety sweeper). */
export async function auditManyInto(tx: Executor, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.insert(auditEvents).values(entries.map((entry) => auditRow(actor, entry)));
}

export async function writeAudited<T>(
  db: Database,
  actor: Actor,
  work: (tx: Executor, audit: Audit) => Promise<T>,
): Promise<T> {
  const claim = actor.requestKey;
  const wasRecorded = claim?.recorded ?? false;
  try {
    return await db.transaction(async (tx) => {
      if (claim) await recordRequestKey(tx, claim);
      return auditedWork(tx, actor, work);
    });
  } catch (e) {
    // Rolled back: the key went with the change, so a repeat of the request will run afresh.
    if (claim) claim.recorded = wasRecorded;
    throw e;
  }
}

async function auditedWork<T>(tx: Executor, actor: Actor, work: (tx: Executor, audit: Audit) => Promise<T>): Promise<T> {
  let recorded = 0;
  const append = auditInto(tx, actor);
  const audit: Audit = async (entry) => {
    recorded++;
    await append(entry);
  };
  const result = await work(tx, audit);
  if (recorded === 0) throw new UnauditedWrite();
  return result;
}

/** Secrets never enter the audit log, and dates become strings. */
function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === "passwordHash" || key === "password" ? "[redacted]" : v)),
  );
}

/**
 * The same rule for bulk work below the ORM (register imports): the audit rows
 * are written by the same transaction, and a transaction that changed data
 * without auditing is refused.
 */
export async function rawWriteAudited<T>(
  h: DatabaseHandle,
  actor: Actor,
  work: (run: RawRunner, audit: Audit) => Promise<T>,
): Promise<T> {
  return rawTransaction(h, async (run) => {
    let recorded = 0;
    const audit: Audit = async (entry) => {
      recorded++;
      await run.query(
        `insert into audit_events (actor_user_id, actor_name, school_id, trust_id, action, entity, entity_id, before, after)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          actor.userId,
          actor.name,
          entry.schoolId ?? null,
          entry.trustId ?? null,
          entry.action,
          entry.entity,
          entry.entityId ?? null,
          entry.before == null ? null : JSON.stringify(toJson(entry.before)),
          entry.after == null ? null : JSON.stringify(toJson(entry.after)),
        ],
      );
    };
    const result = await work(run, audit);
    if (recorded === 0) throw new UnauditedWrite();
    return result;
  });
}
