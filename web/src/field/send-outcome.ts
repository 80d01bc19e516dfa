/**
 * What the outbox does with the server's answer to a queued item: sent, try
 * again later (no signal, the server failing or busy), wait for a new sign-in,
 * fetch a new CSRF token, or drop it from the queue and show the refusal. A
 * refusal by the policy (422: "went in" without a parent present, "departed"
 * without the ID card) is final: sending it again would be refused again, and
 * it would block the steps behind it.
 */
export type SendOutcome = { kind: "sent" } | { kind: "retry"; afterS?: number | undefined } | { kind: "signed_out" } | { kind: "csrf" } | { kind: "rejected"; status: number; message: string };

/** `retryAfterS`: the server's Retry-After on a 503 (the database is away), so the phone tries again when it says. */
export function sendOutcome(item: { kind: string }, status: number, body: { error?: string; message?: string }, retryAfterS?: number): SendOutcome {
  if (status >= 200 && status < 300) return { kind: "sent" };
  if (status === 401) return { kind: "signed_out" };
  if (status === 403 && body.error === "csrf") return { kind: "csrf" };
  if (status >= 500 || status === 408 || status === 429) return { kind: "retry", afterS: retryAfterS };
  // A cancellation that reached the server before the signal dropped: it is done.
  if (item.kind === "cancel" && status === 422 && /is cancelled cannot be cancelled/.test(body.message ?? "")) return { kind: "sent" };
  return { kind: "rejected", status, message: body.message ?? `Refused (${status})` };
}
