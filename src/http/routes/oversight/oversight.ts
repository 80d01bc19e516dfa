import { z } from "zod";
import type { FastifyRequest } from "fastify";
import type { AppInstance } from "../../server";
import { rangeAsked } from "../../../app/attendance/compliance-for-range";
import { londonDate } from "../../../app/clock";
import { dashboardFor } from "../../../app/oversight/dashboard";
import { figuresOutput } from "../../../app/oversight/figures-output";
import { longDate } from "../../../app/documents/format";
import { renderFiguresReportPdf } from "../../../rendering/figures-report";
import { PERIODS } from "../../../domain/attendance/compliance-periods";
import { schoolDate } from "../../../domain/attendance/school-date";
import { schoolNameOf } from "../../../app/people/find-school";
import { schoolOf } from "../../auth-hook";
import { DashboardView, FiguresView, GovernorsReportView } from "../../../contracts/oversight";

const RangeQuery = z.object({ period: z.enum(PERIODS).optional(), from: schoolDate().optional(), to: schoolDate().optional() });

export function oversightRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  type Asked = z.infer<typeof RangeQuery>;
  const rangeOf = (req: FastifyRequest & { query: Asked }) => rangeAsked(db, schoolOf(req), req.query, londonDate(app.deps.now()));
  const schoolName = (id: string) => schoolNameOf(db, id);

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
      const { figures, ...out } = await figuresOutput(db, schoolOf(req), range.from, range.to, "school_leaders", londonDate(app.deps.now()));
      return { schoolName: await schoolName(schoolOf(req)), ...out, unseen: figures!.compliance.unseen, newlyPersistentlyAbsent: figures!.attendance.newlyPersistentlyAbsent };
    },
  );

  const governorsReport = async (req: FastifyRequest & { query: Asked }) => {
    const range = await rangeOf(req);
    const { figures: _none, ...out } = await figuresOutput(db, schoolOf(req), range.from, range.to, "governors", londonDate(app.deps.now()));
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
