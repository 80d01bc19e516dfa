/**
 * Opens the system of record: PGlite in a folder under DATA_DIR by default, or a
 * PostgreSQL server when DATABASE_URL is set. Both speak through the same Drizzle
 * schema and the same migrations.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";
import { appendOnlyGuard, grantAppRole, type AppendOnlyGuard } from "./app-role";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseKind = "pglite" | "postgresql";

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Database;
  /** The PostgreSQL pool when kind is postgresql (COPY and SKIP LOCKED sweeps use it directly). */
  pool?: pg.Pool;
  /**
   * Connections of its own for the safety sweeper (on PGlite, `db` itself): when
   * a restart brings every phone's queued steps at once and the request pool is
   * full, the deadlines that passed while the server was down still fire at once.
   */
  sweeperDb: Database;
  /** The connection string when kind is postgresql. */
  url?: string;
  /**
   * The owner's connection string (DATABASE_OWNER_URL), when the app's own
   * connection is a role that owns nothing: migrations run as the owner, who
   * then grants the app's role what it needs (src/db/app-role.ts).
   */
  ownerUrl?: string;
  /** The PGlite instance when kind is pglite. */
  pglite?: PGlite;
  /**
   * Opens every request connection and has each read the tables a check-in
   * touches, before the server listens (nothing to do on PGlite).
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Planning a read of each loads the table and its indexes into a new connection's caches. */
const HOT_TABLES = ["sessions", "users", "user_roles", "visits", "visit_team", "visit_events", "safety_deadlines", "safety_alerts", "school_policies", "alert_deliveries", "audit_events"];
const POOL_SIZE = 10;

export const migrationsFolder = path.resolve(import.meta.dirname, "../../drizzle");

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PostgreSQL only: the tables' owner, for migrations and grants (DATABASE_OWNER_URL). */
  ownerUrl?: string | undefined;
  dataDir?: string;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  /** Hold the data-folder lock (the server and CLI do; a clone in memory needs none). */
  lock?: boolean;
}

/**
 * A database that is restarting refuses at once, and the request is answered 503
 * (src/db/unavailable.ts). One that stops answering without refusing (a network
 * cut) must not hold requests for ever: pg waits without limit for a connection
 * by default. 5 s, not less: a restart storm (every phone replaying its queue)
 * legitimately waits a second or two for a pooled connection.
 */
const WHEN_AWAY = { connectionTimeoutMillis: 5_000, keepAlive: true } as const;

function survivesLostConnection(client: pg.PoolClient) {
  client.on("error", () => {});
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    // Connections are kept once open (min = max): after a restart, phones replay their
    // queued steps all at once, and a new connection costs PostgreSQL a process and
    // cold caches; the pool is opened and warmed before the server listens (warm).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: POOL_SIZE, min: POOL_SIZE, ...WHEN_AWAY });
    // A dropped connection must not crash the process. Idle ones report on the pool;
    // one checked out (a request's transaction, an import's COPY) reports on the
    // client, where pg leaves no listener: the query in flight fails with the error
    // anyway, and pg-pool drops the broken client when it is released.
    pool.on("error", () => {});
    pool.on("connect", survivesLostConnection);
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    // A pool connects on first use: tests and the CLI, which never sweep, open no connection for it.
    const sweeperPool = new pg.Pool({ connectionString: opts.databaseUrl, max: 2, ...WHEN_AWAY });
    sweeperPool.on("error", () => {});
    sweeperPool.on("connect", survivesLostConnection);
    const sweeperDb = drizzlePg({ client: sweeperPool, schema }) as unknown as Database;
    return {
      kind: "postgresql",
      db,
      pool,
      sweeperDb,
      url: opts.databaseUrl,
      ...(opts.ownerUrl ? { ownerUrl: opts.ownerUrl } : {}),
      warm: async () => {
        const clients = await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.connect()));
        try {
          await Promise.all(clients.map((c) => c.query(HOT_TABLES.map((t) => `select from ${t} limit 0;`).join(" "))));
        } finally {
          for (const c of clients) c.release();
        }
      },
      close: async () => {
        await Promise.all([pool.end(), sweeperPool.end()]);
      },
    };
  }
  let lock: DataDirLock | undefined;
  let client = opts.pglite;
  if (!client) {
    const dataDir = path.resolve(opts.dataDir ?? "./data");
    mkdirSync(dataDir, { recursive: true });
    if (opts.lock !== false) lock = acquireDataDirLock(dataDir);
    try {
      client = await PGlite.create(path.join(dataDir, "pglite"));
    } catch (e) {
      lock?.release();
      throw e;
    }
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const owned = client;
  return {
    kind: "pglite",
    db,
    sweeperDb: db,
    pglite: owned,
    async warm() {},
    async close() {
      await owned.close();
      lock?.release();
    },
  };
}

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  const app = await handle.pool!.connect();
  try {
    if (!handle.ownerUrl) return await migrateAsApp(app);
    // Migrations run as the owner; then the app's role is granted what the new schema needs.
    const owner = new pg.Client({ connectionString: handle.ownerUrl });
    owner.on("error", () => {});
    await owner.connect();
    try {
      await migrateLocked(owner, async () => {
        const { rows } = await app.query<{ role: string }>("select current_user as role");
        // The same role on both URLs: nothing to grant; start-up warns that only the triggers hold.
        if ((await appendOnlyGuard(app)) === "app_role") await grantAppRole(owner, rows[0]!.role);
      });
    } finally {
      await owner.end().catch(() => {});
    }
  } finally {
    app.release();
  }
}

/** Several app instances may start at once on one server: one migrates (and grants), the others wait. */
async function migrateLocked(client: pg.PoolClient | pg.Client, after?: () => Promise<void>): Promise<void> {
  await client.query("select pg_advisory_lock(7265536)");
  try {
    await migratePg(drizzlePg({ client }), { migrationsFolder });
    await after?.();
  } finally {
    await client.query("select pg_advisory_unlock(7265536)").catch(() => {});
  }
}

/**
 * One URL: the app migrates as itself, as it always has. A role that owns
 * nothing cannot (the migrator's first statement creates a schema), so it
 * starts only on a schema the owner has brought up to date, and otherwise says
 * what to set.
 */
async function migrateAsApp(app: pg.PoolClient): Promise<void> {
  const expected = readMigrationFiles({ migrationsFolder }).length;
  const applied = await app
    .query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")
    .then((r) => r.rows[0]!.n)
    .catch(() => 0);
  if (applied >= expected && (await appendOnlyGuard(app)) === "app_role") return;
  try {
    await migrateLocked(app);
  } catch (e) {
    if ((e as { code?: string }).code === "42501" || (e as { cause?: { code?: string } }).cause?.code === "42501") throw new MigrationsNeedOwner(expected - applied, e);
    throw e;
  }
}

export class MigrationsNeedOwner extends Error {
  constructor(
    readonly pending: number,
    cause: unknown,
  ) {
    super(
      `${pending} database migration(s) are not applied, and the role in DATABASE_URL may not apply them (it owns nothing, as it should). ` +
        "Set DATABASE_OWNER_URL to the owner's connection: migrations then run as the owner, and the app as DATABASE_URL's role.",
      { cause },
    );
    this.name = "MigrationsNeedOwner";
  }
}

/** How the append-only tables hold against the app's own connection (GET /api/health, the start-up warning). */
export async function appendOnlyGuardOf(handle: DatabaseHandle): Promise<AppendOnlyGuard> {
  if (handle.kind === "pglite") return "embedded";
  const client = await handle.pool!.connect();
  try {
    return await appendOnlyGuard(client);
  } finally {
    client.release();
  }
}

/** The number of migrations applied: the schema version reported by /api/health. */
export async function schemaVersion(db: Executor): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** node-postgres returns `{ rows }`, PGlite returns `{ rows }` too; normalise the typing. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
