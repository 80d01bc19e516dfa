/**
 * The roles a member of staff can hold in a school (or, for trust_admin, across
 * a trust). Need-to-know access is expressed against these.
 */
export const ROLES = [
  "headteacher",
  /** A senior leader the policy lets act for the head (coteford 2.1: "the Headteacher or Deputy Headteacher"). */
  "deputy_head",
  "dsl",
  "deputy_dsl",
  "attendance_lead",
  "visitor",
  "office",
  "business_manager",
  "governor",
  "trust_admin",
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  headteacher: "Headteacher",
  deputy_head: "Deputy headteacher",
  dsl: "Designated safeguarding lead",
  deputy_dsl: "Deputy DSL",
  attendance_lead: "Attendance lead",
  visitor: "Home visitor",
  office: "School office",
  business_manager: "School business manager",
  governor: "Governor",
  trust_admin: "Trust administrator",
};

/** Roles that may read safeguarding notes (KCSIE need-to-know: the DSL team and the head). */
export const SAFEGUARDING_ROLES: readonly Role[] = ["dsl", "deputy_dsl", "headteacher"];

/** Staff who work with individual pupils' records; governors see aggregates only. */
export const PUPIL_RECORD_ROLES: readonly Role[] = [
  "headteacher",
  "deputy_head",
  "dsl",
  "deputy_dsl",
  "attendance_lead",
  "visitor",
  "office",
];
