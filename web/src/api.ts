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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken = "";
export function setCsrf(token: string) {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (data ?? {}) as { message?: string; field?: string };
    throw new ApiError(res.status, err.message ?? `Request failed (${res.status})`, err.field);
  }
  return data as T;
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
