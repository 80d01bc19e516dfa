/**
 * Requests for the visit pages: `api()` from ../api with the page's session
 * token. A refusal is an ApiError that keeps the policy clause the server names
 * (422 bodies carry `message` and `clause`), so the page can say which rule of
 * the school's policy stopped the step.
 */
import { api, ApiError, errorText, type SessionView } from "../api";

/** The same class as ApiError (kept under this name for the visit pages). */
export const ServerError = ApiError;
export type ServerError = ApiError;

export function send<T>(session: Pick<SessionView, "csrfToken">, method: string, path: string, body?: unknown): Promise<T> {
  return api<T>(method, path, body, session.csrfToken);
}

/** The server's message in full, with its clause when the message does not already name it. */
export const explain = errorText;
