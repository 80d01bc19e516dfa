/**
 * How long a phone waits before sending its queue again after the n-th failure
 * in a row: up to 2 s, 4 s, 8 s, then 15 s, and at least half of that, chosen at
 * random. A server that restarts after a crash is then met by its phones spread
 * over several seconds instead of all at once, and a short outage still clears
 * within a couple of seconds. The safety bench's phones wait the same way.
 *
 * A server that answered but asked for a retry after a few seconds (503 with
 * Retry-After: its database is restarting) is asked again then, 1 to 1.5 times
 * that, not after the growing wait: the steps are saved within seconds of the
 * database's return instead of up to 15 s after it.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random, retryAfterS?: number): number {
  const ceiling = Math.min(15_000, 1_000 * 2 ** Math.max(1, failures));
  const r = random();
  const backoff = ceiling * (0.5 + 0.5 * r);
  if (retryAfterS === undefined || !(retryAfterS > 0)) return backoff;
  return Math.min(backoff, retryAfterS * 1_000 * (1 + 0.5 * r));
}

/** Retry-After in seconds (the delay form; an HTTP date is ignored). */
export function retryAfterSeconds(header: string | null): number | undefined {
  return header !== null && /^\d{1,4}$/.test(header.trim()) ? Number(header.trim()) : undefined;
}
