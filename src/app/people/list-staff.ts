import { eq, inArray, or } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { schools, userRoles, users } from "../../db/schema";

export async function listStaff(db: Executor, schoolId: string) {
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  const held = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(school?.trustId ? or(eq(userRoles.schoolId, schoolId), eq(userRoles.trustId, school.trustId)) : eq(userRoles.schoolId, schoolId));
  const ids = [...new Set(held.map((h) => h.userId))];
  if (ids.length === 0) return [];
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, mobile: users.mobile, disabled: users.disabled, lockedUntil: users.lockedUntil })
    .from(users)
    .where(inArray(users.id, ids));
  return people
    .map((p) => ({
      ...p,
      lockedUntil: p.lockedUntil?.toISOString() ?? null,
      roles: held.filter((h) => h.userId === p.id).map((h) => h.role).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
