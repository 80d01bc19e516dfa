/**
 * On PostgreSQL the app runs as a login role that owns nothing, and the
 * migrations as the owner. A table's owner (and a superuser) may switch its
 * triggers off or drop them, so while the app connects as the owner the audit
 * trail, the visit reports and the DSL's concern notes are append-only only
 * against the app's own code, not against a bug or an attacker who gets SQL
 * through it. As a role that owns nothing, the app cannot alter a table, drop a
 * trigger or set `session_replication_role`, and it holds no UPDATE or DELETE
 * on the append-only tables at all: the database refuses twice.
 *
 * PGlite is exempt: it is one process with one built-in user and no network
 * door; whoever can reach its folder can rewrite the files whatever roles say.
 */
import type pg from "pg";
import { Forbidden, InvalidInput, NotFound } from "../domain/errors";

/** How the append-only tables are held against the app's own connection (GET /api/health). */
export type AppendOnlyGuard =
  /** PGlite: one embedded user; the triggers hold against the app's code. */
  | "embedded"
  /** The app's role owns nothing: no UPDATE/DELETE on those tables, and it cannot switch a trigger off. */
  | "app_role"
  /** The app connects as the owner or a superuser: only the triggers hold, and that role could drop them. */
  | "triggers_only";

/**
 * A role (or database) name as a quoted identifier: GRANT and CREATE ROLE take no parameters,
 * so the name is spliced in, with its quotes doubled as PostgreSQL reads them.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.length > 63 || name.includes("\0")) throw new InvalidInput("role", "a name is 1 to 63 characters");
  return `"${name.replaceAll('"', '""')}"`;
}

type Queryable = Pick<pg.ClientBase, "query">;

/**
 * The tables the database refuses to rewrite: those with a trigger calling one
 * of Doorstep's `doorstep_…_append_only` functions (drizzle/0001, 0007, 0014).
 * Read from the catalogue, so a table made append-only by a later migration
 * loses the app's UPDATE and DELETE without a list to keep in step.
 */
export async function appendOnlyTables(client: Queryable): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(
    `select distinct c.relname as table
       from pg_trigger t
       join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_proc p on p.oid = t.tgfoid
      where n.nspname = 'public' and not t.tgisinternal and p.proname like 'doorstep\\_%append\\_only'
      order by 1`,
  );
  return rows.map((r) => r.table);
}

/**
 * A role that could take the guards away: a superuser, the owner of a table
 * (ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER), or the owner of the schema
 * (DROP TABLE), directly or through a role it belongs to. On PostgreSQL 15+ the
 * `public` schema belongs to the database's owner, so the app's role must not
 * own the database either.
 */
const OWNS_SOMETHING = `coalesce((select rolsuper from pg_roles where rolname = $1), false)
  or exists (select from pg_tables where schemaname in ('public', 'drizzle') and pg_has_role($1, tableowner, 'USAGE'))
  or exists (select from pg_namespace where nspname in ('public', 'drizzle') and pg_has_role($1, nspowner, 'USAGE'))`;

async function ownsSomething(client: Queryable, role: string): Promise<boolean> {
  const { rows } = await client.query<{ owner: boolean }>(`select ${OWNS_SOMETHING} as owner`, [role]);
  return rows[0]?.owner === true;
}

/** How the append-only tables hold against the role this connection runs as. */
export async function appendOnlyGuard(client: Queryable): Promise<Exclude<AppendOnlyGuard, "embedded">> {
  const { rows } = await client.query<{ role: string }>("select current_user as role");
  return (await ownsSomething(client, rows[0]!.role)) ? "triggers_only" : "app_role";
}

/**
 * Gives the app's role exactly what it needs, and takes away anything else it
 * was given on Doorstep's tables: SELECT, INSERT, UPDATE, DELETE on every table,
 * no UPDATE or DELETE on the append-only ones, no TRUNCATE, TRIGGER or
 * REFERENCES anywhere; USAGE on the sequences; temporary tables (a register
 * import stages its file in one); reading the migrations table (the schema
 * version /api/health reports). Idempotent; run by the owner after every
 * migration, since a new table has no grants. One transaction: the app never
 * sees a table with its grants half applied.
 */
export async function grantAppRole(owner: Queryable, role: string): Promise<{ appendOnly: string[] }> {
  const r = quoteIdent(role);
  const { rows } = await owner.query<{ n: number }>("select count(*)::int as n from pg_roles where rolname = $1", [role]);
  if (rows[0]!.n === 0) throw new NotFound(`database role "${role}"`, "role");
  // Revoking an owner's privileges would lock it out of its own tables; and such a role is no guard.
  if (await ownsSomething(owner, role)) throw new InvalidInput("role", `"${role}" owns Doorstep's tables, their schema or the database (or is a superuser): the app's role must own nothing`);
  const appendOnly = await appendOnlyTables(owner);
  const { rows: db } = await owner.query<{ name: string }>("select current_database() as name");
  const database = quoteIdent(db[0]!.name);
  await owner.query("begin");
  try {
    await owner.query(`revoke all on all tables in schema public from ${r}`);
    await owner.query(`revoke all on all sequences in schema public from ${r}`);
    await owner.query(`grant connect, temporary on database ${database} to ${r}`);
    await owner.query(`grant usage on schema public to ${r}`);
    await owner.query(`grant select, insert, update, delete on all tables in schema public to ${r}`);
    if (appendOnly.length > 0) await owner.query(`revoke update, delete on ${appendOnly.map((t) => `public."${t}"`).join(", ")} from ${r}`);
    await owner.query(`grant usage on all sequences in schema public to ${r}`);
    await owner.query(`grant usage on schema drizzle to ${r}`);
    await owner.query(`revoke all on all tables in schema drizzle from ${r}`);
    await owner.query(`grant select on all tables in schema drizzle to ${r}`);
    await owner.query("commit");
  } catch (e) {
    await owner.query("rollback").catch(() => {});
    throw e;
  }
  return { appendOnly };
}

/**
 * `doorstep db grant-app-role`: makes the login role if it is not there (owning
 * nothing, creating nothing), sets its password when one is given, then grants.
 */
export async function createAppRole(owner: Queryable, role: string, password: string | undefined): Promise<{ created: boolean; appendOnly: string[] }> {
  const r = quoteIdent(role);
  const { rows } = await owner.query<{ n: number }>("select count(*)::int as n from pg_roles where rolname = $1", [role]);
  const created = rows[0]!.n === 0;
  try {
    if (created) await owner.query(`create role ${r} login nosuperuser nocreatedb nocreaterole noinherit nobypassrls`);
    if (password !== undefined) {
      // ALTER ROLE takes no parameters; the password goes in as a literal the server itself quotes.
      const { rows: lit } = await owner.query<{ q: string }>("select quote_literal($1) as q", [password]);
      await owner.query(`alter role ${r} with login password ${lit[0]!.q}`);
    }
  } catch (e) {
    // A tables' owner that is not a superuser usually may not make roles (CREATEROLE), and need not.
    if ((e as { code?: string }).code === "42501") {
      throw new Forbidden(`this owner may not create the role or set its password (that needs CREATEROLE): create it as a superuser (createuser --pwprompt ${role}), then run this again without DOORSTEP_APP_PASSWORD`, "role");
    }
    throw e;
  }
  return { created, ...(await grantAppRole(owner, role)) };
}
