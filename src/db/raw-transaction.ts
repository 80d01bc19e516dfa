/**
 * Bulk work (register imports of millions of marks) below the ORM: one
 * transaction on either database, with COPY where the server has it.
 */
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { drizzle } from "drizzle-orm/node-postgres";
import type { Database, DatabaseHandle, Executor } from "./client";
import * as schema from "./schema";

export interface RawRunner {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; affected: number }>;
  /** COPY … FROM STDIN on PostgreSQL; undefined on PGlite. */
  copyFrom?: (copySql: string, source: Readable) => Promise<void>;
  /** The ORM on this transaction's own connection (PostgreSQL): work written through Drizzle that must commit with the bulk work. */
  orm?: () => Executor;
}

export async function rawTransaction<T>(h: DatabaseHandle, work: (run: RawRunner) => Promise<T>): Promise<T> {
  if (h.kind === "postgresql") {
    const client = await h.pool!.connect();
    let orm: Executor | undefined;
    const run: RawRunner = {
      orm: () => (orm ??= drizzle({ client, schema }) as unknown as Database),
      async query(text, params) {
        const r = await client.query(text, params as unknown[]);
        return { rows: r.rows, affected: r.rowCount ?? 0 };
      },
      copyFrom: (copySql, source) => {
        const sink = client.query(copyFrom(copySql));
        // A lost connection can report on the COPY stream after the pipeline has settled
        // (the import already failed with it): that second report must not end the process.
        sink.on("error", () => {});
        return pipeline(source, sink);
      },
    };
    try {
      await client.query("begin");
      const result = await work(run);
      await client.query("commit");
      return result;
    } catch (e) {
      await client.query("rollback").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
  return h.pglite!.transaction(async (tx) =>
    work({
      async query(text, params) {
        const r = await tx.query(text, params as unknown[]);
        return { rows: r.rows as never[], affected: r.affectedRows ?? 0 };
      },
    }),
  );
}
