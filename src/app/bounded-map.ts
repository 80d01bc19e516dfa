/**
 * `work` over `items`, at most `concurrency` at a time, answers in the items' order.
 * A school's figures wait on PostgreSQL as much as they compute, so a few at once
 * let the database's work (on another core) overlap Node's. The first failure is
 * thrown once the work already started has finished; nothing new starts after it.
 */
export async function boundedMap<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
