/**
 * A school's policy over time. Version 1 is the template the school chose; each
 * change by the headteacher is a new complete version, in force from the day it
 * was made. The list for any past day is evaluated with the version in force
 * that day.
 */
import { and, desc, eq, lte, sql, type SQL } from "drizzle-orm";
import type { Executor, Database } from "../../db/client";
import { schoolPolicies, schools } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { parsePolicyTemplate, policyTemplates, reviewStatus, isPolicyId, type PolicyTemplate } from "../../domain/policy";
import { ROLE_LABELS } from "../../domain/people/roles";
import { approvePolicyReview, recordPolicyReview, stillToSign } from "../../domain/policy/review";
import type { ReviewOutcome } from "../../domain/policy/template";
import type { StaffActor } from "../visits/planning-steps";
import type { IsoDate } from "../../domain/attendance";
import { writeAudited, type Actor, type Audit } from "../audit/write-audited";

/** The seed templates a school can start from. */
export function templateChoices(): { id: string; name: string; source: string }[] {
  return Object.values(policyTemplates).map((t) => ({ id: t.id, name: t.name, source: t.source.title }));
}

/** Version 1 applies to every day before the first change. */
const SINCE_ALWAYS = "2000-01-01";

export interface PolicyVersion {
  version: number;
  templateId: string;
  effectiveFrom: IsoDate;
  changedBy: string;
  changeNote: string | null;
  createdAt: string;
  policy: PolicyTemplate;
}

export async function adoptTemplate(tx: Executor, audit: Audit, schoolId: string, templateId: string, actor: Actor): Promise<void> {
  if (!isPolicyId(templateId)) throw new InvalidInput("policyTemplateId", `unknown policy template "${templateId}"`);
  const policy = policyTemplates[templateId];
  await tx.insert(schoolPolicies).values({ schoolId, version: 1, templateId, policy, effectiveFrom: SINCE_ALWAYS, changedBy: actor.name, changeNote: `Adopted the ${policy.name} template` });
  await audit({ action: "policy_adopted", entity: "school_policy", entityId: `${schoolId}#1`, schoolId, after: { templateId, version: 1 } });
}

function toVersion(row: typeof schoolPolicies.$inferSelect): PolicyVersion {
  return {
    version: row.version,
    templateId: row.templateId,
    effectiveFrom: row.effectiveFrom,
    changedBy: row.changedBy,
    changeNote: row.changeNote,
    createdAt: row.createdAt.toISOString(),
    policy: parsedPolicy(row),
  };
}

/**
 * Parsed policies by row. A version's row is never updated (a change is a new
 * version), so its parse can be kept: a check-in reads the policy in force, and
 * parsing the template again each time cost half a millisecond of the server's
 * one thread. The creation time in the key keeps two databases in one process
 * (tests) apart. Frozen, since every caller shares the one object.
 */
const parsedPolicies = new Map<string, PolicyTemplate>();
const PARSED_POLICIES_KEPT = 1000;

function parsedPolicy(row: Pick<typeof schoolPolicies.$inferSelect, "schoolId" | "version" | "createdAt" | "policy">): PolicyTemplate {
  const key = parsedKey(row.schoolId, row.version, row.createdAt);
  const hit = parsedPolicies.get(key);
  if (hit) return hit;
  // Stored versions were validated when saved; parse again so old rows get new defaults.
  const policy = deepFreeze(parsePolicyTemplate(row.policy));
  if (parsedPolicies.size >= PARSED_POLICIES_KEPT) parsedPolicies.delete(parsedPolicies.keys().next().value!);
  parsedPolicies.set(key, policy);
  return policy;
}

function parsedKey(schoolId: string, version: number, createdAt: Date): string {
  return `${schoolId}#${version}#${createdAt.getTime()}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A subquery for one column of the version in force for a school on a day, both
 * given as (qualified) columns of the outer query: a request that reads a visit learns which
 * policy governs it in the same statement, then `policyOfVersion` gives the
 * policy, parsed once per process.
 */
export function policyInForceSql(column: "version" | "created_at", schoolId: SQL, day: SQL): SQL {
  return sql`select ${sql.identifier(column)} from ${schoolPolicies} where ${schoolPolicies.schoolId} = ${schoolId} and ${schoolPolicies.effectiveFrom} <= ${day} order by ${schoolPolicies.effectiveFrom} desc, ${schoolPolicies.version} desc limit 1`;
}

export async function policyOfVersion(db: Executor, schoolId: string, version: number, createdAt: Date): Promise<PolicyTemplate> {
  const hit = parsedPolicies.get(parsedKey(schoolId, version, createdAt));
  if (hit) return hit;
  const [row] = await db.select().from(schoolPolicies).where(and(eq(schoolPolicies.schoolId, schoolId), eq(schoolPolicies.version, version)));
  if (!row) throw new NotFound(`version ${version} of the school's policy`, "version");
  return parsedPolicy(row);
}

export async function policyInForce(db: Executor, schoolId: string, day: IsoDate): Promise<PolicyVersion> {
  const [row] = await db
    .select()
    .from(schoolPolicies)
    .where(and(eq(schoolPolicies.schoolId, schoolId), lte(schoolPolicies.effectiveFrom, day)))
    .orderBy(desc(schoolPolicies.effectiveFrom), desc(schoolPolicies.version))
    .limit(1);
  if (row) return toVersion(row);
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "schoolId");
  throw new NotFound(`a policy in force on ${day} for ${school.name}`, "day");
}

export async function policyVersions(db: Executor, schoolId: string): Promise<PolicyVersion[]> {
  const rows = await db.select().from(schoolPolicies).where(eq(schoolPolicies.schoolId, schoolId)).orderBy(desc(schoolPolicies.version));
  return rows.map(toVersion);
}

export async function changePolicy(db: Database, actor: Actor, schoolId: string, edited: unknown, note: string, today: IsoDate): Promise<PolicyVersion> {
  return saveVersion(db, actor, schoolId, parsePolicyTemplate(edited), null, note, today);
}

/**
 * Starts the school again from another seed template (say, a school joining a
 * trust that uses Coteford's policy): a new version, in force from today, so
 * past days keep the rules they were run with.
 */
export async function switchTemplate(db: Database, actor: Actor, schoolId: string, templateId: string, note: string, today: IsoDate): Promise<PolicyVersion> {
  if (!isPolicyId(templateId)) throw new InvalidInput("templateId", `unknown policy template "${templateId}"`);
  return saveVersion(db, actor, schoolId, policyTemplates[templateId], templateId, note, today);
}

const OUTCOME_WORDS: Record<ReviewOutcome, string> = { no_changes: "no changes", amended: "amended" };

/**
 * A reviewer the policy names signs off its review (coteford 6.2, transform-trust
 * 7.2, burgh 13): a new version, in force from today, whose review date moves on
 * a cycle, or which waits for the approvers where the policy has them.
 */
export async function signOffPolicyReview(db: Database, actor: StaffActor, schoolId: string, input: { outcome: ReviewOutcome; note: string }, today: IsoDate): Promise<PolicyVersion> {
  const { policy } = await policyInForce(db, schoolId, today);
  const reviewed = recordPolicyReview(policy, actor, { on: today, outcome: input.outcome, note: input.note });
  const waiting = reviewed.review.awaitingApproval !== null;
  return saveVersion(db, actor, schoolId, reviewed, null, `Policy review (${OUTCOME_WORDS[input.outcome]})${waiting ? ", waiting for approval" : ""}: ${input.note.trim()}`, today, "policy_reviewed");
}

export async function approvePolicyReviewNow(db: Database, actor: StaffActor, schoolId: string, today: IsoDate): Promise<PolicyVersion> {
  const { policy } = await policyInForce(db, schoolId, today);
  const approved = approvePolicyReview(policy, actor, today);
  // Where each approver signs (transform-trust), a signature short of the last leaves the review waiting.
  const waiting = approved.review.awaitingApproval;
  const note = waiting ? `Policy review of ${waiting.on} signed by ${actor.name}; still to sign: ${stillToSign(approved).map((r) => ROLE_LABELS[r]).join(", ")}` : `Policy review of ${approved.review.lastReview!.on} approved`;
  return saveVersion(db, actor, schoolId, approved, null, note, today, "policy_review_approved");
}

async function saveVersion(db: Database, actor: Actor, schoolId: string, policy: PolicyTemplate, newTemplateId: string | null, note: string, today: IsoDate, action?: "policy_reviewed" | "policy_review_approved"): Promise<PolicyVersion> {
  if (!note.trim()) throw new InvalidInput("note", "say what changed and why");
  return writeAudited(db, actor, async (tx, audit) => {
    const [latest] = await tx.select().from(schoolPolicies).where(eq(schoolPolicies.schoolId, schoolId)).orderBy(desc(schoolPolicies.version)).limit(1);
    if (!latest) throw new NotFound("school policy", "schoolId");
    const version = latest.version + 1;
    const [row] = await tx
      .insert(schoolPolicies)
      .values({ schoolId, version, templateId: newTemplateId ?? latest.templateId, policy, effectiveFrom: today, changedBy: actor.name, changeNote: note.trim() })
      .returning();
    await audit({
      action: action ?? (newTemplateId ? "policy_template_switched" : "policy_changed"),
      entity: "school_policy",
      entityId: `${schoolId}#${version}`,
      schoolId,
      before: latest.policy,
      after: policy,
    });
    return toVersion(row!);
  });
}

export interface ReviewReminder {
  due: string;
  overdue: boolean;
  /** Within two months of the review month: time to start the review. */
  dueSoon: boolean;
  clause: string;
  awaitingApproval: boolean;
}

export function reviewReminder(policy: PolicyTemplate, today: IsoDate): ReviewReminder {
  const s = reviewStatus(policy, today);
  const [y, m] = s.due.split("-").map(Number) as [number, number];
  const [ty, tm] = today.split("-").map(Number) as [number, number];
  const monthsAway = (y - ty) * 12 + (m - tm);
  return { ...s, dueSoon: !s.overdue && monthsAway <= 2 };
}
