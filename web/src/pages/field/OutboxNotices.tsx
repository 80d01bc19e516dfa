import { dismissRejected, persistent, type OutboxState } from "../../field/outbox";
import { outboxText } from "../../field/field-words";
import { clock } from "../../field/time";

/** What is still on this phone: the steps waiting for signal, a sign-in that has ended, and the steps the server refused. */
export function OutboxNotices({ outbox, userId, onSignIn }: { outbox: OutboxState; userId: string; onSignIn: () => void }) {
  const waiting = outbox.pending.length;
  return (
    <>
      <p role="status" className={`outbox-status${waiting ? " outbox-waiting" : ""}`}>
        {outboxText(waiting, outbox.sending, persistent)}
      </p>
      {outbox.signedOut && (
        <div className="error-summary" role="alert">
          <p>Your sign-in has ended, so the steps waiting cannot be sent. Phone the office, then sign in again: the steps are kept on this phone.</p>
          <button type="button" onClick={onSignIn}>
            Sign in again
          </button>
        </div>
      )}
      {outbox.rejected
        .filter((r) => r.item.userId === userId)
        .map((r) => (
          <div key={r.item.id} className="error-summary" role="alert">
            <p>
              Not recorded: &ldquo;{r.item.label}&rdquo; at {clock(r.item.queuedAt)}. {r.message}
            </p>
            <button type="button" className="secondary" onClick={() => dismissRejected(r.item.id)}>
              Dismiss
            </button>
          </div>
        ))}
    </>
  );
}
