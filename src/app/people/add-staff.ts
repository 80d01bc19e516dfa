/**
 * Adds a member of staff with their roles in one school (or trust_admin over a
 * trust). Used by `doorstep user add`, the staff page and the demo seed.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { schools, userRoles, users } from "../../db/schema";
import { Conflict, InvalidInput, NotFound } from "../../domain/errors";
import { checkPasswordStrength } from "../../domain/people/password-policy";
import { ROLES, type Role } from "../../domain/people/roles";
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

export async function addStaff(db: Database, actor: Actor, schoolId: string, input: NewStaff): Promise<{ id: string }> {
  const parsed = NewStaffSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(issue.path.join(".") || "staff", issue.message);
  }
  const staff = parsed.data;
  checkPasswordStrength(staff.password);
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "school");
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
    await audit({
      action: "staff_added",
      entity: "user",
      entityId: user!.id,
      schoolId,
      after: { email, name: staff.name, mobile: staff.mobile ?? null, roles: staff.roles },
    });
    return { id: user!.id };
  });
}

async function grant(
  tx: Parameters<Parameters<typeof writeAudited>[2]>[0],
  userId: string,
  role: Role,
  school: typeof schools.$inferSelect,
) {
  if (role === "trust_admin") {
    if (!school.trustId) throw new InvalidInput("roles", "trust_admin needs a school that belongs to a trust");
    await tx.insert(userRoles).values({ userId, role, trustId: school.trustId });
  } else {
    await tx.insert(userRoles).values({ userId, role, schoolId: school.id });
  }
}
