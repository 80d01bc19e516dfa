import { eq, inArray } from "drizzle-orm";
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
  const held = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  const bySchool = new Map<string, Set<Role>>();
  const add = (schoolId: string, role: Role) => {
    const set = bySchool.get(schoolId) ?? new Set<Role>();
    set.add(role);
    bySchool.set(schoolId, set);
  };
  const trustIds = held.filter((r) => r.trustId).map((r) => r.trustId!);
  const trustSchools = trustIds.length
    ? await db.select({ id: schools.id, trustId: schools.trustId }).from(schools).where(inArray(schools.trustId, trustIds))
    : [];
  for (const r of held) {
    if (!isRole(r.role)) continue;
    if (r.schoolId) add(r.schoolId, r.role);
    if (r.trustId) for (const s of trustSchools) if (s.trustId === r.trustId) add(s.id, r.role);
  }
  if (bySchool.size === 0) return [];
  const rows = await db
    .select({ id: schools.id, name: schools.name, trustId: schools.trustId })
    .from(schools)
    .where(inArray(schools.id, [...bySchool.keys()]));
  return rows
    .map((s) => ({ schoolId: s.id, schoolName: s.name, trustId: s.trustId, roles: [...bySchool.get(s.id)!].sort() }))
    .sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

export function defaultSchool(access: SchoolAccess[]): string | null {
  return access[0]?.schoolId ?? null;
}
