/**
 * Field-level need-to-know (KCSIE; UK GDPR data minimisation): who may read the
 * sensitive parts of a child's record wherever they appear. The routes that serve
 * these fields in full (src/http/access.ts) take their roles from here, so a page
 * that gathers several of them (the pupil record) cannot show more than each
 * field's own route would.
 */
import type { Role } from "./roles";
import { SAFEGUARDING_ROLES } from "./roles";

export const SENSITIVE_FIELDS = ["referral", "visitReportSummary", "concern"] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

export const FIELD_READERS: Readonly<Record<SensitiveField, readonly Role[]>> = {
  /** A referral's kind, reason and outcome: those who decide on referrals beyond the school (burgh 5, Appendix A). */
  referral: ["headteacher", "dsl", "deputy_dsl", "attendance_lead"],
  /**
   * What was said at the door: the casework staff who write and read visit reports. A
   * visitor or the office reads it only on a visit whose team they are on
   * (readsVisitReport in ./visit-reach.ts), wherever it appears.
   */
  visitReportSummary: ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office"],
  /** Safeguarding concerns: the DSL team and the head. */
  concern: SAFEGUARDING_ROLES,
};

/**
 * Physical interventions, allegations, complaints, transport, multi-agency checks and alternative
 * venues (src/domain/records/visit-records.ts): the roles a seed routes them to. Each record is
 * read only by the roles it was routed to (the chair of governors, for an allegation about the
 * head; never the head then), so the pupil record does not gather them: the pupil and visit
 * pages ask GET /api/visit-records, which filters by route. The attendance lead is here for the
 * checks and venues a policy routes to them (burgh 9: concerns are discussed with the Attendance
 * Champion), and reads nothing else.
 */
export const VISIT_RECORD_READERS: readonly Role[] = ["headteacher", "deputy_head", "dsl", "deputy_dsl", "business_manager", "governor", "attendance_lead"];

export function mayRead(field: SensitiveField, roles: ReadonlySet<Role> | readonly Role[]): boolean {
  const held = new Set<Role>(roles);
  return FIELD_READERS[field].some((r) => held.has(r));
}
