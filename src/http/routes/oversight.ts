import { z } from "zod";
import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { AppInstance } from "../server";
import { rangeAsked } from "../../app/attendance/compliance-for-range";
import { londonDate } from "../../app/clock";
import { dashboardFor } from "../../app/oversight/dashboard";
import { figuresOutput } from "../../app/oversight/figures-output";
import { longDate } from "../../app/documents/format";
import { renderFiguresReportPdf } from "../../documents/figures-report";
import { PERIODS } from "../../domain/attendance/compliance-periods";
import { schoolDate } from "../../domain/attendance/school-date";
import { schools } from "../../db/schema";
import { schoolOf } from "../auth-hook";

const RangeQuery = z.object({ period: z.enum(PERIODS).optional(), from: schoolDate().optional(), to: schoolDate().optional() });

const DashboardView = z.object({
  day: z.string(),
  actionsByKind: z.record(z.string(), z.number()),
  actionCount: z.number(),
  visitsWaiting: z.object({ approval: z.number(), riskAssessment: z.number(), team: z.number() }),
  openAlerts: z.number(),
  overdue: z.array(z.object({ pupilId: z.string(), firstName: z.string(), lastName: z.string(), action: z.string(), firstListed: z.string(), schoolDays: z.number() })),
  checksRunningOut: z.array(z.object({ userId: z.string(), name: z.string(), check: z.string(), endsOn: z.string(), lapsed: z.boolean() })),
  policy: z.object({ name: z.string(), review: z.object({ due: z.string(), overdue: z.boolean(), dueSoon: z.boolean(), clause: z.string() }) }),
});

const Table = z.object({ head: z.array(z.string()), rows: z.array(z.array(z.string())) });
const Section = z.object({ heading: z.string(), definition: z.string(), table: Table.optional(), chartSvg: z.string().optional(), note: z.string().optional() });
const Child = z.object({ pupilId: z.string(), firstName: z.string(), lastName: z.string(), yearGroup: z.string().nullable() });

/** Governors' report: sections only, built from figures that hold no child (governors-figures.ts). */
const GovernorsReportView = z.object({ schoolName: z.string(), from: z.string(), to: z.string(), policyName: z.string(), sections: z.array(Section) });
/** The head's, DSL's and attendance lead's figures: the same sections unsuppressed, and the children behind them by name. */
const FiguresView = GovernorsReportView.extend({
  unseen: z.array(Child.extend({ since: z.string() })),
  newlyPersistentlyAbsent: z.array(Child),
});

export function oversightRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  type Asked = z.infer<typeof RangeQuery>;
  const rangeOf = (req: FastifyRequest & { query: Asked }) => rangeAsked(db, schoolOf(req), req.query, londonDate(app.deps.now()));
  const schoolName = async (id: string) => (await db.select({ name: schools.name }).from(schools).where(eq(schools.id, id)))[0]?.name ?? "";

  app.get(
    "/api/dashboard",
    {
      schema: {
        tags: ["oversight"],
        summary: "The head's, attendance lead's and DSL's home page: today's actions, visits not ready, open alerts, overdue actions by name, staff checks running out, the policy review",
        response: { 200: DashboardView },
      },
    },
    async (req) => dashboardFor(db, schoolOf(req), londonDate(app.deps.now())),
  );

  app.get(
    "/api/figures",
    { schema: { tags: ["oversight"], summary: "Compliance, attendance, visit and safety figures for a range, with the children behind them by name", querystring: RangeQuery, response: { 200: FiguresView } } },
    async (req) => {
      const range = await rangeOf(req);
      const { figures, ...out } = await figuresOutput(db, schoolOf(req), range.from, range.to, "school_leaders");
      return { schoolName: await schoolName(schoolOf(req)), ...out, unseen: figures!.compliance.unseen, newlyPersistentlyAbsent: figures!.attendance.newlyPersistentlyAbsent };
    },
  );

  const governorsReport = async (req: FastifyRequest & { query: Asked }) => {
    const range = await rangeOf(req);
    const { figures: _none, ...out } = await figuresOutput(db, schoolOf(req), range.from, range.to, "governors");
    return { schoolName: await schoolName(schoolOf(req)), ...out };
  };

  app.get(
    "/api/governors/report",
    { schema: { tags: ["oversight"], summary: "The governors' report for a range: figures only, no child's name, address or UPN, counts from 1 to 4 as \"fewer than 5\"", querystring: RangeQuery, response: { 200: GovernorsReportView } } },
    async (req) => governorsReport(req),
  );

  app.get(
    "/api/governors/report.pdf",
    { schema: { tags: ["oversight"], summary: "The governors' report as a PDF, with the charts", querystring: RangeQuery, produces: ["application/pdf"] } },
    async (req, reply) => {
      const r = await governorsReport(req);
      const pdf = await renderFiguresReportPdf({
        title: `Governors' report: ${r.schoolName}`,
        subtitle: `${longDate(r.from)} to ${longDate(r.to)}, under ${r.policyName}. No child is named; counts from 1 to 4 are shown as "fewer than 5".`,
        sections: r.sections,
        footerNote: "Figures only: no child's name, address or UPN",
      });
      return reply.type("application/pdf").header("content-disposition", `inline; filename="governors-report-${r.from}-${r.to}.pdf"`).header("cache-control", "no-store").send(pdf);
    },
  );
}
