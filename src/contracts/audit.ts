import { z } from "zod";

/** One event of the audit trail, as GET /api/audit lists it, newest first. */
export const AuditEvent = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string(),
  schoolId: z.string().nullable(),
  trustId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEvents = z.object({ events: z.array(AuditEvent) });
export type AuditEvents = z.infer<typeof AuditEvents>;
