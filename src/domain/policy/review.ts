import type { IsoDate } from "../attendance/iso-date";
import { PolicyViolation, InvalidInput } from "../errors";
import { ROLE_LABELS, type Role } from "../people/roles";
import type { PolicyReview, PolicyTemplate, ReviewOutcome } from "./template";

export interface ReviewStatus {
  /** `YYYY-MM` the document is due for review. */
  due: string;
  /** The review month has passed (Transform Trust's September 2019, for instance). */
  overdue: boolean;
  clause: string;
  /** A review has been recorded and waits for the approvers (burgh 13: the Governing Body). */
  awaitingApproval: boolean;
}

/** Whether a policy is past its review date on `today`; month precision, as the documents give it. */
export function reviewStatus(policy: PolicyTemplate, today: IsoDate): ReviewStatus {
  const due = policy.review.nextReviewDue;
  return { due, overdue: today.slice(0, 7) > due, clause: policy.review.clause, awaitingApproval: policy.review.awaitingApproval !== null };
}

export interface Reviewer {
  name: string;
  roles: readonly Role[];
}

/** `YYYY-MM` plus whole months. */
function addMonths(yearMonth: string, months: number): string {
  const [y, m] = yearMonth.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function roleNamed(duty: { roles: readonly Role[]; clause: string }, who: Reviewer, doing: string): Role {
  const role = duty.roles.find((r) => who.roles.includes(r));
  if (role) return role;
  const named = duty.roles.map((r) => ROLE_LABELS[r]).join(" or ");
  throw new PolicyViolation(`Under this policy only the ${named} ${doing} (${duty.clause}).`, duty.clause, "roles");
}

/** The review counts from `on`: the policy was adopted that month and is next due a cycle later. */
function counted(policy: PolicyTemplate, review: PolicyReview, on: IsoDate): PolicyTemplate {
  const month = on.slice(0, 7);
  return {
    ...policy,
    review: { ...policy.review, adopted: month, nextReviewDue: addMonths(month, policy.review.cycleMonths ?? 12), lastReview: review, awaitingApproval: null },
  };
}

/**
 * A reviewer the policy names records that they have reviewed it. Where the
 * policy asks for approval (burgh 13), the review waits for the approvers and the
 * review date stands until they approve; otherwise it counts at once.
 */
export function recordPolicyReview(policy: PolicyTemplate, who: Reviewer, input: { on: IsoDate; outcome: ReviewOutcome; note: string }): PolicyTemplate {
  const note = input.note.trim();
  if (!note) throw new InvalidInput("note", "say what the review looked at and found");
  const role = roleNamed(policy.review.reviewers, who, "reviews it");
  const review: PolicyReview = { on: input.on, by: who.name, role, outcome: input.outcome, note, approved: null, signatures: [] };
  if (policy.review.approvers) return { ...policy, review: { ...policy.review, awaitingApproval: review } };
  return counted(policy, review, input.on);
}

/** The approvers the policy names approve the review waiting for them; it then counts from the day of approval. */
export function approvePolicyReview(policy: PolicyTemplate, who: Reviewer, on: IsoDate): PolicyTemplate {
  const approvers = policy.review.approvers;
  const waiting = policy.review.awaitingApproval;
  if (!approvers) throw new InvalidInput("review", "this policy does not ask for its reviews to be approved");
  if (!waiting) throw new InvalidInput("review", "no review is waiting for approval");
  if (!approvers.each) {
    const role = roleNamed(approvers, who, "approves its review");
    return counted(policy, { ...waiting, approved: { on, by: who.name, role } }, on);
  }
  // Each role signs once; the review counts from the last signature.
  const signed = new Set(waiting.signatures.map((s) => s.role));
  const role = roleNamed({ ...approvers, roles: approvers.roles.filter((r) => !signed.has(r)) }, who, "still signs its review");
  const signatures = [...waiting.signatures, { on, by: who.name, role }];
  if (approvers.roles.every((r) => signatures.some((s) => s.role === r))) return counted(policy, { ...waiting, signatures, approved: signatures.at(-1)! }, on);
  return { ...policy, review: { ...policy.review, awaitingApproval: { ...waiting, signatures } } };
}

/** Where each approver signs: the roles still to sign the review waiting (empty when none waits). */
export function stillToSign(policy: PolicyTemplate): Role[] {
  const approvers = policy.review.approvers;
  const waiting = policy.review.awaitingApproval;
  if (!approvers || !waiting) return [];
  if (!approvers.each) return [...approvers.roles];
  return approvers.roles.filter((r) => !waiting.signatures.some((s) => s.role === r));
}
