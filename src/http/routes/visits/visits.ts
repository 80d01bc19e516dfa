import { z } from "zod";
import { Approved, CompanionAdded, StaffOptions, VisitDetail, VisitList, VisitView } from "../../../contracts/visits";
import { addCompanion, CompanionSchema, removeCompanion } from "../../../app/visits/companions";
import { Created } from "../../../contracts/common";
import type { AppInstance } from "../../server";
import { approversOf, needsApproval, VISIT_STATES } from "../../../domain/visits/visit-lifecycle";
import { loadVisit, loadVisits } from "../../../app/visits/load-visit";
import { policyInForce } from "../../../app/policy/school-policy";
import { dangerReportStatus } from "../../../app/safety/danger-report";
import { AppointmentSchema, approveVisits, assignTeam, cancelVisit, CancelSchema, dslAgree, listVisitIds, planVisit, PlanSchema, recordRiskAssessment, RiskAssessmentSchema, setAppointment, signAppointment, SignaturesSchema, TeamSchema } from "../../../app/visits/planning-steps";
import { BackgroundCheckSchema, recordBackgroundCheck } from "../../../app/visits/background-check";
import { staffOptions } from "../../../app/people/staff-options";
import { londonDate } from "../../../app/clock";
import { schoolOf, staffActor } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { visitsInReach, withinReach } from "../../reach-guard";

const Params = z.object({ visitId: z.uuid() });

const Ok = z.object({ ok: z.literal(true) });
const CancellationResponse = z.object({ ok: z.literal(true), state: z.literal("cancelled"), reason: z.string().nullable(), clause: z.string().nullable(), duplicate: z.boolean(), teamOut: z.boolean() });
/** Query strings are text: "false" must mean false (z.coerce.boolean would make any non-empty string true). */
const QueryFlag = z.enum(["true", "false"]).transform((v) => v === "true");

export function visitRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get(
    "/api/visits",
    {
      schema: {
        tags: ["visits"],
        summary: "Visits of the current school within the caller's reach, filtered by state, dates, or my own",
        querystring: z.object({ state: z.enum(VISIT_STATES).optional(), from: schoolDate().optional(), to: schoolDate().optional(), mine: QueryFlag.optional() }),
        response: { 200: VisitList },
      },
    },
    async (req) => {
      const ids = await listVisitIds(db, schoolOf(req), { states: req.query.state ? [req.query.state] : undefined, from: req.query.from, to: req.query.to, userId: req.query.mine ? req.auth!.userId : undefined });
      return { visits: await loadVisits(db, schoolOf(req), withinReach(await visitsInReach(db, req, now()), ids)) };
    },
  );
  app.get(
    "/api/visits/staff-options",
    {
      schema: {
        tags: ["visits"],
        summary: "Staff who can be put on a visit team, with what the team check reads (phone, DBS date, barred list check, training, vehicle); checks are judged on `date` (default today)",
        querystring: z.object({ date: schoolDate().optional() }),
        response: { 200: StaffOptions },
      },
    },
    async (req) => ({ staff: await staffOptions(db, schoolOf(req), req.query.date ?? londonDate(now())) }),
  );
  app.get("/api/visits/:visitId", { schema: { tags: ["visits"], summary: "One visit with its children, parents, attendance, team, risk assessment and appointment", params: Params, response: { 200: VisitDetail } } }, async (req) => {
    const visit = await loadVisit(db, schoolOf(req), req.params.visitId);
    const { policy } = await policyInForce(db, schoolOf(req), visit.day);
    // transform-trust 2.5: a full report after an alarm, asked for on the visit until an incident report follows it.
    const dangerReport = policy.conduct.immediateDanger.value.fullReportRequired ? await dangerReportStatus(db, visit.id, policy.conduct) : null;
    // Who may sign is the policy's (coteford 2.1, 3.3; transform-trust 4.2): the page offers the signature to them alone,
    // and to nobody where the policy names no approver (hunsbury-park: the visit is planned straight from proposed).
    const approvers = needsApproval(policy) ? approversOf(policy) : [];
    const check = policy.conduct.dslBackgroundCheck;
    return {
      ...visit,
      dangerReport,
      approvers: { roles: approvers, clause: policy.conduct.approval?.clause ?? null },
      backgroundCheckRule: check ? { by: check.value.by, description: check.value.description, clause: check.clause } : null,
    };
  });
  app.post(
    "/api/visits/approve",
    { schema: { tags: ["visits"], summary: "Approve and sign one visit or a list of visits (typed name, time and account are recorded)", body: z.object({ visitIds: z.array(z.uuid()).min(1).max(200), signedName: z.string().max(200) }), response: { 200: Approved } } },
    async (req) => approveVisits(db, staffActor(req), schoolOf(req), req.body.visitIds, req.body.signedName, now()),
  );
  app.post("/api/visits/:visitId/dsl-agree", { schema: { tags: ["visits"], summary: "The DSL agrees a visit where safeguarding is involved", params: Params, response: { 200: Ok } } }, async (req) => {
    await dslAgree(db, staffActor(req), schoolOf(req), req.params.visitId);
    return { ok: true as const };
  });
  app.post(
    "/api/visits/:visitId/background-check",
    {
      schema: {
        tags: ["visits"],
        summary: "The DSL records that the family's background is checked and what the team should know (burgh 7); sending the same note again changes nothing",
        params: Params,
        body: BackgroundCheckSchema,
        response: { 200: z.object({ result: z.enum(["recorded", "amended", "unchanged"]) }) },
      },
    },
    async (req) => ({ result: await recordBackgroundCheck(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now()) }),
  );
  app.put("/api/visits/:visitId/team", { schema: { tags: ["visits"], summary: "Assign the team; refused with the requirement that fails", params: Params, body: TeamSchema, response: { 200: VisitView } } }, async (req) => {
    await assignTeam(db, staffActor(req), schoolOf(req), req.params.visitId, req.body);
    return loadVisit(db, schoolOf(req), req.params.visitId);
  });
  app.post("/api/visits/:visitId/companions", { schema: { tags: ["visits"], summary: "Add someone from outside the school accompanying the visit (burgh 1, 9); the same id twice adds them once", params: Params, body: CompanionSchema, response: { 201: CompanionAdded } } }, async (req, reply) =>
    reply.code(201).send(await addCompanion(db, staffActor(req), schoolOf(req), req.params.visitId, req.body)),
  );
  app.delete("/api/visits/:visitId/companions/:companionId", { schema: { tags: ["visits"], summary: "Take someone from outside the school off the visit", params: Params.extend({ companionId: z.uuid() }), response: { 200: Ok } } }, async (req) => {
    await removeCompanion(db, staffActor(req), schoolOf(req), req.params.visitId, req.params.companionId);
    return { ok: true as const };
  });
  app.post("/api/visits/:visitId/plan", { schema: { tags: ["visits"], summary: "Lodge the visit plan with the office: time out, expected back", params: Params, body: PlanSchema, response: { 200: VisitView } } }, async (req) =>
    planVisit(db, staffActor(req), schoolOf(req), req.params.visitId, req.body),
  );
  app.post("/api/visits/:visitId/risk-assessment", { schema: { tags: ["visits"], summary: "Complete or amend the risk assessment", params: Params, body: RiskAssessmentSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await recordRiskAssessment(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now())),
  );
  app.put("/api/visits/:visitId/appointment", { schema: { tags: ["visits"], summary: "Record the appointment agreed with the parent", params: Params, body: AppointmentSchema, response: { 200: VisitView } } }, async (req) => {
    await setAppointment(db, staffActor(req), schoolOf(req), req.params.visitId, req.body);
    return loadVisit(db, schoolOf(req), req.params.visitId);
  });
  app.post("/api/visits/:visitId/appointment/signatures", { schema: { tags: ["visits"], summary: "Parent's and officer's signatures captured on the device", params: Params, body: SignaturesSchema, response: { 200: Ok } } }, async (req) => {
    await signAppointment(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now());
    return { ok: true as const };
  });
  app.post(
    "/api/visits/:visitId/cancel",
    {
      schema: {
        tags: ["visits"],
        summary: "Cancel with a reason; the headteacher is told in writing. Cancelling again answers with the first cancellation and tells nobody twice.",
        params: Params,
        body: CancelSchema,
        response: { 200: CancellationResponse },
      },
    },
    async (req) => {
      const cancellation = await cancelVisit(db, staffActor(req), schoolOf(req), req.params.visitId, req.body.reason, now());
      app.deps.kickMessageDelivery?.();
      return cancellation;
    },
  );
}
