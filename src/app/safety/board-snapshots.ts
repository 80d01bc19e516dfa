/**
 * Every open office board of a school shares one snapshot a second, however many
 * screens watch. A snapshot still being built is shared too, rather than started
 * again: a slow database gets one board query per school at a time, never a pile of
 * them holding the connections that check-ins need. A build that has not finished
 * after `abandonAfterMs` (a connection lost without a word) no longer holds the
 * school's boards: the next caller starts another.
 */
export function boardSnapshots(build: (schoolId: string) => Promise<string>, opts: { freshMs?: number; abandonAfterMs?: number; clock?: () => number } = {}) {
  const { freshMs = 900, abandonAfterMs = 15_000, clock = Date.now } = opts;
  const snapshots = new Map<string, { startedAt: number; done: boolean; json: Promise<string> }>();
  return (schoolId: string): Promise<string> => {
    const hit = snapshots.get(schoolId);
    const age = hit ? clock() - hit.startedAt : Infinity;
    // Fresh counts from the start, so a board that takes 150 ms to build still refreshes every second.
    if (hit && (age < freshMs || (!hit.done && age < abandonAfterMs))) return hit.json;
    const entry = { startedAt: clock(), done: false, json: build(schoolId) };
    entry.json.then(
      () => (entry.done = true),
      // A failed build is not kept: the next second tries again.
      () => {
        if (snapshots.get(schoolId) === entry) snapshots.delete(schoolId);
      },
    );
    snapshots.set(schoolId, entry);
    return entry.json;
  };
}
