/** The web app's only way to the server: same origin, JSON, CSRF header on writes. */
export type Role =
  | "headteacher"
  | "dsl"
  | "deputy_dsl"
  | "attendance_lead"
  | "visitor"
  | "office"
  | "business_manager"
  | "governor"
  | "trust_admin";

export interface SessionView {
  user: { id: string; name: string; email: string };
  csrfToken: string;
  schoolId: string | null;
  roles: Role[];
  schools: { schoolId: string; schoolName: string; trustId: string | null; roles: Role[] }[];
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

/** A same-origin JSON request; `token` overrides the CSRF token kept here. Network failures throw OfflineError. */
export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = token ?? csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new OfflineError();
  }
  return readAnswer<T>(res);
}

export const ROLE_LABELS: Record<Role, string> = {
  headteacher: "Headteacher",
  dsl: "Designated safeguarding lead",
  deputy_dsl: "Deputy DSL",
  attendance_lead: "Attendance lead",
  visitor: "Home visitor",
  office: "School office",
  business_manager: "School business manager",
  governor: "Governor",
  trust_admin: "Trust administrator",
};
