/** What every records form shares: an error summary (role=alert) that links to the fields, a status line (role=status), and a busy flag. */
import { createElement, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, errorText } from "../api";

export interface Problem {
  /** The id of the control at fault, to link to it. */
  id?: string | undefined;
  message: string;
}

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

/**
 * Runs a write and keeps what came of it. `fields` maps the server's field names
 * (e.g. "reviewOn") to the ids of the controls, so its errors link to them.
 */
export function useForm(fields: Record<string, string> = {}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [status, setStatus] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const fieldsKey = JSON.stringify(fields);
  const run = useCallback(
    async (work: () => Promise<ReactNode>) => {
      setBusy(true);
      setStatus(null);
      setProblems([]);
      try {
        setStatus(await work());
        return true;
      } catch (e) {
        const map = JSON.parse(fieldsKey) as Record<string, string>;
        if (e instanceof ApiError) {
          const key = e.field?.split(/[.[]/)[0];
          setProblems([{ id: e.field ? (map[e.field] ?? (key ? map[key] : undefined)) : undefined, message: errorText(e) }]);
        } else setProblems([{ message: errorText(e) }]);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [fieldsKey],
  );
  return { problems, setProblems, status, setStatus, busy, run };
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
