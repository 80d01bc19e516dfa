/**
 * Who may open a referral of each kind, as the school's policy names them
 * (burgh 5, Appendix A: the DSL alone determines safeguarding referrals and
 * police welfare checks). A kind the policy does not reserve is open to the
 * referrals route's roles.
 */
import { PolicyViolation } from "../errors";
import { ROLE_LABELS, type Role } from "../people/roles";
import type { PolicyTemplate } from "../policy/template";
import type { ReferralKind } from "./referral-kinds";

export function referralDeciders(policy: PolicyTemplate, kind: ReferralKind): { roles: readonly Role[]; clause: string } | null {
  const rule = policy.referralDeciders.find((d) => d.kinds.includes(kind));
  return rule ? { roles: rule.roles, clause: rule.clause } : null;
}

/** Refuses, naming the clause, a referral the actor's roles may not decide. */
export function assertMayOpenReferral(policy: PolicyTemplate, kind: ReferralKind, actorRoles: readonly Role[]): void {
  const rule = referralDeciders(policy, kind);
  if (!rule || actorRoles.some((r) => rule.roles.includes(r))) return;
  const who = rule.roles.map((r) => ROLE_LABELS[r]).join(" or ");
  throw new PolicyViolation(`Under this policy only the ${who} decides a ${kind.replaceAll("_", " ")} referral (${rule.clause}).`, rule.clause, "kind");
}
