/**
 * The family's reply page (issue 18), opened from the link or QR code on a
 * "We called today" card or a text. No sign-in: the link is the credential. It
 * shows only the school's name and the child's first name; a wrong or expired
 * link says only that the link does not work.
 */
import { useEffect, useState } from "react";
import { api } from "../api";
import { serverMessageOr, useForm } from "../useForm";
import type { ReplyLinkView } from "../../../src/contracts/texts";

export function ReplyPage({ token }: { token: string }) {
  const [view, setView] = useState<ReplyLinkView | null | "gone">(null);
  const [safe, setSafe] = useState<"yes" | "no" | "">("");
  const [reason, setReason] = useState("");
  const [returnDate, setReturnDate] = useState("");
  const [callback, setCallback] = useState("");
  const [sent, setSent] = useState(false);
  const { run, busy, error, fail } = useForm({ explain: serverMessageOr("Could not reach the school. Please try again, or phone the school.") });

  useEffect(() => {
    document.title = "Reply to the school – Doorstep";
    api<ReplyLinkView>("GET", `/api/reply/${encodeURIComponent(token)}`).then(setView, () => setView("gone"));
  }, [token]);

  if (view === null) return <main id="main" className="login"><p className="loading">Loading…</p></main>;
  if (view === "gone")
    return (
      <main id="main" className="login">
        <h1>This link does not work</h1>
        <p>It may have been mistyped, or it is more than 14 days old. Please phone the school instead.</p>
      </main>
    );
  if (sent)
    return (
      <main id="main" className="login">
        <h1>Thank you</h1>
        <p role="status" className="ok">
          {view.schoolName} has your message about {view.firstName}. Someone will be in touch if they need to.
        </p>
      </main>
    );
  return (
    <main id="main" className="login">
      <p>{view.schoolName}</p>
      <h1>Tell us about {view.firstName}</h1>
      <p>We called today because {view.firstName} was not in school. Please let us know you are all well.</p>
      {error && (
        <div className="error-summary" role="alert">
          {error}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (safe === "") {
            fail(`Say whether ${view.firstName} is safe and well.`);
            return;
          }
          void run(async () => {
            // Opened in a browser that is signed in to Doorstep (a member of staff trying it): that session's CSRF token.
            const session = await fetch("/api/session", { credentials: "same-origin" });
            const csrf = session.ok ? ((await session.json()) as { csrfToken: string }).csrfToken : undefined;
            await api("POST", `/api/reply/${encodeURIComponent(token)}`, {
              safeAndWell: safe === "yes",
              ...(reason.trim() ? { reasonAbsent: reason.trim() } : {}),
              ...(returnDate ? { returnDate } : {}),
              ...(callback.trim() ? { callbackNumber: callback.trim() } : {}),
            }, csrf);
            setSent(true);
          });
        }}
      >
        <fieldset>
          <legend>Is {view.firstName} safe and well?</legend>
          <label>
            <input type="radio" name="safe" value="yes" checked={safe === "yes"} onChange={() => setSafe("yes")} /> Yes
          </label>
          <label>
            <input type="radio" name="safe" value="no" checked={safe === "no"} onChange={() => setSafe("no")} /> No, please call me
          </label>
        </fieldset>
        <label>
          Why is {view.firstName} not in school? (optional)
          <textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label>
          When will {view.firstName} be back? (optional)
          <input type="date" value={returnDate} onChange={(e) => setReturnDate(e.target.value)} />
        </label>
        <label>
          A number we can call you back on (optional)
          <input type="tel" autoComplete="tel" value={callback} maxLength={30} onChange={(e) => setCallback(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Send to the school
        </button>
      </form>
    </main>
  );
}
