/** Test data builders: a school with staff in given roles, signed in over real HTTP. */
import type { DatabaseHandle } from "../db/client";
import { schools, trusts } from "../db/schema";
import { addStaff } from "../app/people/add-staff";
import { SYSTEM_ACTOR, writeAudited } from "../app/audit/write-audited";
import { adoptTemplate } from "../app/policy/school-policy";
import type { Role } from "../domain/people/roles";
import { TestClient } from "./http-client";

export const TEST_PASSWORD = "correct horse battery";

export async function buildSchool(h: DatabaseHandle, overrides: Partial<typeof schools.$inferInsert> = {}) {
  const [trust] = await h.db.insert(trusts).values({ name: "Test Trust" }).returning();
  const [school] = await h.db
    .insert(schools)
    .values({ name: `Test School ${Math.random().toString(36).slice(2, 7)}`, policyTemplateId: "burgh", trustId: trust!.id, ...overrides })
    .returning();
  await writeAudited(h.db, SYSTEM_ACTOR, (tx, audit) => adoptTemplate(tx, audit, school!.id, school!.policyTemplateId, SYSTEM_ACTOR));
  return school!;
}

export async function buildStaff(h: DatabaseHandle, schoolId: string, roles: Role[], email?: string) {
  const address = email ?? `${roles.join("-")}-${Math.random().toString(36).slice(2, 8)}@test.example`;
  const { id } = await addStaff(h.db, SYSTEM_ACTOR, schoolId, { email: address, name: `Test ${roles.join(" ")}`, password: TEST_PASSWORD, roles }, { kind: "operator" });
  return { id, email: address };
}

/** A school on a template with one member of staff per name, each signed in over HTTP. */
export async function schoolWithSignedInStaff<N extends string>(h: DatabaseHandle, serverUrl: string, policyTemplateId: string, people: Record<N, Role[]>) {
  const schoolId = (await buildSchool(h, { policyTemplateId })).id;
  const c = {} as Record<N, TestClient>;
  for (const [name, roles] of Object.entries(people) as [N, Role[]][]) {
    const s = await buildStaff(h, schoolId, roles);
    c[name] = new TestClient(serverUrl);
    const r = await c[name].login(s.email, TEST_PASSWORD);
    if (r.status !== 200) throw new Error(`sign-in of ${name} answered ${r.status}`);
  }
  return { c, schoolId };
}
