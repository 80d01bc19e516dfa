/**
 * Case sampling (burgh 13), the half-term decision list (transform-trust 4.2)
 * and the trust's schools side by side, with a drill-down and a PDF (issue 16).
 */
import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppInstance } from "../../server";
import { londonDate } from "../../../app/clock";
import { longDate } from "../../../app/documents/format";
import { caseSample, drawCaseSample, DrawSampleSchema, FindingSchema, listCaseSamples, recordFinding } from "../../../app/oversight/case-sampling";
import { buildDecisionList, BuildListSchema, decisionList, DecisionSchema, listDecisionLists, recordDecision } from "../../../app/oversight/decision-lists";
import { figuresOutput } from "../../../app/oversight/figures-output";
import { schoolOfTrust, TRUST_COLUMNS, trustCell, trustFigures, trustName } from "../../../app/oversight/trust-figures";
import { rangeAsked } from "../../../app/attendance/compliance-for-range";
import { renderFiguresReportPdf } from "../../../rendering/figures-report";
import { PERIODS } from "../../../domain/attendance/compliance-periods";
import { schoolDate } from "../../../domain/attendance/school-date";
import { actorOf, schoolOf } from "../../auth-hook";
import { CaseSampleList, CaseSampleView, DecisionListList, DecisionListView, DecisionRecorded, FindingRecorded, Recorded, TrustFiguresView } from "../../../contracts/casework-review";
import { GovernorsReportView } from "../../../contracts/oversight";

const RangeQuery = z.object({ period: z.enum(PERIODS).optional(), from: schoolDate().optional(), to: schoolDate().optional() });
const SampleParams = z.object({ sampleId: z.uuid() });
const FindingParams = SampleParams.extend({ visitId: z.uuid() });
const ListParams = z.object({ listId: z.uuid() });
const DecisionParams = ListParams.extend({ pupilId: z.uuid() });
const SchoolParams = z.object({ schoolId: z.uuid() });

const staff = (req: FastifyRequest) => ({ ...actorOf(req), userId: req.auth!.userId });
/** 201 for a record made, 200 for the same client id sent again. */
const created = (reply: FastifyReply, r: { id: string; duplicate: boolean }) => reply.code(r.duplicate ? 200 : 201).send(r);
const trustOf = (req: FastifyRequest) => req.auth!.schools.find((s) => s.schoolId === req.auth!.schoolId)?.trustId ?? null;

export function caseworkReviewRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const today = () => londonDate(app.deps.now());

  app.get("/api/case-samples", { schema: { tags: ["oversight"], summary: "Case samples drawn in the school, newest first (burgh 13)", response: { 200: CaseSampleList } } }, async (req) => ({ samples: await listCaseSamples(db, schoolOf(req)) }));
  app.post(
    "/api/case-samples",
    { schema: { tags: ["oversight"], summary: "Draw a random sample of the visits made in a range; the seed is kept (and may be given to draw again)", body: DrawSampleSchema, response: { 201: Recorded, 200: Recorded } } },
    async (req, reply) => {
      return created(reply, await drawCaseSample(db, staff(req), schoolOf(req), req.body));
    },
  );
  app.get(
    "/api/case-samples/:sampleId",
    { schema: { tags: ["oversight"], summary: "A sample's visits, what the record shows of each, and the findings", params: SampleParams, response: { 200: CaseSampleView } } },
    async (req) => caseSample(db, schoolOf(req), req.params.sampleId),
  );
  app.put(
    "/api/case-samples/:sampleId/visits/:visitId/finding",
    { schema: { tags: ["oversight"], summary: "Record the finding on one sampled visit: report complete, clause followed, check-ins kept", params: FindingParams, body: FindingSchema, response: { 200: FindingRecorded } } },
    async (req) => recordFinding(db, staff(req), schoolOf(req), req.params.sampleId, req.params.visitId, req.body),
  );

  app.get("/api/decision-lists", { schema: { tags: ["oversight"], summary: "Half-term decision lists, newest first (transform-trust 4.2)", response: { 200: DecisionListList } } }, async (req) => ({ lists: await listDecisionLists(db, schoolOf(req)) }));
  app.post(
    "/api/decision-lists",
    { schema: { tags: ["oversight"], summary: "Build a list of pupils by a criterion (below 90% over the range, or persistently absent this school year); without dates, this half-term", body: BuildListSchema, response: { 201: Recorded, 200: Recorded } } },
    async (req, reply) => {
      return created(reply, await buildDecisionList(db, staff(req), schoolOf(req), req.body, today()));
    },
  );
  app.get(
    "/api/decision-lists/:listId",
    { schema: { tags: ["oversight"], summary: "A decision list: its pupils, their attendance and the decisions made", params: ListParams, response: { 200: DecisionListView } } },
    async (req) => decisionList(db, schoolOf(req), req.params.listId),
  );
  app.put(
    "/api/decision-lists/:listId/pupils/:pupilId/decision",
    { schema: { tags: ["oversight"], summary: "Record the decision for one pupil: visit (proposed on the visit list), letter, meeting, monitor or no action", params: DecisionParams, body: DecisionSchema, response: { 200: DecisionRecorded } } },
    async (req) => recordDecision(db, staff(req), schoolOf(req), req.params.listId, req.params.pupilId, req.body, today()),
  );

  const trustView = async (req: FastifyRequest & { query: z.infer<typeof RangeQuery> }) => ({
    trustName: await trustName(db, trustOf(req)),
    columns: TRUST_COLUMNS,
    schools: await trustFigures(db, trustOf(req), req.query, today()),
  });
  app.get(
    "/api/trust/figures",
    { schema: { tags: ["oversight"], summary: "Every school of the trust side by side on the same figures, no child named, counts from 1 to 4 as \"fewer than 5\"", querystring: RangeQuery, response: { 200: TrustFiguresView } } },
    async (req) => trustView(req),
  );
  app.get(
    "/api/trust/figures.pdf",
    { schema: { tags: ["oversight"], summary: "The trust's schools side by side, as a PDF", querystring: RangeQuery, produces: ["application/pdf"] } },
    async (req, reply) => {
      const v = await trustView(req);
      const ranges = [...new Set(v.schools.map((s) => `${longDate(s.from)} to ${longDate(s.to)}`))].join("; ");
      // Three tables: fifteen columns do not fit across a page.
      const half = (keys: readonly string[]) => TRUST_COLUMNS.filter((c) => c.key === "schoolName" || keys.includes(c.key));
      const tables = [
        { heading: "Attendance", cols: half(["pupils", "attendancePercent", "persistentlyAbsent", "severelyAbsent"]) },
        { heading: "Were the policy's actions taken on time?", cols: half(["episodes", "onTimePercent", "closedLater", "open", "unseenChildren"]) },
        { heading: "Visits, safety and case sampling", cols: half(["visits", "cancelled", "checkInsMissed", "alarms", "casesReviewed"]) },
      ];
      const pdf = await renderFiguresReportPdf({
        title: `Trust figures: ${v.trustName}`,
        subtitle: `${ranges || "No school yet"}. No child is named; counts from 1 to 4 are shown as "fewer than 5".`,
        sections: tables.map(({ heading, cols }) => ({
          heading,
          definition: cols.slice(1).map((c) => `${c.label}: ${c.definition}`).join(" "),
          table: { head: cols.map((c) => c.label), rows: v.schools.map((s) => cols.map((c) => trustCell(s, c.key))) },
        })),
        footerNote: "Figures only: no child's name, address or UPN",
      });
      return reply.type("application/pdf").header("content-disposition", `inline; filename="trust-figures.pdf"`).header("cache-control", "no-store").send(pdf);
    },
  );
  app.get(
    "/api/trust/schools/:schoolId/report",
    { schema: { tags: ["oversight"], summary: "One school of the trust in detail: its governors' report (no child named)", params: SchoolParams, querystring: RangeQuery, response: { 200: GovernorsReportView } } },
    async (req) => {
      const school = await schoolOfTrust(db, trustOf(req), req.params.schoolId);
      const range = await rangeAsked(db, school.id, req.query, today());
      const { figures: _none, ...out } = await figuresOutput(db, school.id, range.from, range.to, "governors", today());
      return { schoolName: school.name, ...out };
    },
  );
}
