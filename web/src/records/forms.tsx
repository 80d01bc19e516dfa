/** What every records form shows of its useForm (../useForm.ts): an error summary (role=alert) that links to the fields, and a status line (role=status). */
import { createElement, useEffect, useRef, type ReactNode } from "react";
import type { Form, Problem } from "../useForm";

export type { Problem };

export function ErrorSummary({ problems }: { problems: Problem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length) ref.current?.focus();
  }, [problems]);
  if (!problems.length) return null;
  return (
    <div className="error-summary rec-error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="rec-error-title">There is a problem</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {p.id ? (
              <a
                href={`#${p.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(p.id!)?.focus();
                }}
              >
                {p.message}
              </a>
            ) : (
              p.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A live region that is always in the page, so what appears in it is announced. */
export function Status({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="rec-status">
      {children ? <p className="ok">{children}</p> : null}
    </div>
  );
}

/** A heading whose level depends on where the component is mounted. */
export function H({ level, children, id, className }: { level: number; children: ReactNode; id?: string; className?: string }) {
  const n = Math.min(6, Math.max(1, level));
  return createElement(`h${n}`, { id, className }, children);
}

/** A "when it happened" field: required, a real time, and not in the future (the server allows five minutes of clock drift). */
export function whenProblem(when: string, id: string): Problem | null {
  const at = new Date(when);
  if (!when || Number.isNaN(at.getTime())) return { id, message: "Enter when it happened" };
  if (at.getTime() > Date.now() + 5 * 60_000) return { id, message: "When it happened cannot be in the future" };
  return null;
}

/** One line for a small form: its failure (role=alert) or what it did (role=status). */
export function FormMessage({ form, as: Tag = "p" }: { form: Pick<Form, "error" | "status">; as?: "p" | "span" }) {
  if (form.error)
    return (
      <Tag role="alert" className="error-summary">
        {form.error}
      </Tag>
    );
  return form.status ? (
    <Tag role="status" className="ok">
      {form.status}
    </Tag>
  ) : null;
}
