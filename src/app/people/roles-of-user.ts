import { eq, or } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { schools, userRoles } from "../../db/schema";
import { isRole, type Role } from "../../domain/people/roles";

export interface SchoolAccess {
  schoolId: string;
  schoolName: string;
  trustId: string | null;
  roles: Role[];
}

/**
 * Every school a user may work in, with their roles there. A trust_admin role
 * held at trust level grants trust_admin in each of the trust's schools.
 */
export async function rolesOfUser(db: Executor, userId: string): Promise<SchoolAccess[]> {
  // One query (it runs on every signed-in request): each role with the school it is held in,
  // or with every school of the trust it is held at.
  const held = await db
    .select({ schoolId: schools.id, schoolName: schools.name, trustId: schools.trustId, role: userRoles.role })
    .from(userRoles)
    .innerJoin(schools, or(eq(schools.id, userRoles.schoolId), eq(schools.trustId, userRoles.trustId)))
    .where(eq(userRoles.userId, userId));
  const bySchool = new Map<string, SchoolAccess & { set: Set<Role> }>();
  for (const r of held) {
    if (!isRole(r.role)) continue;
    let s = bySchool.get(r.schoolId);
    if (!s) bySchool.set(r.schoolId, (s = { schoolId: r.schoolId, schoolName: r.schoolName, trustId: r.trustId, roles: [], set: new Set() }));
    s.set.add(r.role);
  }
  return [...bySchool.values()]
    .map(({ set, ...s }) => ({ ...s, roles: [...set].sort() }))
    .sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

export function defaultSchool(access: SchoolAccess[]): string | null {
  return access[0]?.schoolId ?? null;
}
