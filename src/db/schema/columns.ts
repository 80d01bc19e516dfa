import { sql } from "drizzle-orm";
import { check, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * A closed set kept by the database too: the column may hold only the domain's words
 * (and null, when `nullable`). A word added in the domain is a schema change, so
 * `npm run db:check` fails until a migration carries it.
 */
export function oneOf(name: string, column: AnyPgColumn, words: readonly string[], nullable = false) {
  const list = sql.raw(words.map((w) => `'${w.replaceAll("'", "''")}'`).join(", "));
  return check(name, nullable ? sql`${column} is null or ${column} in (${list})` : sql`${column} in (${list})`);
}
