/**
 * The one way a page submits: `useForm` runs a write, keeps a busy flag while it
 * runs, and keeps what came of it (a status, or the problem linked to the
 * control at fault). What a page shows of it is the page's own (records/forms.tsx
 * has the error summary and status line; visits/Feedback.tsx the visit pages').
 */
import { useCallback, useRef, useState, type ReactNode } from "react";
import { ApiError, errorText } from "./api";

export interface Problem {
  /** The id of the control at fault, to link to it. */
  id?: string | undefined;
  message: string;
}

export interface FormOptions {
  /** The server's field names (e.g. "reviewOn") mapped to the ids of the controls, so its errors link to them. */
  fields?: Record<string, string>;
  /** The words for a failure (errorText unless the page words them its own way). */
  explain?: (e: unknown) => string;
  /** Runs after a success (usually a reload); if it fails, its failure is shown instead. */
  onDone?: () => unknown;
}

export interface FormState {
  problems: Problem[];
  status: ReactNode;
  busy: boolean;
}

/** What to say on success: words, or words made from the answer. Left out, the answer itself is the status. */
export type Said<T> = ReactNode | ((result: T) => ReactNode);

/** The problem a failure makes: the server's field (or the field its path starts with, "children[0]" → "children") linked to its control. */
export function problemOf(e: unknown, fields: Record<string, string> = {}, explain: (e: unknown) => string = errorText): Problem {
  const message = explain(e);
  if (!(e instanceof ApiError) || !e.field) return { message };
  const key = e.field.split(/[.[]/)[0];
  return { id: fields[e.field] ?? (key ? fields[key] : undefined), message };
}

/** The server's own message, or `fallback` when there was no answer (sign-in pages word it their way). */
export function serverMessageOr(fallback: string): (e: unknown) => string {
  return (e) => (e instanceof ApiError ? e.message : fallback);
}

/** The hook's logic without React: reports each change of state through `report`; true when the write succeeded. */
export async function submit<T>(work: () => Promise<T>, said: Said<T> | undefined, options: FormOptions, report: (change: Partial<FormState>) => void): Promise<boolean> {
  report({ busy: true, status: null, problems: [] });
  try {
    const result = await work();
    report({ status: said === undefined ? (result as ReactNode) : typeof said === "function" ? said(result) : said });
    await options.onDone?.();
    return true;
  } catch (e) {
    report({ status: null, problems: [problemOf(e, options.fields, options.explain)] });
    return false;
  } finally {
    report({ busy: false });
  }
}

export interface Run {
  /** Runs the write; what it answers is the status. */
  (work: () => Promise<ReactNode | void>): Promise<boolean>;
  /** Runs the write and says `said` when it succeeds; `explain` words this write's failure its own way. */
  <T>(work: () => Promise<T>, said: Said<T> | undefined, explain?: (e: unknown) => string): Promise<boolean>;
}

const IDLE: FormState = { problems: [], status: null, busy: false };

export function useForm(options: FormOptions = {}) {
  const [state, setState] = useState<FormState>(IDLE);
  const latest = useRef(options);
  latest.current = options;
  const run = useCallback(
    <T>(work: () => Promise<T>, said?: Said<T>, explain?: (e: unknown) => string) =>
      submit(work, said, explain ? { ...latest.current, explain } : latest.current, (change) => setState((s) => ({ ...s, ...change }))),
    [],
  ) as Run;
  /** A problem found before sending (a field left empty): shown as the server's would be. */
  const fail = useCallback((message: string, id?: string) => setState((s) => ({ ...s, status: null, problems: [{ id, message }] })), []);
  const setProblems = useCallback((problems: Problem[]) => setState((s) => ({ ...s, problems })), []);
  const setStatus = useCallback((status: ReactNode) => setState((s) => ({ ...s, status })), []);
  /** The failure's words, if the last write failed. */
  const error = state.problems[0]?.message ?? null;
  return { ...state, error, run, fail, setProblems, setStatus };
}

export type Form = ReturnType<typeof useForm>;
