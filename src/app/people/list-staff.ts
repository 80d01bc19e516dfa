import { eq, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { loginThrottle, schools, secondFactors, userRoles, users } from "../../db/schema";

export async function listStaff(db: Executor, schoolId: string) {
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  const held = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(school?.trustId ? or(eq(userRoles.schoolId, schoolId), eq(userRoles.trustId, school.trustId)) : eq(userRoles.schoolId, schoolId));
  const ids = [...new Set(held.map((h) => h.userId))];
  if (ids.length === 0) return [];
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      mobile: users.mobile,
      disabled: users.disabled,
      // The latest lock on the account: its password from any network (login.ts), or its second step.
      lockedUntil: sql<Date | string | null>`greatest(${users.lockedUntil}, ${secondFactors.lockedUntil},
        (select max(${loginThrottle.lockedUntil}) from ${loginThrottle} where ${loginThrottle.email} = ${users.email}))`,
      secondFactorSetUp: sql<boolean>`${secondFactors.confirmedAt} is not null`,
    })
    .from(users)
    .leftJoin(secondFactors, eq(secondFactors.userId, users.id))
    .where(inArray(users.id, ids));
  return people
    .map((p) => ({
      ...p,
      lockedUntil: p.lockedUntil === null ? null : new Date(p.lockedUntil).toISOString(),
      roles: held.filter((h) => h.userId === p.id).map((h) => h.role).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
