/**
 * PostgreSQL only: a connection lost in the middle of a request's transaction
 * (its backend terminated, as a failover or an administrator would) fails that
 * transaction and nothing else. pg emits 'error' on a checked-out client, and an
 * 'error' with no listener ends the process: the server, the board and the alerts.
 */
import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "./client";
import { rawTransaction } from "./raw-transaction";
import { openTestDatabase, testServerUrl } from "../test/test-database";

let db: DatabaseHandle;
let admin: pg.Client;

beforeAll(async () => {
  if (!testServerUrl) return;
  db = await openTestDatabase();
  admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await db?.close();
});

const terminate = (pid: number) => admin.query("select pg_terminate_backend($1)", [pid]);

it.skipIf(!testServerUrl)("a backend terminated inside a transaction fails that transaction, and the next one runs", async () => {
  const lost = db.db.transaction(async (tx) => {
    const [me] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
    await terminate(me!.pid);
    await new Promise((r) => setTimeout(r, 200));
    await tx.execute(sql`select 1`);
  });
  await expect(lost).rejects.toThrow();
  const [after] = rowsOf<{ one: number }>(await db.db.execute(sql`select 1 as one`));
  expect(after!.one).toBe(1);
});

it.skipIf(!testServerUrl)("a backend terminated during a COPY (a register import) fails the import, and the next one runs", async () => {
  const lost = rawTransaction(db, async (run) => {
    await run.query("create temp table t (n int) on commit drop");
    const { rows } = await run.query<{ pid: number }>("select pg_backend_pid() as pid");
    const source = new PassThrough();
    const copying = run.copyFrom!("copy t (n) from stdin", source);
    copying.catch(() => {}); // awaited below; as the import does, it is not left unhandled meanwhile
    source.write("1\n2\n");
    await terminate(rows[0]!.pid);
    await new Promise((r) => setTimeout(r, 200));
    source.end("3\n");
    await copying;
  });
  await expect(lost).rejects.toThrow();
  const ok = await rawTransaction(db, (run) => run.query<{ one: number }>("select 1 as one"));
  expect(ok.rows[0]!.one).toBe(1);
});
