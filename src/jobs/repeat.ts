/**
 * The loop behind every background job (the safety sweeper, the alert sender,
 * the daily lists): run now, then every `everyMs`, never two rounds at once in
 * one process. `kick()` asks for a round now; if one is running, another follows
 * it, so work queued during a round is not left for the next tick. A failed
 * round is logged and the loop goes on: the next tick tries again.
 */
export interface Repeating {
  kick: () => void;
  stop: () => void;
}

export function repeatEvery(
  everyMs: number,
  round: () => Promise<void>,
  onError: (e: Error) => void,
  options: { unref?: boolean } = {},
): Repeating {
  let running = false;
  let again = false;
  let stopped = false;
  const tick = async (kicked: boolean) => {
    if (stopped) return;
    if (running) {
      again ||= kicked;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        try {
          await round();
        } catch (e) {
          onError(e as Error);
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  void tick(false);
  const timer = setInterval(() => void tick(false), everyMs);
  if (options.unref) timer.unref();
  return {
    kick: () => void tick(true),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
