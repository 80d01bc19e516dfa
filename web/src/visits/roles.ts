/**
 * Which controls to show to which roles. This mirrors ROUTE_ACCESS in
 * src/http/access.ts, which is the authority: the server refuses anyone else.
 */
import type { Role } from "../api";

const any = (held: readonly Role[], allowed: readonly Role[]) => held.some((r) => allowed.includes(r));

/** POST /api/visits/approve (the template's approvers are checked by the server). */
export const canApprove = (r: readonly Role[]) => any(r, ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead"]);
/** PUT team, POST plan. */
export const canOrganise = (r: readonly Role[]) => any(r, ["headteacher", "attendance_lead", "office", "business_manager", "visitor"]);
/** GET /api/staff: needed to choose a team. */
export const canListStaff = (r: readonly Role[]) => any(r, ["headteacher", "business_manager", "trust_admin"]);
/** Appointment, confirmation, signatures, cancel, called cards. */
export const canCasework = (r: readonly Role[]) => any(r, ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office"]);
/** Risk assessment and the documents kept on the record. */
export const canReadDocuments = (r: readonly Role[]) => any(r, ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager"]);
export const canAssessRisk = canReadDocuments;
export const isDsl = (r: readonly Role[]) => any(r, ["dsl", "deputy_dsl"]);
/** The field view (/field/:id). */
export const canUseField = canCasework;
/** POST /api/concerns. */
export const canRaiseConcern = (r: readonly Role[]) => any(r, ["headteacher", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager"]);
/**
 * Reach (src/domain/people/visit-reach.ts): these roles read every visit's report; a
 * visitor or the office only the reports of visits whose team they are on.
 */
export const readsEveryReport = (r: readonly Role[]) => any(r, ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "business_manager", "trust_admin"]);
/** POST /api/external-references, GET /api/hand-off/…: those who decide referrals (FIELD_READERS.referral). */
export const isReferrer = (r: readonly Role[]) => any(r, ["headteacher", "dsl", "deputy_dsl", "attendance_lead"]);
