/**
 * Who may give whom which role. A role is a key to children's records, so the
 * grant is a rule of its own, not a side effect of who may open the Staff page:
 * a school grants school roles; only the trust grants trust roles (one grant
 * reaches every school of the trust); the safeguarding roles (KCSIE: the DSL is
 * appointed by the school's leadership) need the headteacher.
 */
import { ROLES, type Role } from "./roles";

/** Roles held over a whole trust rather than in one school. */
export const TRUST_ROLES: readonly Role[] = ["trust_admin"];

export function isTrustRole(role: Role): boolean {
  return TRUST_ROLES.includes(role);
}

/** Who may grant each role, by the roles the granter holds in the school concerned. */
export const GRANTED_BY: Readonly<Record<Role, readonly Role[]>> = {
  trust_admin: ["trust_admin"],
  // The trust appoints heads as well as the head naming an acting or co-head.
  headteacher: ["headteacher", "trust_admin"],
  deputy_head: ["headteacher", "trust_admin"],
  dsl: ["headteacher"],
  deputy_dsl: ["headteacher"],
  attendance_lead: ["headteacher", "business_manager", "trust_admin"],
  visitor: ["headteacher", "business_manager", "trust_admin"],
  office: ["headteacher", "business_manager", "trust_admin"],
  business_manager: ["headteacher", "trust_admin"],
  governor: ["headteacher", "trust_admin"],
};

/**
 * Who grants: a member of staff with the roles they hold in the school the
 * account is made for, or the machine's operator at the command line (who has
 * the database anyway).
 */
export type Granter = { kind: "operator" } | { kind: "staff"; roles: ReadonlySet<Role> };

/** Why `granter` may not grant `role`, or null when they may. */
export function grantRefusal(granter: Granter, role: Role): string | null {
  if (granter.kind === "operator") return null;
  const allowed = GRANTED_BY[role];
  if (allowed.some((r) => granter.roles.has(r))) return null;
  const who = allowed.map((r) => r.replace("_", " ")).join(" or ");
  return `only a ${who} may grant the ${role} role`;
}

/** The roles this granter may give, in the order of ROLES (for the Staff page's choice). */
export function grantableRoles(granter: Granter): Role[] {
  return ROLES.filter((r) => grantRefusal(granter, r) === null);
}

/** The first role of `roles` the granter may not grant, with the reason. */
export function firstRefusedGrant(granter: Granter, roles: readonly Role[]): { role: Role; reason: string } | null {
  for (const role of roles) {
    const reason = grantRefusal(granter, role);
    if (reason) return { role, reason };
  }
  return null;
}
