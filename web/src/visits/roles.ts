/**
 * Which controls to show. Each asks the session's `may` list, which the server
 * derives from ROUTE_ACCESS in src/http/access.ts: the web keeps no role lists.
 */
import { may, type SessionView } from "../api";

export type MaySession = Pick<SessionView, "may" | "reach">;

/** Propose a visit (from Today, or by hand on the child's page). */
export const canPropose = (s: MaySession) => may(s, "POST /api/visits");
export const canApprove = (s: MaySession) => may(s, "POST /api/visits/approve");
export const canOrganise = (s: MaySession) => may(s, "PUT /api/visits/:visitId/team");
export const canListStaff = (s: MaySession) => may(s, "GET /api/staff");
/** Appointment, confirmation, signatures, cancel, called cards. */
export const canCasework = (s: MaySession) => may(s, "POST /api/visits/:visitId/cancel");
export const canReadDocuments = (s: MaySession) => may(s, "GET /api/documents/:documentId/pdf");
export const canAssessRisk = (s: MaySession) => may(s, "POST /api/visits/:visitId/risk-assessment");
export const isDsl = (s: MaySession) => may(s, "POST /api/visits/:visitId/dsl-agree");
/** The field view (/field/:id). */
export const canUseField = (s: MaySession) => may(s, "POST /api/visits/:visitId/steps");
export const canRaiseConcern = (s: MaySession) => may(s, "POST /api/concerns");
/** Reach (src/domain/people/visit-reach.ts): a visitor or the office reads only the reports of visits whose team they are on. */
export const readsEveryReport = (s: MaySession) => s.reach === "school" && may(s, "GET /api/visits/:visitId/report");
/** POST /api/external-references, GET /api/hand-off/…: those who decide referrals. */
export const isReferrer = (s: MaySession) => may(s, "POST /api/external-references");
