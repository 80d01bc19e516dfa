import { z } from "zod";
import type { AppInstance } from "../../server";
import { listAudit } from "../../../app/audit/list-audit";
import { schoolOf } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { AuditEvents } from "../../../contracts/audit";

export function auditRoutes(app: AppInstance) {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The audit trail of the current school, newest first",
        querystring: z.object({
          entity: z.string().max(50).optional(),
          action: z.string().max(50).optional(),
          actor: z.string().max(100).optional(),
          from: schoolDate().optional(),
          to: schoolDate().optional(),
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: AuditEvents },
      },
    },
    async (req) => {
      const q = req.query;
      // `to` is a date: include the whole of that day.
      const to = q.to ? new Date(Date.parse(q.to) + 86_400_000).toISOString() : undefined;
      return { events: await listAudit(app.deps.database.db, { ...q, to, schoolIds: [schoolOf(req)] }) };
    },
  );
}
