import type pg from "pg";

/**
 * Waits until `n` sessions of this database are waiting for a lock, so a test
 * can make transactions overlap. Polled from outside any transaction, which
 * would see one snapshot of pg_stat_activity.
 */
export async function untilWaitingOnLocks(pool: pg.Pool, n: number, what: string): Promise<void> {
  const waiting = async () =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0]!.n;
  for (let waited = 0; (await waiting()) < n; waited += 20) {
    if (waited > 20_000) throw new Error(`${what} never all waited`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
