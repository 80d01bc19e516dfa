/**
 * A visit's life, as one state machine checked against the school's policy:
 *
 *   proposed ──approve──▶ approved ──plan──▶ planned ──start──▶ under_way ──finish──▶ completed | no_contact
 *       │                    │                  │                   │
 *       └────────────────────┴──────cancel──────┴───────────────────┴──▶ cancelled
 *
 * A change to time, team or address after approval sends the visit back to
 * `proposed` for the head to approve again (coteford 3.6). Transitions the policy
 * does not allow are refused with the clause.
 */
import { PolicyViolation } from "../errors";
import { isRole, ROLE_LABELS, type Role } from "../people/roles";
import type { PolicyTemplate } from "../policy/template";
import type { TeamFailure } from "./team-check";

export const VISIT_STATES = ["proposed", "approved", "planned", "under_way", "completed", "no_contact", "cancelled"] as const;
export type VisitState = (typeof VISIT_STATES)[number];

export const VISIT_TRANSITIONS = ["approve", "plan", "start", "finish_completed", "finish_no_contact", "cancel", "reopen_for_approval"] as const;
export type VisitTransition = (typeof VISIT_TRANSITIONS)[number];

const FROM: Record<VisitTransition, readonly VisitState[]> = {
  approve: ["proposed"],
  plan: ["proposed", "approved", "planned"],
  start: ["planned"],
  finish_completed: ["under_way"],
  finish_no_contact: ["under_way"],
  cancel: ["proposed", "approved", "planned", "under_way"],
  reopen_for_approval: ["approved", "planned"],
};

const TO: Record<VisitTransition, VisitState> = {
  approve: "approved",
  plan: "planned",
  start: "under_way",
  finish_completed: "completed",
  finish_no_contact: "no_contact",
  cancel: "cancelled",
  reopen_for_approval: "proposed",
};

export function isFinal(state: VisitState): boolean {
  switch (state) {
    case "completed":
    case "no_contact":
    case "cancelled":
      return true;
    case "proposed":
    case "approved":
    case "planned":
    case "under_way":
      return false;
  }
}

/** What the policy needs to know about a visit to allow a step. */
export interface VisitFacts {
  state: VisitState;
  /** Roles of the person asking (in this school). */
  actorRoles: readonly string[];
  /** Safeguarding is involved (burgh 5: the head authorises with the DSL). */
  safeguarding: boolean;
  dslAgreed: boolean;
  hasCurrentRiskAssessment: boolean;
  teamFailures: readonly TeamFailure[];
  hasTeam: boolean;
  hasAppointment: boolean;
  /** Relevant background checked with the DSL (burgh 7). */
  backgroundChecked: boolean;
  /** A cancellation must say why (coteford 3.8, 3.9). */
  reason?: string | undefined;
}

/** Who may approve under a template: its named approvers, or the head where the document names none. */
export function approversOf(policy: PolicyTemplate): readonly string[] {
  return policy.conduct.approval?.value.approvers ?? ["headteacher"];
}

export function nextState(policy: PolicyTemplate, step: VisitTransition, v: VisitFacts): VisitState {
  if (!FROM[step].includes(v.state)) {
    throw new PolicyViolation(`A visit that is ${v.state.replace("_", " ")} cannot be ${describe(step)}.`, "visit lifecycle", "state");
  }
  const c = policy.conduct;
  switch (step) {
    case "approve": {
      const approval = c.approval;
      const approvers = approversOf(policy);
      if (!v.actorRoles.some((r) => approvers.includes(r))) {
        const who = approvers.map((r) => (isRole(r) ? ROLE_LABELS[r] : r)).join(" or ");
        throw new PolicyViolation(`Only the ${who} may approve visits under this policy.`, approval?.clause ?? "approval", "approver");
      }
      if (approval?.value.withDslWhereSafeguarding && v.safeguarding && !v.dslAgreed && !v.actorRoles.includes("dsl")) {
        throw new PolicyViolation("Safeguarding is involved: the DSL must agree before the headteacher authorises this visit.", approval.clause, "dslAgreed");
      }
      break;
    }
    case "plan":
      if (v.state === "proposed" && needsApproval(policy)) {
        throw new PolicyViolation("This visit must be approved before it is planned.", c.approval!.clause, "state");
      }
      if (!v.hasTeam) throw new PolicyViolation("Assign the team before planning the visit.", c.pairing.clause, "team");
      if (v.teamFailures.length) throw new PolicyViolation(v.teamFailures.map((f) => f.message).join(" "), v.teamFailures[0]!.clause, "team");
      requireBackgroundCheck(policy, v);
      break;
    case "start":
      if (c.riskAssessment?.value.required && !v.hasCurrentRiskAssessment) {
        throw new PolicyViolation("A risk assessment must be completed before the visit starts.", c.riskAssessment.clause, "riskAssessment");
      }
      if (v.teamFailures.length) throw new PolicyViolation(v.teamFailures.map((f) => f.message).join(" "), v.teamFailures[0]!.clause, "team");
      // A plan lodged under an earlier version of the policy is held to the one in force when staff set off.
      requireBackgroundCheck(policy, v);
      if (c.appointmentRequiredToEnter?.value && !v.hasAppointment) {
        // Staff may still go to the door (a safe-and-well check), but must not enter: that is enforced on the doorstep.
      }
      break;
    case "cancel":
      if (!v.reason?.trim()) throw new PolicyViolation("Say why the visit is cancelled: the reason goes to the headteacher in writing.", cancellationNoticeClause(policy) ?? "cancellations are recorded with their reason", "reason");
      break;
    case "finish_completed":
    case "finish_no_contact":
    case "reopen_for_approval":
      break;
  }
  return TO[step];
}

function requireBackgroundCheck(policy: PolicyTemplate, v: VisitFacts) {
  const check = policy.conduct.dslBackgroundCheck;
  if (check && !v.backgroundChecked) {
    const who = check.value.by.map((r) => ROLE_LABELS[r]).join(" or ");
    throw new PolicyViolation(`${check.value.description} The ${who} records it on the visit page before the plan is lodged.`, check.clause, "backgroundCheck");
  }
}

/** The clause that requires the written cancellation notice to the head; null where the policy has none (burgh, scargill). */
export function cancellationNoticeClause(policy: PolicyTemplate): string | null {
  return policy.conduct.cancellationNotice?.clause ?? null;
}

/** Who gets the written cancellation notice: those the policy names, else the head. */
export function cancellationNoticeTo(policy: PolicyTemplate): readonly Role[] {
  return policy.conduct.cancellationNotice?.value.to ?? ["headteacher"];
}

function describe(step: VisitTransition): string {
  switch (step) {
    case "approve":
      return "approved";
    case "plan":
      return "planned";
    case "start":
      return "started";
    case "finish_completed":
    case "finish_no_contact":
      return "finished";
    case "cancel":
      return "cancelled";
    case "reopen_for_approval":
      return "sent back for approval";
  }
}

/**
 * Who is told of a change after approval or planning, and the clause: the
 * policy's own change notice (coteford 3.6, hunsbury-park 4: "notification will
 * be given to the headteacher if any changes are made"), else its approvers,
 * who must sign again, under the approval clause.
 */
export function changeNoticeOf(policy: PolicyTemplate): { to: Role[]; clause: string } {
  const n = policy.conduct.changeNotice;
  // Those who sign again are told too (coteford: the deputy headteacher who signed, 2.1).
  const approvers = needsApproval(policy) ? approversOf(policy).filter(isRole) : [];
  if (n) return { to: [...new Set([...n.value.to, ...approvers])], clause: n.clause };
  return { to: approvers.length ? approvers : ["headteacher"], clause: policy.conduct.approval?.clause ?? "visit lifecycle: a change after approval" };
}

/** Whether a policy wants visits approved before they are planned (all seeds but Hunsbury name an approver). */
export function needsApproval(policy: PolicyTemplate): boolean {
  return policy.conduct.approval !== null;
}
