import { z } from "zod";
import type { FastifyRequest } from "fastify";
import type { AppInstance } from "../../server";
import { complianceForRange, rangeAsked, type SchoolCompliance } from "../../../app/attendance/compliance-for-range";
import { londonDate } from "../../../app/clock";
import { returnsOverRange } from "../../../app/attendance/statutory-overdue";
import type { ReturnsFigure } from "../../../domain/attendance/statutory";
import { PERIODS } from "../../../domain/attendance/compliance-periods";
import { schoolOf } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { suppressSmall } from "../../../domain/attendance/small-numbers";
import { ComplianceView, type KindSummary } from "../../../contracts/oversight";
import type { Role } from "../../../domain/people/roles";

/**
 * Who sees each episode with the child's name. Everyone else the route admits
 * (governors, the trust administrator) sees figures only (issue 16): no
 * child's name or UPN, small numbers suppressed.
 */
const NAMED: readonly Role[] = ["headteacher", "dsl", "deputy_dsl", "attendance_lead"];

function rolesHere(req: FastifyRequest): Role[] {
  return req.auth?.schools.find((s) => s.schoolId === req.auth?.schoolId)?.roles ?? [];
}

/** What a reader may see of the replay: named episodes for those who act on a case, else counts only. */
export function complianceFor(roles: readonly Role[], c: SchoolCompliance, returns: readonly ReturnsFigure[]): ComplianceView {
  const named = roles.some((r) => NAMED.includes(r));
  if (named) return { ...c, named, summary: c.summary, returns: [...returns] };
  // A head who also sits as a governor still sees names; a governor alone does not.
  const summary: Record<string, KindSummary> = {};
  for (const [kind, s] of Object.entries(c.summary)) {
    summary[kind] = { episodes: suppressSmall(s.episodes), closedOnFirstDay: suppressSmall(s.closedOnFirstDay), closedLater: suppressSmall(s.closedLater), open: suppressSmall(s.open) };
  }
  const counts = returns.map((r) => ({ duty: r.duty, due: suppressSmall(r.due), submittedOnTime: suppressSmall(r.submittedOnTime), submittedLate: suppressSmall(r.submittedLate), notSubmitted: suppressSmall(r.notSubmitted), overdue: suppressSmall(r.overdue) }));
  return { from: c.from, to: c.to, policyName: c.policyName, named, summary, episodes: [], returns: counts };
}

export function complianceRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get(
    "/api/compliance",
    {
      schema: {
        tags: ["attendance"],
        summary: "Compliance over a range: the morning lists replayed (compliance.md), episodes per action kind; figures only for governors and the trust",
        // A named period, or from and to (moved onto the nearest school days inside them).
        querystring: z.object({ period: z.enum(PERIODS).optional(), from: schoolDate().optional(), to: schoolDate().optional() }),
        response: { 200: ComplianceView },
      },
    },
    async (req) => {
      const today = londonDate(app.deps.now());
      const range = await rangeAsked(db, schoolOf(req), req.query, today);
      const [c, returns] = await Promise.all([complianceForRange(db, schoolOf(req), range.from, range.to), returnsOverRange(db, schoolOf(req), range.from, range.to, today)]);
      return complianceFor(rolesHere(req), c, returns);
    },
  );
}
