/** The web app's only way to the server: same origin, JSON, CSRF header on writes. */
import type { SessionView } from "../../src/contracts/session";
import type { Role } from "../../src/domain/people/roles";

/** Who is signed in and what they may do: the server's contract (src/contracts/session.ts). */
export type { Role, SessionView };

/** Whether the person may call a route: the web shows only controls that will work, and keeps no role lists. */
export function may(session: Pick<SessionView, "may">, route: string): boolean {
  return session.may.includes(route);
}

/**
 * A refusal from the server: the status, its message, and where it names them
 * the input at fault (`field`) and the clause of the school's policy that
 * refuses it (`clause`, on 422 policy refusals such as a team check).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly clause?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** No answer at all: no signal, or the server cannot be reached. What was sent may or may not have arrived. */
export class OfflineError extends Error {
  constructor(message = "No connection to Doorstep (no signal, or the server cannot be reached). Try again when there is signal.") {
    super(message);
    this.name = "OfflineError";
  }
}

/** The server's message in full, with the policy clause when the message does not already name it. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.clause && !e.message.includes(e.clause) ? `${e.message} (${e.clause})` : e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Raised on any 401: useSession asks /api/session whether the person is still signed in (a wrong code is a 401 too). */
export const SESSION_REFUSED = "doorstep:session-refused";

let csrfToken = "";
export function setCsrf(token: string) {
  csrfToken = token;
}

/** Reads an answer: its JSON, or an ApiError built from the error body (which may not be JSON: a proxy's page, say). */
export async function readAnswer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    if (res.ok) throw new ApiError(res.status, "The server's answer could not be read.");
    data = undefined;
  }
  if (!res.ok) {
    const err = (data ?? {}) as { message?: unknown; field?: unknown; clause?: unknown };
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    throw new ApiError(res.status, str(err.message) ?? `Request failed (${res.status})`, str(err.field), str(err.clause));
  }
  return data as T;
}

/**
 * An id for one action, made here (crypto.randomUUID needs a secure context;
 * getRandomValues does not, so a school serving Doorstep over plain http on its
 * own network still gets one).
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Tries after the first when the network fails or a proxy says the server is away: the same key, so the server records the write once. */
const RETRY_DELAYS_MS = [500, 2000];

/**
 * A same-origin JSON request; `token` overrides the CSRF token kept here. A write
 * carries an Idempotency-Key and is tried again with the same key if the answer
 * never arrives, so it is recorded once however often it is sent. Network
 * failures that outlast the retries throw OfflineError.
 */
export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const write = method !== "GET";
  if (write) {
    headers["x-csrf-token"] = token ?? csrfToken;
    headers["idempotency-key"] = newRequestKey();
  }
  for (let attempt = 0; ; attempt++) {
    let res: Response | null = null;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
    }
    // The session may have ended under this page (signed out elsewhere, or the account disabled): the app asks.
    if (res?.status === 401) window.dispatchEvent(new Event(SESSION_REFUSED));
    const away = res === null || (write && (res.status === 502 || res.status === 503 || res.status === 504));
    if (!away) return readAnswer<T>(res!);
    const delay = write ? RETRY_DELAYS_MS[attempt] : undefined;
    if (delay === undefined) {
      if (res) return readAnswer<T>(res);
      throw new OfflineError();
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

export const ROLE_LABELS: Record<Role, string> = {
  headteacher: "Headteacher",
  deputy_head: "Deputy headteacher",
  dsl: "Designated safeguarding lead",
  deputy_dsl: "Deputy DSL",
  attendance_lead: "Attendance lead",
  visitor: "Home visitor",
  office: "School office",
  business_manager: "School business manager",
  governor: "Governor",
  trust_admin: "Trust administrator",
};
