import type { IsoDate } from "../attendance/iso-date";
import type { PolicyTemplate } from "./template";

export interface ReviewStatus {
  /** `YYYY-MM` the document is due for review. */
  due: string;
  /** The review month has passed (Transform Trust's September 2019, for instance). */
  overdue: boolean;
  clause: string;
}

/** Whether a policy is past its review date on `today`; month precision, as the documents give it. */
export function reviewStatus(policy: PolicyTemplate, today: IsoDate): ReviewStatus {
  const due = policy.review.nextReviewDue;
  return { due, overdue: today.slice(0, 7) > due, clause: policy.review.clause };
}
