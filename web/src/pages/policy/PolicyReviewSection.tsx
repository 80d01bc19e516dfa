/**
 * Who reviews the policy and who approves the review, as the policy says
 * (coteford 6.1-6.2, transform-trust 7.1-7.2, burgh 13), with the last review and
 * the sign-off for those the policy names.
 */
import { useState, type FormEvent } from "react";
import { api, may, ROLE_LABELS, type Role, type SessionView } from "../../api";
import { useForm } from "../../useForm";
import type { PolicyTemplate } from "../../../../src/domain/policy/template";

/** The review provisions of the policy in force (src/domain/policy/template.ts), as GET /api/policy sends them. */
type Review = PolicyTemplate["review"];
type ReviewDuty = Review["reviewers"];
type PolicyReviewRecord = NonNullable<Review["lastReview"]>;
type PolicyReviewFields = Pick<Review, "reviewers" | "approvers" | "lastReview" | "awaitingApproval">;

const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const who = (roles: readonly Role[], each?: boolean) => {
  const names = roles.map((r) => ROLE_LABELS[r]);
  return each && names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}, each signing` : names.join(" or ");
};
const OUTCOME: Record<PolicyReviewRecord["outcome"], string> = { no_changes: "no changes", amended: "amended" };

function holds(session: SessionView, duty: ReviewDuty | null | undefined): boolean {
  return !!duty && duty.roles.some((r) => session.roles.includes(r));
}

export function PolicyReviewSection({ review, session, onSaved }: { review: PolicyReviewFields; session: SessionView; onSaved: (message: string) => Promise<void> }) {
  const [outcome, setOutcome] = useState<PolicyReviewRecord["outcome"]>("no_changes");
  const [note, setNote] = useState("");
  const { run, busy, error, problems } = useForm({ fields: { note: "review-note" } });
  const { reviewers, approvers, lastReview, awaitingApproval } = review;
  const mayReview = holds(session, reviewers) && may(session, "POST /api/policy/review") && !awaitingApproval;
  // Where each approver signs, the roles that have signed are done (transform-trust: head, attendance governor, attendance officer).
  const signed = awaitingApproval?.signatures ?? [];
  const toSign = approvers ? (approvers.each ? approvers.roles.filter((r) => !signed.some((s) => s.role === r)) : approvers.roles) : [];
  const mayApprove = !!awaitingApproval && toSign.some((r) => session.roles.includes(r)) && may(session, "POST /api/policy/review/approve");

  const send = (path: string, body: unknown, done: string) =>
    run(async () => {
      await api("POST", path, body);
      setNote("");
      await onSaved(done);
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send("/api/policy/review", { outcome, note }, approvers ? "Review recorded: it now waits for approval." : "Review signed off: the next review date has moved on.");
  };

  return (
    <section aria-labelledby="policy-review-heading" className="policy-review-duty">
      <h2 id="policy-review-heading">Who reviews this policy</h2>
      <dl className="facts">
        {reviewers && (
          <>
            <dt>Reviewed by</dt>
            <dd>
              The {who(reviewers.roles)} <span className="clause">{reviewers.clause}</span>
              {reviewers.note && <span className="policy-note">{reviewers.note}</span>}
            </dd>
          </>
        )}
        <dt>Approved by</dt>
        <dd>
          {approvers ? (
            <>
              The {who(approvers.roles, approvers.each)} <span className="clause">{approvers.clause}</span>
              {approvers.note && <span className="policy-note">{approvers.note}</span>}
            </>
          ) : (
            <span className="muted">The policy asks for no approval beyond the reviewer's.</span>
          )}
        </dd>
        <dt>Last review</dt>
        <dd>
          {lastReview ? (
            <>
              {longDate(lastReview.on)}, by {lastReview.by} ({ROLE_LABELS[lastReview.role]}): {OUTCOME[lastReview.outcome]}. {lastReview.note}
              {lastReview.approved && ` Approved ${longDate(lastReview.approved.on)} by ${lastReview.approved.by} (${ROLE_LABELS[lastReview.approved.role]}).`}
            </>
          ) : (
            <span className="muted">None recorded in Doorstep yet.</span>
          )}
        </dd>
        {awaitingApproval && (
          <>
            <dt>Waiting for approval</dt>
            <dd>
              Reviewed {longDate(awaitingApproval.on)} by {awaitingApproval.by} ({ROLE_LABELS[awaitingApproval.role]}): {OUTCOME[awaitingApproval.outcome]}. {awaitingApproval.note}
              {signed.map((s) => ` Signed ${longDate(s.on)} by ${s.by} (${ROLE_LABELS[s.role]}).`).join("")}
              {approvers?.each && toSign.length > 0 && ` Still to sign: the ${who(toSign, true).replace(", each signing", "")}.`}
            </dd>
          </>
        )}
      </dl>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {mayApprove && (
        <button type="button" disabled={busy} onClick={() => void send("/api/policy/review/approve", undefined, approvers?.each && toSign.length > 1 ? "Signed: the review waits for the others to sign." : "Review approved: the next review date has moved on.")}>
          {approvers?.each ? "Sign the review" : "Approve the review"}
        </button>
      )}
      {mayReview && (
        <form onSubmit={submit} aria-label="Sign off the review">
          <fieldset>
            <legend>Outcome of the review</legend>
            <label>
              <input type="radio" name="review-outcome" checked={outcome === "no_changes"} onChange={() => setOutcome("no_changes")} /> No changes needed
            </label>
            <label>
              <input type="radio" name="review-outcome" checked={outcome === "amended"} onChange={() => setOutcome("amended")} /> Amended (record the changes above first)
            </label>
          </fieldset>
          <label htmlFor="review-note">What the review looked at and found</label>
          <textarea id="review-note" value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={problems[0]?.id === "review-note" || undefined} rows={3} />
          <button type="submit" disabled={busy}>
            Sign off the review
          </button>
        </form>
      )}
    </section>
  );
}
