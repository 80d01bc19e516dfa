/**
 * Who may call each API route. Every route under /api must have an entry here:
 * the server refuses to start otherwise, and src/http/access.test.ts walks every
 * route with every role (and with no session) against this table.
 *
 * Roles are those held in the school the session is working in.
 */
import type { Role } from "../domain/people/roles";
import { PUPIL_RECORD_ROLES } from "../domain/people/roles";
import { FIELD_READERS, VISIT_RECORD_READERS } from "../domain/people/need-to-know";

export type Access =
  | { kind: "public" }
  | { kind: "signed_in" }
  | { kind: "roles"; roles: readonly Role[] };

const PUBLIC: Access = { kind: "public" };
const SIGNED_IN: Access = { kind: "signed_in" };
const roles = (...r: Role[]): Access => ({ kind: "roles", roles: r });

const STAFF_ADMIN = roles("headteacher", "business_manager", "trust_admin");
const PUPIL_READERS: Access = { kind: "roles", roles: [...PUPIL_RECORD_ROLES, "trust_admin"] };
/** Staff who act on a child's case: log contacts and sightings, propose visits. */
const CASEWORK = roles("headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office");
/** Visits carry addresses and family details: casework staff, and the business manager who assesses risk (coteford 2.5). */
const VISIT_READERS_NO_TRUST = roles("headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager");
const VISIT_READERS = roles("headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager", "trust_admin");
const VISIT_ORGANISERS = roles("headteacher", "attendance_lead", "office", "business_manager", "visitor");
/** Who decides on referrals beyond the school (burgh 5, Appendix A: the DSL and attendance champion). */
const REFERRERS: Access = { kind: "roles", roles: FIELD_READERS.referral };
/** The office board: the office and the senior leaders an alert escalates to. */
const BOARD = roles("office", "headteacher", "dsl", "deputy_dsl", "attendance_lead");
/** Staff who keep the register, roll and calendar in Doorstep. */
const DATA_MANAGERS = roles("headteacher", "attendance_lead", "office");

/** Who keeps the school's statutory returns: the attendance lead, the office who send them, the DSL and the senior leaders. */
const STATUTORY = roles("headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "office");

/** Who samples cases and reviews them against the policy (burgh 13: the Headteacher and DSL). */
const CASE_SAMPLERS = roles("headteacher", "dsl", "deputy_dsl");
/** Who builds the half-term decision list and decides on it (transform-trust 4.2). */
const HALF_TERM_DECIDERS = roles("headteacher", "deputy_head", "attendance_lead");

export const ROUTE_ACCESS: Record<string, Access> = {
  "GET /api/health": PUBLIC,
  // `doorstep backup` on PGlite: guarded by the key the server leaves in its data folder (src/db/backup-door.ts).
  "POST /api/ops/backup": PUBLIC,
  "GET /api/docs": PUBLIC,
  "GET /api/docs/json": PUBLIC,
  "GET /api/docs/yaml": PUBLIC,
  "GET /api/docs/static/index.html": PUBLIC,
  "GET /api/docs/static/swagger-initializer.js": PUBLIC,
  "GET /api/docs/static/*": PUBLIC,

  "POST /api/auth/login": PUBLIC,
  // A forgotten password: the emailed one-time link is the credential.
  "POST /api/auth/password-reset": PUBLIC,
  "POST /api/auth/password-reset/complete": PUBLIC,
  // Single sign-on: the school's identity provider is the credential (src/http/routes/auth/sign-on.ts).
  "GET /api/auth/sso/schools": PUBLIC,
  "GET /api/auth/sso/:schoolSlugOrId/start": PUBLIC,
  "GET /api/auth/sso/callback": PUBLIC,
  "GET /api/school/sso": roles("headteacher"),
  "PUT /api/school/sso": roles("headteacher"),
  // The second step of signing in: the challenge from a right password is the credential.
  "POST /api/auth/second-factor/setup": PUBLIC,
  "POST /api/auth/second-factor": PUBLIC,
  "POST /api/auth/passkey/options": PUBLIC,
  "POST /api/auth/passkey": PUBLIC,
  "GET /api/account": SIGNED_IN,
  "POST /api/account/password": SIGNED_IN,
  "POST /api/account/second-factor/setup": SIGNED_IN,
  "POST /api/account/second-factor/confirm": SIGNED_IN,
  "POST /api/account/recovery-codes": SIGNED_IN,
  "POST /api/account/passkeys/options": SIGNED_IN,
  "POST /api/account/passkeys": SIGNED_IN,
  "DELETE /api/account/passkeys/:passkeyId": SIGNED_IN,
  // Guarded by the one-time code printed at start-up, and closed once a real school exists.
  "GET /api/setup": PUBLIC,
  "POST /api/setup": PUBLIC,
  "POST /api/auth/logout": SIGNED_IN,
  "POST /api/auth/logout-everywhere": SIGNED_IN,
  "GET /api/session": SIGNED_IN,
  "PUT /api/session/school": SIGNED_IN,

  "GET /api/audit": roles("headteacher", "trust_admin"),

  // Retention (src/domain/records/retention.ts): the head decides what is removed.
  "GET /api/retention": roles("headteacher"),
  "POST /api/retention/apply": roles("headteacher"),
  // Subject access: the head and the DSL record requests and make exports; the DSL team decides on the concerns.
  "GET /api/subject-access": roles("headteacher", "dsl", "deputy_dsl"),
  "POST /api/subject-access": roles("headteacher", "dsl"),
  "PUT /api/subject-access/:requestId/concerns": roles("dsl", "deputy_dsl"),
  "GET /api/subject-access/:requestId/export.json": roles("headteacher", "dsl"),
  "GET /api/subject-access/:requestId/export.pdf": roles("headteacher", "dsl"),

  "GET /api/staff": STAFF_ADMIN,
  "POST /api/staff": roles("headteacher", "business_manager", "trust_admin"),
  "POST /api/staff/:userId/disable": STAFF_ADMIN,
  "POST /api/staff/:userId/enable": STAFF_ADMIN,
  // A lost phone, a locked account: the head, or the trust for those it appoints (mayKeepRecord).
  "POST /api/staff/:userId/second-factor/reset": roles("headteacher", "trust_admin"),
  "POST /api/staff/:userId/unlock": roles("headteacher", "trust_admin"),
  "GET /api/school/second-factor": roles("headteacher", "trust_admin"),
  "PUT /api/school/second-factor": roles("headteacher"),

  "GET /api/pupils": PUPIL_READERS,
  "GET /api/pupils/:pupilId": PUPIL_READERS,
  "GET /api/pupils/:pupilId/timeline": PUPIL_READERS,
  // Texts to families (issue 18): casework staff send and confirm; the reply link is the family's, with no sign-in.
  "GET /api/texts/status": CASEWORK,
  "POST /api/pupils/:pupilId/texts": CASEWORK,
  "POST /api/pupils/:pupilId/emails": CASEWORK,
  "POST /api/today/texts": roles("headteacher", "attendance_lead", "office"),
  "GET /api/today/texts": CASEWORK,
  "GET /api/pupils/:pupilId/replies": PUPIL_READERS,
  "POST /api/replies/:replyId/confirm": CASEWORK,
  // The link's 256-bit token is the credential; one child, 14 days, rate-limited.
  "GET /api/reply/:token": PUBLIC,
  "POST /api/reply/:token": PUBLIC,
  "POST /api/pupils/:pupilId/contacts": CASEWORK,
  "POST /api/pupils/:pupilId/sightings": CASEWORK,
  "POST /api/visits": CASEWORK,
  "GET /api/visits": VISIT_READERS,
  "GET /api/visits/:visitId": VISIT_READERS,
  // The template names who signs (approversOf); the route admits every role any seed names.
  "POST /api/visits/approve": roles("headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead"),
  "POST /api/visits/:visitId/dsl-agree": roles("dsl", "deputy_dsl"),
  "POST /api/visits/:visitId/background-check": roles("dsl", "deputy_dsl", "headteacher"),
  "PUT /api/visits/:visitId/team": VISIT_ORGANISERS,
  // Those who put the team together name who comes with it from outside (burgh 1, 9).
  "POST /api/visits/:visitId/companions": VISIT_ORGANISERS,
  "DELETE /api/visits/:visitId/companions/:companionId": VISIT_ORGANISERS,
  // Those who choose the team see whom they can choose, and what the policy's team check reads.
  "GET /api/visits/staff-options": VISIT_ORGANISERS,
  "POST /api/visits/:visitId/plan": VISIT_ORGANISERS,
  "POST /api/visits/:visitId/risk-assessment": VISIT_READERS_NO_TRUST,
  "PUT /api/visits/:visitId/appointment": CASEWORK,
  "POST /api/visits/:visitId/appointment/signatures": CASEWORK,
  "POST /api/visits/:visitId/cancel": CASEWORK,
  "GET /api/notifications": SIGNED_IN,
  "POST /api/notifications/:notificationId/read": SIGNED_IN,
  "POST /api/my/calendar-feed": SIGNED_IN,
  "DELETE /api/my/calendar-feed": SIGNED_IN,
  // Alerts on a device: anyone signed in manages their own (the routes act only on the caller's).
  "GET /api/push/key": SIGNED_IN,
  "POST /api/push/subscriptions": SIGNED_IN,
  "DELETE /api/push/subscriptions": SIGNED_IN,
  // The secret URL is the credential; calendar apps cannot sign in.
  "GET /api/calendar-feed/:token": PUBLIC,

  "GET /api/visits/:visitId/field": CASEWORK,
  "POST /api/visits/:visitId/steps": CASEWORK,
  "POST /api/visits/:visitId/alarm": CASEWORK,
  "GET /api/board": BOARD,
  "GET /api/board/stream": BOARD,
  "POST /api/alerts/:alertId/acknowledge": BOARD,
  "POST /api/alerts/:alertId/close": BOARD,

  "GET /api/visits/:visitId/report": { kind: "roles", roles: FIELD_READERS.visitReportSummary },
  "POST /api/visits/:visitId/report": CASEWORK,
  "POST /api/visits/:visitId/report/addenda": CASEWORK,
  "POST /api/concerns": roles("headteacher", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager"),
  "GET /api/concerns": { kind: "roles", roles: FIELD_READERS.concern },
  "PUT /api/concerns/:concernId": roles("dsl", "deputy_dsl"),
  "GET /api/my/concerns": SIGNED_IN,
  "POST /api/referrals": REFERRERS,
  "GET /api/referrals": REFERRERS,
  "PUT /api/referrals/:referralId": REFERRERS,
  "POST /api/agreements": CASEWORK,
  "GET /api/agreements": CASEWORK,
  "POST /api/agreements/:agreementId/review": CASEWORK,
  // The DSL (and those who read referrals) pastes a record into CPOMS/MyConcern and notes its reference.
  "POST /api/external-references": REFERRERS,
  "GET /api/hand-off/:entity/:entityId": REFERRERS,
  "POST /api/incidents": roles("headteacher", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager"),
  "GET /api/incidents": roles("headteacher", "business_manager"),
  "POST /api/incidents/:incidentId/review": roles("headteacher"),
  "GET /api/pupils/:pupilId/record": PUPIL_READERS,
  // Anyone on a visit, and the office a parent rings, records; each record is read by the roles the policy routes it to.
  "POST /api/visit-records": roles("headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "business_manager"),
  "GET /api/visit-records": { kind: "roles", roles: VISIT_RECORD_READERS },
  "PUT /api/visit-records/:recordId/outcome": { kind: "roles", roles: VISIT_RECORD_READERS },

  "GET /api/visits/list.pdf": VISIT_READERS,
  "POST /api/visits/:visitId/appointment/confirmation": CASEWORK,
  "GET /api/visits/called-cards.pdf": CASEWORK,
  "POST /api/visits/:visitId/called-card": CASEWORK,
  "GET /api/documents/:documentId/pdf": VISIT_READERS_NO_TRUST,
  "GET /api/letter-templates": roles("headteacher", "attendance_lead", "office"),
  "PUT /api/letter-templates/:kind": roles("headteacher"),

  "GET /api/staff/records": roles("headteacher", "business_manager"),
  "PUT /api/staff/:userId/checks": roles("headteacher", "business_manager"),
  "POST /api/staff/:userId/training": roles("headteacher", "business_manager"),
  "DELETE /api/staff/:userId/training/:trainingId": roles("headteacher", "business_manager"),
  "PUT /api/staff/:userId/vehicle": roles("headteacher", "business_manager"),

  "GET /api/today": PUPIL_READERS,
  "GET /api/today/stream": PUPIL_READERS,
  "POST /api/evaluate": SIGNED_IN,
  "GET /api/trust/today": roles("trust_admin"),
  // The law beneath the policy: returns to the LA and penalty-notice decisions are attendance casework.
  "GET /api/statutory/returns/form.pdf": STATUTORY,
  "GET /api/statutory/returns/form.csv": STATUTORY,
  "POST /api/statutory/deletion-grounds": STATUTORY,
  "POST /api/statutory/joint-enquiries": STATUTORY,
  "POST /api/statutory/returns": STATUTORY,
  "POST /api/statutory/penalty-decisions": roles("headteacher", "deputy_head", "attendance_lead"),
  "GET /api/statutory/packs": STATUTORY,
  "PUT /api/statutory/pack": roles("headteacher", "trust_admin"),
  // Governors and the trust get counts only (src/http/routes/oversight/compliance.ts).
  "GET /api/compliance": roles("headteacher", "dsl", "deputy_dsl", "attendance_lead", "governor", "trust_admin"),

  // Oversight (issue 16): the dashboard and named figures for those who act on a case; the governors' report holds no child.
  "GET /api/dashboard": roles("headteacher", "dsl", "deputy_dsl", "attendance_lead"),
  "GET /api/figures": roles("headteacher", "dsl", "deputy_dsl", "attendance_lead"),
  "GET /api/governors/report": roles("headteacher", "governor", "trust_admin"),
  "GET /api/governors/report.pdf": roles("headteacher", "governor", "trust_admin"),
  // Case sampling is the head's and the DSL's (burgh 13); the sample names children, so governors get counts in their report.
  "GET /api/case-samples": CASE_SAMPLERS,
  "POST /api/case-samples": CASE_SAMPLERS,
  "GET /api/case-samples/:sampleId": CASE_SAMPLERS,
  "PUT /api/case-samples/:sampleId/visits/:visitId/finding": CASE_SAMPLERS,
  // The half-term decision list is the attendance lead's, with the senior leaders at the meeting (transform-trust 4.2).
  "GET /api/decision-lists": HALF_TERM_DECIDERS,
  "POST /api/decision-lists": HALF_TERM_DECIDERS,
  "GET /api/decision-lists/:listId": HALF_TERM_DECIDERS,
  "PUT /api/decision-lists/:listId/pupils/:pupilId/decision": HALF_TERM_DECIDERS,
  // The trust's schools side by side: counts only, no child.
  "GET /api/trust/figures": roles("trust_admin"),
  "GET /api/trust/figures.pdf": roles("trust_admin"),
  "GET /api/trust/schools/:schoolId/report": roles("trust_admin"),

  "POST /api/imports/marks": DATA_MANAGERS,
  "POST /api/imports/pupils": DATA_MANAGERS,
  "POST /api/imports/term-dates": DATA_MANAGERS,
  "GET /api/imports/wonde": DATA_MANAGERS,
  "PUT /api/imports/wonde": DATA_MANAGERS,
  "DELETE /api/imports/wonde": DATA_MANAGERS,
  "POST /api/imports/wonde/sync": DATA_MANAGERS,
  "PUT /api/imports/wonde/schedule": DATA_MANAGERS,
  // Wonde calls it, with the shared secret (checked in the route, constant time); each event is re-checked with Wonde before it changes anything.
  "POST /api/wonde/webhook": PUBLIC,
  "GET /api/calendar": SIGNED_IN,
  "POST /api/calendar": DATA_MANAGERS,
  "DELETE /api/calendar/:day": DATA_MANAGERS,

  "GET /api/policy": SIGNED_IN,
  "PUT /api/policy": roles("headteacher"),
  "GET /api/policy/templates": SIGNED_IN,
  "GET /api/policy/family-link": SIGNED_IN,
  // The school's policy for families (scargill, transform-trust): public by design, no child in it, rate-limited.
  "GET /api/families/policy/:familyPolicyId": PUBLIC,
  "GET /api/families/policy/:familyPolicyId/pdf": PUBLIC,
  "POST /api/policy/template": roles("headteacher"),
  // Who reviews and who approves is the policy's (coteford 6.2, transform-trust 7.2, burgh 13); the use case checks it.
  "POST /api/policy/review": roles("headteacher", "deputy_head", "dsl", "attendance_lead", "business_manager"),
  // Who signs is the policy's (burgh 13: the governors; transform-trust: the head, the attendance governor and the attendance officer): the domain refuses the rest.
  "POST /api/policy/review/approve": roles("governor", "headteacher", "deputy_head", "dsl", "attendance_lead", "business_manager"),
};

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

/**
 * The rule for a request. HEAD is a GET without the body, so it follows the GET
 * rule; Fastify's HEAD twin of a prefix's "/" route (/api/docs/) keeps the
 * trailing slash its GET is registered without.
 */
export function accessFor(method: string, url: string): Access | undefined {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method;
  return ROUTE_ACCESS[routeKey(m, url)] ?? (url.length > 1 && url.endsWith("/") ? ROUTE_ACCESS[routeKey(m, url.slice(0, -1))] : undefined);
}

export function allows(access: Access, signedIn: boolean, held: ReadonlySet<Role>): boolean {
  switch (access.kind) {
    case "public":
      return true;
    case "signed_in":
      return signedIn;
    case "roles":
      return signedIn && access.roles.some((r) => held.has(r));
  }
}

/**
 * The routes a person holding `roles` may call, for the web app to show only the
 * controls that will work (GET /api/session `may`). This table stays the one
 * authority: the web keeps no role lists of its own.
 */
export function allowedRoutes(roles: readonly Role[]): string[] {
  const held = new Set(roles);
  return Object.entries(ROUTE_ACCESS)
    .filter(([, access]) => access.kind !== "public" && allows(access, true, held))
    .map(([key]) => key)
    .sort();
}
