import type { PolicyView } from "../../../../src/contracts/policy";
import { monthYear } from "../../visits/format";
import { plural, type Policy } from "./policy-words";

/** When the policy is next due for review: a warning once it is overdue. */
export function ReviewReminder({ review, policy }: { review: PolicyView["review"]; policy: Policy }) {
  const due = monthYear(review.due);
  const cycle = policy.review.cycleMonths ? ` It is reviewed every ${plural(policy.review.cycleMonths, "month")}.` : "";
  if (review.overdue) {
    return (
      <div className="policy-review policy-review-overdue">
        <h2>Review overdue</h2>
        <p>
          <strong>Warning:</strong> this policy was due for review in {due} <span className="clause">{review.clause}</span>. Review it with the governing
          body and record the changes here.{cycle}
          {review.awaitingApproval && " A review has been recorded and is waiting for approval."}
        </p>
      </div>
    );
  }
  if (review.dueSoon) {
    return (
      <div className="policy-review notice">
        <h2>Review due soon</h2>
        <p>
          This policy is due for review in {due} <span className="clause">{review.clause}</span>: time to start the review.{cycle}
        </p>
      </div>
    );
  }
  return (
    <div className="policy-review policy-review-ok">
      <h2>Review</h2>
      <p>
        Next review due {due} <span className="clause">{review.clause}</span>.{cycle}
      </p>
    </div>
  );
}