/**
 * Settings for the queries that group a school's marks (the replay's reads, the
 * attendance figures): see withPlannerSettings.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "./client";

/** Carries a result out of a transaction that is rolled back. */
class Result {
  constructor(readonly rows: unknown) {}
}

/**
 * Runs a query over a school's marks with JIT, parallel workers and sorting off, and room to
 * group in memory. Its plan reads a few thousand pages but is costed as if it
 * read far more, so PostgreSQL would otherwise compile it (JIT) and start
 * workers, which take longer than the query, and sort the rows by pupil rather
 * than hash them. With the default 4 MB of `work_mem` the grouping of a
 * school's three months (120,000 marks) spills to disk, and the planner then
 * walks the index mark by mark (58,000 page visits, 197 ms at full bench size)
 * instead of reading the school's 2,000 heap pages in order (44 ms). The
 * settings are made in a transaction (a savepoint inside the caller's) that is
 * rolled back, so they never outlive the query.
 */
export async function withPlannerSettings(db: Executor, query: SQL): Promise<unknown> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('enable_sort', 'off', true), set_config('work_mem', '64MB', true)`);
      throw new Result(await tx.execute(query));
    });
  } catch (e) {
    if (e instanceof Result) return e.rows;
    throw e;
  }
  throw new Error("unreachable: the transaction always carries its result out");
}
