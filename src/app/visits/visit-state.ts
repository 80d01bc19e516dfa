/**
 * The one writer of a visit's state. Every transition (approve, plan, start,
 * finish, cancel, back for approval) is asked of the domain's state machine
 * (src/domain/visits/visit-lifecycle.ts) with the visit's real facts, then
 * written and audited here, in the caller's transaction. No other module sets
 * `visits.state` (the ESLint rule in eslint.config.js says so).
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { visits } from "../../db/schema";
import type { Role } from "../../domain/people/roles";
import type { PolicyTemplate } from "../../domain/policy";
import { checkTeam, type TeamMember } from "../../domain/visits/team-check";
import { nextState, type VisitFacts, type VisitState, type VisitTransition } from "../../domain/visits/visit-lifecycle";
import type { Audit } from "../audit/write-audited";
import type { VisitView } from "./load-visit";

/** Columns a transition may set with the state (the plan's times, a cancellation's reason, the revision). */
type AlsoSet = Partial<Pick<typeof visits.$inferInsert, "startsAt" | "expectedBackAt" | "address" | "day" | "cancelledReason" | "revision">>;

export function teamFailures(policy: PolicyTemplate, visit: VisitView, team: TeamMember[] = visit.team) {
  return checkTeam(policy, team, { visitDay: visit.day, riskAssessmentSaysPair: visit.riskAssessment?.pairDecision ?? null, companions: visit.companions.length });
}

/** What the policy is asked about a visit, read from the visit as it is now. */
export function visitFacts(policy: PolicyTemplate, visit: VisitView, actorRoles: readonly Role[], extra: Partial<VisitFacts> = {}): VisitFacts {
  return {
    state: visit.state,
    actorRoles,
    safeguarding: visit.safeguarding,
    dslAgreed: visit.dslAgreed,
    hasCurrentRiskAssessment: visit.riskAssessment !== null,
    teamFailures: teamFailures(policy, visit),
    hasTeam: visit.team.length > 0,
    hasAppointment: visit.appointment !== null,
    backgroundChecked: visit.backgroundCheck !== null,
    ...extra,
  };
}

export interface MoveOptions {
  /** Facts the request adds (a cancellation's reason). */
  facts?: Partial<VisitFacts>;
  set?: AlsoSet;
  /** The audit action, where the trail has long named it otherwise than `visit_<step>`. */
  action?: string;
  /** Said in the audit entry beside the new state (what changed, and why). */
  why?: string;
}

/** Asks the state machine, writes the new state with `set`, and audits it; refused transitions throw the policy's clause. */
export async function moveVisit(tx: Executor, audit: Audit, policy: PolicyTemplate, visit: VisitView, step: VisitTransition, actorRoles: readonly Role[], opts: MoveOptions = {}): Promise<VisitState> {
  const to = nextState(policy, step, visitFacts(policy, visit, actorRoles, opts.facts));
  const set = opts.set ?? {};
  await tx.update(visits).set({ state: to, ...set }).where(eq(visits.id, visit.id));
  const shown = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  await audit({
    action: opts.action ?? `visit_${step}`,
    entity: "visit",
    entityId: visit.id,
    schoolId: visit.schoolId,
    before: { state: visit.state, ...("revision" in set ? { revision: visit.revision } : {}) },
    after: { state: to, ...shown, ...(opts.why ? { what: opts.why } : {}) },
  });
  return to;
}
