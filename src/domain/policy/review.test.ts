import { describe, expect, it } from "vitest";
import { policyTemplates } from "./templates";
import { approvePolicyReview, recordPolicyReview, reviewStatus, stillToSign } from "./review";
import { PolicyViolation } from "../errors";

const head = { name: "Helen Marsh", roles: ["headteacher"] as const };
const governor = { name: "Colin Pryce", roles: ["governor"] as const };

describe("signing off a policy review", () => {
  it("moves the review date a cycle on from the month of the review, across the year end", () => {
    const reviewed = recordPolicyReview(policyTemplates.scargill, head, { on: "2026-12-06", outcome: "no_changes", note: "Read through" });
    expect(reviewed.review).toMatchObject({ adopted: "2026-12", nextReviewDue: "2027-12", awaitingApproval: null });
    expect(reviewed.review.lastReview).toEqual({ on: "2026-12-06", by: "Helen Marsh", role: "headteacher", outcome: "no_changes", note: "Read through", approved: null, signatures: [] });
    expect(reviewStatus(policyTemplates.scargill, "2026-12-06").overdue).toBe(true);
    expect(reviewStatus(reviewed, "2026-12-06").overdue).toBe(false);
  });

  it("names who may review when someone else tries (coteford 6.2)", () => {
    expect(() => recordPolicyReview(policyTemplates.coteford, head, { on: "2026-12-06", outcome: "no_changes", note: "x" })).toThrow(PolicyViolation);
    expect(() => recordPolicyReview(policyTemplates.coteford, head, { on: "2026-12-06", outcome: "no_changes", note: "x" })).toThrow("only the School business manager reviews it (coteford 6.1, 6.2)");
  });

  it("keeps the review date until the approvers approve (burgh 13), then counts from the approval", () => {
    const waiting = recordPolicyReview(policyTemplates.burgh, head, { on: "2027-02-26", outcome: "amended", note: "New thresholds" });
    expect(waiting.review).toMatchObject({ nextReviewDue: "2027-03", lastReview: null });
    expect(reviewStatus(waiting, "2027-02-26").awaitingApproval).toBe(true);
    expect(() => approvePolicyReview(waiting, head, "2027-03-02")).toThrow("only the Governor approves its review (burgh 13)");
    const approved = approvePolicyReview(waiting, governor, "2027-04-02");
    expect(approved.review).toMatchObject({ adopted: "2027-04", nextReviewDue: "2028-04", awaitingApproval: null });
    expect(approved.review.lastReview?.approved).toEqual({ on: "2027-04-02", by: "Colin Pryce", role: "governor" });
  });

  it("waits for the head, the attendance governor and the attendance officer each to sign (transform-trust), then counts from the last", () => {
    const officer = { name: "Tom Buckmaster", roles: ["attendance_lead"] as const };
    const waiting = recordPolicyReview(policyTemplates["transform-trust"], officer, { on: "2027-01-11", outcome: "no_changes", note: "Read against the DfE guidance" });
    const byHead = approvePolicyReview(waiting, head, "2027-01-12");
    expect(byHead.review).toMatchObject({ nextReviewDue: "2019-09", lastReview: null });
    expect(stillToSign(byHead)).toEqual(["governor", "attendance_lead"]);
    // The head has signed: a second signature as head is not one of those still owed.
    expect(() => approvePolicyReview(byHead, head, "2027-01-13")).toThrow("only the Governor or Attendance lead still signs its review (transform-trust signatures)");
    const byGovernor = approvePolicyReview(byHead, governor, "2027-01-20");
    const counted = approvePolicyReview(byGovernor, officer, "2027-02-01");
    expect(counted.review).toMatchObject({ adopted: "2027-02", nextReviewDue: "2028-02", awaitingApproval: null });
    expect(counted.review.lastReview?.signatures.map((s) => s.role)).toEqual(["headteacher", "governor", "attendance_lead"]);
    expect(counted.review.lastReview?.approved).toEqual({ on: "2027-02-01", by: "Tom Buckmaster", role: "attendance_lead" });
  });

  it("refuses an approval with nothing waiting, or where the policy asks for none", () => {
    expect(() => approvePolicyReview(policyTemplates.burgh, governor, "2027-03-02")).toThrow("no review is waiting");
    expect(() => approvePolicyReview(policyTemplates.scargill, governor, "2027-03-02")).toThrow("does not ask for its reviews to be approved");
  });
});
