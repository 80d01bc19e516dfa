import { eq, or } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { schools } from "../../db/schema";
import { NotFound } from "../../domain/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A school by its id or its exact name (the CLI accepts either). */
export async function findSchool(db: Executor, nameOrId: string) {
  const [school] = await db
    .select()
    .from(schools)
    .where(UUID.test(nameOrId) ? or(eq(schools.id, nameOrId), eq(schools.name, nameOrId)) : eq(schools.name, nameOrId));
  if (!school) throw new NotFound(`school "${nameOrId}"`, "school");
  return school;
}

/** The schools of a trust, by name. */
export async function schoolsOfTrust(db: Executor, trustId: string) {
  return (await db.select().from(schools).where(eq(schools.trustId, trustId))).sort((a, b) => a.name.localeCompare(b.name));
}

/** A school's name, or "" when there is no such school. */
export async function schoolNameOf(db: Executor, schoolId: string): Promise<string> {
  return (await db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId)))[0]?.name ?? "";
}
