import { useRef, type ReactNode } from "react";
import { useForm } from "../useForm";
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

/** What the visit pages say of a write: its words, and anything shown with them (a link, a letter). */
type Said = string | { text: string; extra?: ReactNode };

/**
 * The visit pages' way of showing useForm (../useForm.ts): the answer's words
 * in a status, or the failure in an error summary. `onDone` runs after a
 * success (usually a reload).
 */
export function useSubmit(onDone?: () => Promise<void> | void) {
  const form = useForm({ onDone, explain });
  const said = useRef<Said | null>(null);
  const run = <T,>(work: () => Promise<T>, ok: string | ((result: T) => Said)) =>
    form.run(work, (result) => {
      said.current = typeof ok === "function" ? ok(result) : ok;
      return typeof said.current === "string" ? said.current : said.current.text;
    });
  const shown = said.current && typeof said.current !== "string" ? said.current.extra : undefined;
  const feedback: Feedback = form.error !== null ? { kind: "error", text: form.error } : typeof form.status === "string" ? { kind: "ok", text: form.status, extra: shown } : null;
  /** A problem found before sending, shown as the server's would be. */
  const fail = (text: string) => form.fail(text);
  return { run, fail, feedback, busy: form.busy, view: <FeedbackView feedback={feedback} /> };
}
