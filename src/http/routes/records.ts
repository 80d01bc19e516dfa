import { z } from "zod";
import { AgreementReviewed, Agreements, ConcernReceived, Concerns, ExternalReferenceRecorded, Incidents, MyConcerns, PupilRecord, Referrals, VisitRecordMade, VisitRecords, VisitReportReply } from "../../contracts/records";
import { Created } from "../../contracts/common";
import type { AppInstance } from "../server";
import { addAddendum, loadVisitReport, submitVisitReport, VisitReportSchema } from "../../app/visits/visit-report";
import { listConcerns, myConcerns, raiseConcern, RaiseConcernSchema, updateConcern, UpdateConcernSchema } from "../../app/safeguarding/concerns";
import { listReferrals, openReferral, OpenReferralSchema, recordReferralOutcome, ReferralOutcomeSchema } from "../../app/referrals/referrals";
import { AgreementReviewSchema, AgreementSchema, listAgreements, recordAgreement, reviewAgreement } from "../../app/agreements/agreements";
import { IncidentSchema, listIncidents, reportIncident, reviewIncident } from "../../app/incidents/incidents";
import { pupilRecord } from "../../app/pupils/pupil-record";
import { listVisitRecords, recordVisitRecord, recordVisitRecordOutcome, VisitRecordOutcomeSchema, VisitRecordSchema } from "../../app/visit-records/visit-records";
import { publicOrigin } from "../../app/notify/reply-links";
import { VISIT_RECORD_KINDS } from "../../domain/records/visit-records";
import { ExternalReferenceSchema, handOff, recordExternalReference } from "../../app/safeguarding/external-references";
import { REFERENCED_ENTITIES } from "../../domain/records/hand-off";
import { londonDate } from "../../app/clock";
import { schoolOf } from "../auth-hook";
import { staffActor } from "./visits";
import { pupilsInReach, reachOfRequest } from "../reach-guard";
import { inReach } from "../../app/people/reach";

const VisitParams = z.object({ visitId: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });

export function recordRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/visits/:visitId/report", { schema: { tags: ["records"], summary: "The visit report with its addenda (null before it is written)", params: VisitParams, response: { 200: VisitReportReply } } }, async (req) => ({
    report: await loadVisitReport(db, schoolOf(req), req.params.visitId),
  }));
  app.post("/api/visits/:visitId/report", { schema: { tags: ["records"], summary: "Submit the visit report (coteford Appendix 2); it cannot be edited afterwards", params: VisitParams, body: VisitReportSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await submitVisitReport(db, staffActor(req), schoolOf(req), req.params.visitId, req.body, now())),
  );
  app.post("/api/visits/:visitId/report/addenda", { schema: { tags: ["records"], summary: "Add to a submitted report; the original is kept", params: VisitParams, body: z.object({ text: z.string().max(10000) }), response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await addAddendum(db, staffActor(req), schoolOf(req), req.params.visitId, req.body.text, now())),
  );

  app.post("/api/concerns", { schema: { tags: ["safeguarding"], summary: "Raise a safeguarding concern: the DSL team is alerted at once", body: RaiseConcernSchema, response: { 201: ConcernReceived } } }, async (req, reply) => {
    const { dslUserIds: _told, ...received } = await raiseConcern(db, staffActor(req), schoolOf(req), req.body, now(), `${req.protocol}://${req.host}`);
    app.deps.kickMessageDelivery?.();
    return reply.code(201).send(received);
  });
  app.get("/api/concerns", { schema: { tags: ["safeguarding"], summary: "All concerns (DSL, deputies, head)", response: { 200: Concerns } } }, async (req) => ({ concerns: await listConcerns(db, schoolOf(req)) }));
  app.put("/api/concerns/:concernId", { schema: { tags: ["safeguarding"], summary: "The DSL records status, notes and the CPOMS/MyConcern reference", params: z.object({ concernId: z.uuid() }), body: UpdateConcernSchema, response: { 200: Ok } } }, async (req) => {
    await updateConcern(db, staffActor(req), schoolOf(req), req.params.concernId, req.body, now());
    return { ok: true as const };
  });
  app.get("/api/my/concerns", { schema: { tags: ["safeguarding"], summary: "Concerns I raised: that each was received, not what was decided", response: { 200: MyConcerns } } }, async (req) => ({ concerns: await myConcerns(db, schoolOf(req), req.auth!.userId) }));

  app.post("/api/referrals", { schema: { tags: ["records"], summary: "Record a referral or notification (PNAR, CME, police welfare check, …)", body: OpenReferralSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await openReferral(db, staffActor(req), schoolOf(req), req.body, now())),
  );
  app.get("/api/referrals", { schema: { tags: ["records"], summary: "The referral tracker", querystring: z.object({ pupilId: z.uuid().optional() }), response: { 200: Referrals } } }, async (req) => ({ referrals: await listReferrals(db, schoolOf(req), req.query.pupilId) }));
  app.put("/api/referrals/:referralId", { schema: { tags: ["records"], summary: "Record a referral's progress and outcome", params: z.object({ referralId: z.uuid() }), body: ReferralOutcomeSchema, response: { 200: Ok } } }, async (req) => {
    await recordReferralOutcome(db, staffActor(req), schoolOf(req), req.params.referralId, req.body);
    return { ok: true as const };
  });

  app.post("/api/agreements", { schema: { tags: ["records"], summary: "Record an agreement made with parents, with a review date", body: AgreementSchema, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await recordAgreement(db, staffActor(req), schoolOf(req), req.body, now())),
  );
  app.get("/api/agreements", { schema: { tags: ["records"], summary: "Agreements and their review dates, for the children within the caller's reach", response: { 200: Agreements } } }, async (req) => {
    const reached = await pupilsInReach(db, req, now());
    return { agreements: (await listAgreements(db, schoolOf(req))).filter((a) => inReach(reached, a.pupilId)) };
  });
  app.post("/api/agreements/:agreementId/review", { schema: { tags: ["records"], summary: "Review an agreement: kept, or not kept (note, reminder letter, follow-up visit)", params: z.object({ agreementId: z.uuid() }), body: AgreementReviewSchema, response: { 200: AgreementReviewed } } }, async (req) => {
    const result = await reviewAgreement(db, staffActor(req), schoolOf(req), req.params.agreementId, req.body, now(), publicOrigin(app.deps.config.PUBLIC_URL, req));
    app.deps.kickMessageDelivery?.();
    return result;
  });

  app.post("/api/visit-records", { schema: { tags: ["records"], summary: "Record a physical intervention, an allegation against staff, a complaint about a visit, a pupil transported, a multi-agency check or an alternative venue offered; routed as the policy says", body: VisitRecordSchema, response: { 201: VisitRecordMade } } }, async (req, reply) => {
    const made = await recordVisitRecord(db, staffActor(req), schoolOf(req), req.body, now(), `${req.protocol}://${req.host}`);
    app.deps.kickMessageDelivery?.();
    return reply.code(201).send(made);
  });
  app.get("/api/visit-records", { schema: { tags: ["records"], summary: "The records routed to the caller's roles", querystring: z.object({ kind: z.enum(VISIT_RECORD_KINDS).optional(), visitId: z.uuid().optional(), pupilId: z.uuid().optional() }), response: { 200: VisitRecords } } }, async (req) => ({
    records: await listVisitRecords(db, schoolOf(req), [...req.auth!.roles], req.query),
  }));
  app.put("/api/visit-records/:recordId/outcome", { schema: { tags: ["records"], summary: "The outcome of a record, by someone it was routed to", params: z.object({ recordId: z.uuid() }), body: VisitRecordOutcomeSchema, response: { 200: Ok } } }, async (req) => {
    await recordVisitRecordOutcome(db, staffActor(req), schoolOf(req), req.params.recordId, req.body, now());
    return { ok: true as const };
  });
  app.post("/api/external-references", { schema: { tags: ["records"], summary: "Record the CPOMS/MyConcern reference of a visit report, agreement, referral or visit record (the latest is in force)", body: ExternalReferenceSchema, response: { 201: ExternalReferenceRecorded } } }, async (req, reply) =>
    reply.code(201).send(await recordExternalReference(db, staffActor(req), schoolOf(req), req.body)),
  );
  app.get("/api/hand-off/:entity/:entityId", { schema: { tags: ["records"], summary: "A plain-text summary of the record to paste into CPOMS or MyConcern", params: z.object({ entity: z.enum(REFERENCED_ENTITIES), entityId: z.uuid() }), produces: ["text/plain"] } }, async (req, reply) =>
    reply.type("text/plain; charset=utf-8").send(await handOff(db, schoolOf(req), req.params.entity, req.params.entityId, [...req.auth!.roles])),
  );
  app.post("/api/incidents", { schema: { tags: ["records"], summary: "Report an incident or near miss on a visit", body: IncidentSchema, response: { 201: Created } } }, async (req, reply) => reply.code(201).send(await reportIncident(db, staffActor(req), schoolOf(req), req.body)));
  app.get("/api/incidents", { schema: { tags: ["records"], summary: "Incidents and near misses for review", response: { 200: Incidents } } }, async (req) => ({ incidents: await listIncidents(db, schoolOf(req)) }));
  app.post("/api/incidents/:incidentId/review", { schema: { tags: ["records"], summary: "The head's review of an incident", params: z.object({ incidentId: z.uuid() }), body: z.object({ note: z.string().max(4000) }), response: { 200: Ok } } }, async (req) => {
    await reviewIncident(db, staffActor(req), schoolOf(req), req.params.incidentId, req.body.note, now());
    return { ok: true as const };
  });

  app.get("/api/pupils/:pupilId/record", { schema: { tags: ["pupils"], summary: "The pupil record: attendance, contacts, visits, reports, agreements, documents, referrals (concerns for the DSL team)", params: z.object({ pupilId: z.uuid() }), response: { 200: PupilRecord } } }, async (req) =>
    pupilRecord(db, schoolOf(req), req.params.pupilId, londonDate(now()), req.auth!.roles, reachOfRequest(req)),
  );
}
