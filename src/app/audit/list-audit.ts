import { and, desc, eq, gte, lt, lte, or, ilike, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { auditEvents } from "../../db/schema";

export interface AuditFilter {
  schoolIds: string[];
  entity?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  /** ISO timestamps or dates, inclusive from, exclusive to. */
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export async function listAudit(db: Executor, f: AuditFilter) {
  const conds: (SQL | undefined)[] = [
    or(...f.schoolIds.map((id) => eq(auditEvents.schoolId, id))),
    f.entity ? eq(auditEvents.entity, f.entity) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.actor ? ilike(auditEvents.actorName, `%${f.actor.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
    f.from ? gte(auditEvents.at, new Date(f.from)) : undefined,
    f.to ? lt(auditEvents.at, new Date(f.to)) : undefined,
    f.beforeId ? lte(auditEvents.id, f.beforeId - 1) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
