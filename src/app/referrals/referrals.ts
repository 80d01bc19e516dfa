/**
 * The steps beyond the school, each with who decided, when and the outcome.
 * An engine action leaves the Today list once a referral answering it is
 * recorded for the current episode.
 */
import { and, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { pupils, referrals } from "../../db/schema";
import { ACTION_KINDS, type Action } from "../../domain/attendance";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { NotFound } from "../../domain/errors";
import { writeAudited } from "../audit/write-audited";
import { londonDate } from "../clock";
import type { StaffActor } from "../visits/planning-steps";
import { schoolDate } from "../../domain/attendance/school-date";
import { REFERRAL_FOR_ACTION, REFERRAL_KINDS, type ReferralKind } from "../../domain/records/referral-kinds";
import { assertMayOpenReferral } from "../../domain/records/referral-deciders";
import { policyInForce } from "../policy/school-policy";
import { latestReferences } from "../safeguarding/external-references";

export { REFERRAL_KINDS, type ReferralKind } from "../../domain/records/referral-kinds";


export const OpenReferralSchema = z.object({
  pupilId: z.uuid(),
  kind: z.enum(REFERRAL_KINDS),
  fromAction: z.enum(ACTION_KINDS).optional(),
  rule: z.string().max(200).optional(),
  reason: z.string().trim().min(1).max(4000),
  openedOn: schoolDate().optional(),
});

export async function openReferral(db: Database, actor: StaffActor, schoolId: string, input: z.infer<typeof OpenReferralSchema>, now: Date) {
  const [p] = await db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.id, input.pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const openedOn = input.openedOn ?? londonDate(now);
  const { policy } = await policyInForce(db, schoolId, openedOn);
  assertMayOpenReferral(policy, input.kind, actor.roles);
  return writeAudited(db, actor, async (tx, audit) => {
    const [row] = await tx
      .insert(referrals)
      .values({ schoolId, pupilId: input.pupilId, kind: input.kind, fromAction: input.fromAction ?? null, rule: input.rule ?? null, openedOn, decidedBy: actor.userId, decidedName: actor.name, reason: input.reason })
      .returning();
    await audit({ action: "referral_opened", entity: "referral", entityId: row!.id, schoolId, after: row });
    return { id: row!.id };
  });
}

export const ReferralOutcomeSchema = z.object({ status: z.enum(["open", "submitted", "closed"]), outcome: z.string().trim().max(4000).optional(), outcomeOn: schoolDate().optional() });

export async function recordReferralOutcome(db: Database, actor: StaffActor, schoolId: string, referralId: string, input: z.infer<typeof ReferralOutcomeSchema>) {
  return writeAudited(db, actor, async (tx, audit) => {
    const [before] = await tx.select().from(referrals).where(and(eq(referrals.id, referralId), eq(referrals.schoolId, schoolId)));
    if (!before) throw new NotFound("referral", "referralId");
    // Its progress and outcome are decided by whoever may open it (burgh 5, Appendix A).
    assertMayOpenReferral((await policyInForce(tx, schoolId, before.openedOn)).policy, before.kind as ReferralKind, actor.roles);
    const [row] = await tx.update(referrals).set({ status: input.status, outcome: input.outcome ?? before.outcome, outcomeOn: input.outcomeOn ?? before.outcomeOn }).where(eq(referrals.id, referralId)).returning();
    await audit({ action: "referral_updated", entity: "referral", entityId: referralId, schoolId, before, after: row });
  });
}

export async function listReferrals(db: Executor, schoolId: string, pupilId?: string) {
  const rows = await db
    .select({ r: referrals, first: pupils.firstName, last: pupils.lastName })
    .from(referrals)
    .innerJoin(pupils, eq(pupils.id, referrals.pupilId))
    .where(and(eq(referrals.schoolId, schoolId), pupilId ? eq(referrals.pupilId, pupilId) : undefined))
    .orderBy(desc(referrals.openedOn));
  const refs = await latestReferences(db, schoolId, "referral", rows.map((x) => x.r.id));
  return rows.map(({ r, first, last }) => ({ ...r, pupilName: `${first} ${last}`, createdAt: r.createdAt.toISOString(), externalRef: refs.get(r.id) ?? null }));
}

/** Where the episode an action belongs to began: its absence run, its unseen streak or its rule's window. */
export function episodeStart(a: Action): IsoDate | undefined {
  return a.facts.runStart ?? a.facts.unseenSince ?? a.facts.windowStart;
}

/**
 * Drops the actions a referral already answers: one of the kind the action
 * calls for, recorded for that pupil since the episode began and no later than
 * `day`, so the list for a past day stays what it was that day. One query for
 * the school, and none when no action calls for a referral.
 */
export async function withoutAnsweredActions(db: Executor, schoolId: string, day: IsoDate, actions: Action[], pupilIdOf: (upn: string) => string | undefined): Promise<Action[]> {
  const candidates = actions.filter((a) => REFERRAL_FOR_ACTION[a.action] && pupilIdOf(a.upn));
  if (candidates.length === 0) return actions;
  const kinds = [...new Set(candidates.map((a) => REFERRAL_FOR_ACTION[a.action]!))];
  const starts = candidates.map(episodeStart);
  // An action without a start date is answered by any earlier referral: read from the beginning then.
  const since = starts.includes(undefined) ? undefined : starts.reduce((a, b) => (b! < a! ? b : a));
  const recorded = await db
    .select({ pupilId: referrals.pupilId, kind: referrals.kind, openedOn: referrals.openedOn })
    .from(referrals)
    .where(and(eq(referrals.schoolId, schoolId), inArray(referrals.kind, kinds), lte(referrals.openedOn, day), since ? gte(referrals.openedOn, since) : undefined));
  const latest = new Map<string, IsoDate>();
  for (const r of recorded) {
    const key = `${r.pupilId} ${r.kind}`;
    if ((latest.get(key) ?? "") < r.openedOn) latest.set(key, r.openedOn);
  }
  return actions.filter((a) => {
    const kind = REFERRAL_FOR_ACTION[a.action];
    const pid = pupilIdOf(a.upn);
    if (!kind || !pid) return true;
    const opened = latest.get(`${pid} ${kind}`);
    return opened === undefined || opened < (episodeStart(a) ?? "");
  });
}
