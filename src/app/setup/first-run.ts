/**
 * A machine's first real school: the trust, the school on one of the seed
 * policies, and its first headteacher, in one transaction. Until it exists the
 * server offers a one-time setup (the CLI's `doorstep setup`, or the /setup page
 * with the code printed at start-up); once it exists the demo school's published
 * logins stop working, unless the machine is marked as a demo (DEMO_MACHINE).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database, type Executor } from "../../db/client";
import { schools, serverSettings, sessions, trusts, userRoles, users } from "../../db/schema";
import { Conflict, Forbidden, InvalidInput } from "../../domain/errors";
import { SYSTEM_ACTOR, writeAudited } from "../audit/write-audited";
import { checkPasswordStrength } from "../../domain/people/password-policy";
import { hashPassword } from "../auth/passwords";
import { adoptTemplate, templateChoices } from "../policy/school-policy";

export const FirstSchoolSchema = z.object({
  trustName: z.string().trim().min(2).max(200),
  schoolName: z.string().trim().min(2).max(200),
  urn: z.string().trim().regex(/^\d{6,7}$/, "a URN is 6 or 7 digits").optional(),
  policyTemplateId: z.string().min(1).max(50),
  phone: z.string().trim().max(40).optional(),
  email: z.email().max(254).optional(),
  address: z.string().trim().max(300).optional(),
  head: z.object({
    name: z.string().trim().min(2).max(200),
    email: z.email().max(254),
    mobile: z.string().trim().max(40).optional(),
    password: z.string().min(1).max(200),
  }),
});
export type FirstSchool = z.infer<typeof FirstSchoolSchema>;

/** Whether a real (not demo) school exists yet. */
export async function hasRealSchool(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: schools.id }).from(schools).where(eq(schools.demo, false)).limit(1);
  return row !== undefined;
}

export async function createFirstSchool(db: Database, input: FirstSchool): Promise<{ trustId: string; schoolId: string; headId: string }> {
  const parsed = FirstSchoolSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(issue.path.join(".") || "setup", issue.message);
  }
  const v = parsed.data;
  if (!templateChoices().some((t) => t.id === v.policyTemplateId)) {
    throw new InvalidInput("policyTemplateId", `is not a policy template; choose one of ${templateChoices().map((t) => t.id).join(", ")}`);
  }
  if (await hasRealSchool(db)) throw new Conflict("setup: this machine already has a school; add more from the Trust page or `doorstep` commands", "setup");
  checkPasswordStrength(v.head.password, { email: v.head.email, name: v.head.name, schoolName: v.schoolName }, "head.password");
  const headEmail = v.head.email.trim().toLowerCase();
  const passwordHash = await hashPassword(v.head.password);
  return writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
    // Two setups at once: the second finds the first's school and stops.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('doorstep:first-run'))`);
    if (await hasRealSchool(tx)) throw new Conflict("setup: this machine already has a school", "setup");
    const [trust] = await tx.insert(trusts).values({ name: v.trustName }).returning();
    const [school] = await tx
      .insert(schools)
      .values({ trustId: trust!.id, name: v.schoolName, urn: v.urn ?? null, policyTemplateId: v.policyTemplateId, phone: v.phone ?? null, email: v.email ?? null, address: v.address ?? null })
      .returning();
    await audit({ action: "trust_created", entity: "trust", entityId: trust!.id, trustId: trust!.id, after: trust });
    await audit({ action: "school_created", entity: "school", entityId: school!.id, schoolId: school!.id, after: school });
    await adoptTemplate(tx, audit, school!.id, v.policyTemplateId, SYSTEM_ACTOR);
    await tx.delete(serverSettings).where(eq(serverSettings.key, SETUP_CODE_KEY));
    // The head in the same transaction: a machine never holds a school without one.
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, headEmail));
    if (taken) throw new Conflict(`a member of staff with email ${headEmail} already exists`, "head.email");
    const [head] = await tx.insert(users).values({ email: headEmail, name: v.head.name, mobile: v.head.mobile ?? null, passwordHash }).returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: head!.id, role: "headteacher", schoolId: school!.id });
    await audit({ action: "staff_added", entity: "user", entityId: head!.id, schoolId: school!.id, after: { email: headEmail, name: v.head.name, roles: ["headteacher"], by: "first-run setup" } });
    // Whoever was signed in with a published demo password is signed out.
    const demoUsers = await demoAccountIds(tx);
    if (demoUsers.length) await tx.delete(sessions).where(inArray(sessions.userId, demoUsers));
    return { trustId: trust!.id, schoolId: school!.id, headId: head!.id };
  });
}

/** Accounts whose every role is in a demo school (or a trust of demo schools only). */
async function demoAccountIds(db: Executor): Promise<string[]> {
  const rows = await db.execute<{ user_id: string }>(sql`
    select ur.user_id from user_roles ur
    left join schools s on s.id = ur.school_id or s.trust_id = ur.trust_id
    group by ur.user_id
    having bool_and(coalesce(s.demo, false))`);
  return rowsOf<{ user_id: string }>(rows).map((r) => r.user_id);
}

/** Whether this account may sign in: demo accounts only while no real school exists, or on a demo machine. */
export async function demoAccountRetired(db: Executor, userId: string, demoMachine: boolean): Promise<boolean> {
  if (demoMachine) return false;
  if (!(await hasRealSchool(db))) return false;
  return (await demoAccountIds(db)).includes(userId);
}

const SETUP_CODE_KEY = "setup_code";
const digest = (code: string) => createHash("sha256").update(code).digest("hex");

/**
 * The one-time code for the setup page, made at start-up while no real school
 * exists and printed on the server's console: whoever reaches the page first
 * cannot claim the machine without it. Kept (hashed) in the database, so every
 * instance on one PostgreSQL accepts the same code.
 */
export async function issueSetupCode(db: Database): Promise<string | null> {
  if (await hasRealSchool(db)) return null;
  const code = randomBytes(9).toString("base64url");
  await db
    .insert(serverSettings)
    .values({ key: SETUP_CODE_KEY, value: { sha256: digest(code) } })
    .onConflictDoUpdate({ target: serverSettings.key, set: { value: { sha256: digest(code) } } });
  return code;
}

export async function checkSetupCode(db: Executor, code: string): Promise<void> {
  const [row] = await db.select().from(serverSettings).where(eq(serverSettings.key, SETUP_CODE_KEY));
  const want = (row?.value as { sha256?: string } | undefined)?.sha256;
  const got = Buffer.from(digest(code));
  if (!want || !timingSafeEqual(Buffer.from(want), got)) throw new Forbidden("setupCode: not the code printed when the server started", "setupCode");
}
