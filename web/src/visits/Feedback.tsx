import { useState, type ReactNode } from "react";
import { explain } from "./request";

export type Feedback = { kind: "ok" | "error"; text: string; extra?: ReactNode } | null;

/** An error summary (role=alert) or a status message (role=status) next to a form. */
export function FeedbackView({ feedback, title = "There is a problem" }: { feedback: Feedback; title?: string }) {
  if (!feedback) return null;
  if (feedback.kind === "error")
    return (
      <div role="alert" className="error-summary visit-error">
        <p className="visit-error-title">{title}</p>
        <p>{feedback.text}</p>
        {feedback.extra}
      </div>
    );
  return (
    <div role="status" className="ok">
      <p>{feedback.text}</p>
      {feedback.extra}
    </div>
  );
}

/** Runs a request and shows what came of it. `onDone` runs after a success (usually a reload). */
export function useSubmit(onDone?: () => Promise<void> | void) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T,>(work: () => Promise<T>, ok: string | ((result: T) => string | { text: string; extra?: ReactNode })) => {
    setBusy(true);
    try {
      const result = await work();
      const said = typeof ok === "function" ? ok(result) : ok;
      setFeedback(typeof said === "string" ? { kind: "ok", text: said } : { kind: "ok", ...said });
      await onDone?.();
      return result;
    } catch (e) {
      setFeedback({ kind: "error", text: explain(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, feedback, setFeedback, busy, view: <FeedbackView feedback={feedback} /> };
}
