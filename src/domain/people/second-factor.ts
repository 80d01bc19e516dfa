/**
 * Who must sign in with a second factor. Issue 20 (OWASP ASVS 5.0 level 2, and
 * what CPOMS and MyConcern ask): the roles that read a child's whole record or a
 * safeguarding concern. The deputy head is among them because the policies let
 * them act for the head (coteford 2.1). A school may ask it of everyone.
 */
import type { Role } from "./roles";

export const SECOND_FACTOR_ROLES: readonly Role[] = ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "trust_admin"];

export type SecondFactorNeed = "role" | "school" | "none";

export interface SchoolHeld {
  roles: readonly Role[];
  /** The school's own setting: a second factor for every member of staff. */
  everyone: boolean;
}

/**
 * `rolesRequire` is off only where the deployment says so (REQUIRE_SECOND_FACTOR=false,
 * the test servers); a school's own "everyone" holds regardless.
 */
export function secondFactorNeed(held: readonly SchoolHeld[], rolesRequire: boolean): SecondFactorNeed {
  if (rolesRequire && held.some((s) => s.roles.some((r) => SECOND_FACTOR_ROLES.includes(r)))) return "role";
  if (held.some((s) => s.everyone)) return "school";
  return "none";
}
