/**
 * Every open office board of a school shares one snapshot a second, however many
 * screens watch. A snapshot still being built is shared too, and its second counts
 * from when it is done: a slow database gets one board query per school at a time,
 * never a pile of them holding the connections that check-ins need.
 */
export function boardSnapshots(build: (schoolId: string) => Promise<string>, freshMs = 900, clock: () => number = Date.now) {
  const snapshots = new Map<string, { doneAt: number | null; json: Promise<string> }>();
  return (schoolId: string): Promise<string> => {
    const hit = snapshots.get(schoolId);
    if (hit && (hit.doneAt === null || clock() - hit.doneAt < freshMs)) return hit.json;
    const entry: { doneAt: number | null; json: Promise<string> } = { doneAt: null, json: build(schoolId) };
    entry.json.then(
      () => (entry.doneAt = clock()),
      // A failed build is not kept: the next second tries again.
      () => snapshots.delete(schoolId),
    );
    snapshots.set(schoolId, entry);
    return entry.json;
  };
}
