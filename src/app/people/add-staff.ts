/**
 * Adds a member of staff with their roles in one school (or trust_admin over a
 * trust). Used by `doorstep user add`, the staff page and the demo seed.
 * Each role must be one the granter may grant (src/domain/people/role-grants.ts);
 * the grant is audited in every school it opens, and each of those schools'
 * heads is told that a new account can read it.
 */
import { eq } from "drizzle-orm";
import { schoolsOfTrust } from "./find-school";
import { z } from "zod";
import type { Database } from "../../db/client";
import { schools, userRoles, users } from "../../db/schema";
import { Conflict, Forbidden, InvalidInput, NotFound } from "../../domain/errors";
import { checkPasswordStrength } from "../../domain/people/password-policy";
import { ROLE_LABELS, ROLES, type Role } from "../../domain/people/roles";
import { firstRefusedGrant, isTrustRole, type Granter } from "../../domain/people/role-grants";
import { notifyRoles } from "../notify/notify-roles";
import { writeAudited, type Actor } from "../audit/write-audited";
import { hashPassword } from "../auth/passwords";

export const NewStaffSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  mobile: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, "must be a phone number")
    .optional(),
  password: z.string(),
  roles: z.array(z.enum(ROLES)).min(1),
});
export type NewStaff = z.infer<typeof NewStaffSchema>;

export async function addStaff(db: Database, actor: Actor, schoolId: string, input: NewStaff, granter: Granter): Promise<{ id: string }> {
  const parsed = NewStaffSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(issue.path.join(".") || "staff", issue.message);
  }
  const staff = parsed.data;
  const refused = firstRefusedGrant(granter, staff.roles);
  if (refused) throw new Forbidden(`roles: ${refused.reason}`, "roles");
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "school");
  checkPasswordStrength(staff.password, { email: staff.email, name: staff.name, schoolName: school.name });
  const trustWide = staff.roles.some(isTrustRole);
  if (trustWide && !school.trustId) throw new InvalidInput("roles", "trust_admin needs a school that belongs to a trust");
  const reached = trustWide ? await schoolsOfTrust(db, school.trustId!) : [school];
  const email = staff.email.trim().toLowerCase();
  const passwordHash = await hashPassword(staff.password);

  return writeAudited(db, actor, async (tx, audit) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new Conflict(`a member of staff with email ${email} already exists`, "email");
    const [user] = await tx
      .insert(users)
      .values({ email, name: staff.name, mobile: staff.mobile ?? null, passwordHash })
      .returning({ id: users.id });
    for (const role of staff.roles) await grant(tx, user!.id, role, school);
    const roleNames = staff.roles.map((r) => ROLE_LABELS[r]).join(", ");
    // Each school the account can read keeps its own record of the grant, and its head hears of it.
    for (const s of reached) {
      await audit({
        action: "staff_added",
        entity: "user",
        entityId: user!.id,
        schoolId: s.id,
        trustId: trustWide ? s.trustId : null,
        after: { email, name: staff.name, mobile: staff.mobile ?? null, roles: staff.roles, grantedAt: school.name },
      });
      await notifyRoles(tx, s.id, ["headteacher"], {
        kind: "staff_added",
        title: "A new account can read this school",
        body: `${actor.name} added ${staff.name} (${email}) as ${roleNames}${s.id === school.id ? "" : `, through ${school.name}`}.`,
        link: "/staff",
      }, actor.userId);
    }
    return { id: user!.id };
  });
}

async function grant(
  tx: Parameters<Parameters<typeof writeAudited>[2]>[0],
  userId: string,
  role: Role,
  school: typeof schools.$inferSelect,
) {
  if (isTrustRole(role)) {
    await tx.insert(userRoles).values({ userId, role, trustId: school.trustId });
  } else {
    await tx.insert(userRoles).values({ userId, role, schoolId: school.id });
  }
}
