/**
 * How long a phone waits before sending its queue again after the n-th failure
 * in a row: up to 2 s, 4 s, 8 s, then 15 s, and at least half of that, chosen at
 * random. A server that restarts after a crash is then met by its phones spread
 * over several seconds instead of all at once, and a short outage still clears
 * within a couple of seconds. The safety bench's phones wait the same way.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(15_000, 1_000 * 2 ** Math.max(1, failures));
  return ceiling * (0.5 + 0.5 * random());
}
