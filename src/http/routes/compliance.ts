import { z } from "zod";
import type { FastifyRequest } from "fastify";
import type { AppInstance } from "../server";
import { complianceForRange, rangeAsked, type SchoolCompliance } from "../../app/attendance/compliance-for-range";
import { londonDate } from "../../app/clock";
import { PERIODS } from "../../domain/attendance/compliance-periods";
import { schoolOf } from "../auth-hook";
import { schoolDate } from "../../domain/attendance/school-date";
import { suppressSmall, FEWER_THAN_5 } from "../../domain/attendance/small-numbers";
import type { Role } from "../../domain/people/roles";

/**
 * Who sees each episode with the child's name. Everyone else the route admits
 * (governors, the trust administrator) sees figures only (issue 16): no
 * child's name or UPN, small numbers suppressed.
 */
const NAMED: readonly Role[] = ["headteacher", "dsl", "deputy_dsl", "attendance_lead"];

const Count = z.union([z.number(), z.literal(FEWER_THAN_5)]);
const KindSummaryView = z.object({ episodes: Count, closedOnFirstDay: Count, closedLater: Count, open: Count });
const EpisodeView = z.object({
  pupilId: z.string(),
  upn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  action: z.string(),
  firstListed: z.string(),
  lastListed: z.string(),
  schoolDays: z.number(),
  closed: z.boolean(),
});
export const ComplianceView = z.object({
  from: z.string(),
  to: z.string(),
  policyName: z.string(),
  /** False when small numbers are suppressed and no episode is listed. */
  named: z.boolean(),
  summary: z.record(z.string(), KindSummaryView),
  episodes: z.array(EpisodeView),
});

function rolesHere(req: FastifyRequest): Role[] {
  return req.auth?.schools.find((s) => s.schoolId === req.auth?.schoolId)?.roles ?? [];
}

/** What a reader may see of the replay: named episodes for those who act on a case, else counts only. */
export function complianceFor(roles: readonly Role[], c: SchoolCompliance): z.infer<typeof ComplianceView> {
  const named = roles.some((r) => NAMED.includes(r));
  if (named) return { ...c, named, summary: c.summary };
  // A head who also sits as a governor still sees names; a governor alone does not.
  const summary: Record<string, z.infer<typeof KindSummaryView>> = {};
  for (const [kind, s] of Object.entries(c.summary)) {
    summary[kind] = { episodes: suppressSmall(s.episodes), closedOnFirstDay: suppressSmall(s.closedOnFirstDay), closedLater: suppressSmall(s.closedLater), open: suppressSmall(s.open) };
  }
  return { from: c.from, to: c.to, policyName: c.policyName, named, summary, episodes: [] };
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
      const range = await rangeAsked(db, schoolOf(req), req.query, londonDate(app.deps.now()));
      return complianceFor(rolesHere(req), await complianceForRange(db, schoolOf(req), range.from, range.to));
    },
  );
}
