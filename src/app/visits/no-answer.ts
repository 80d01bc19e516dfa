/**
 * A visit that got no answer at the door, where the policy asks for someone to be
 * told at once (burgh Appendix A, Day 6: "escalate to DSL"). Told in the app, by
 * push and by email, all queued in the transaction that records the outcome, so a
 * mail server that is down cannot lose it. The email names no child: it says a
 * visit needs the DSL and where to look.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { users, userRoles } from "../../db/schema";
import type { PolicyTemplate } from "../../domain/policy/template";
import type { VisitPurpose } from "../../domain/visits/visit-purposes";
import { notifyRoles } from "../notify/notify-roles";
import { queueEmail, queuePush } from "../notify/outbox";
import { PURPOSE_WORDS } from "../../domain/words";

export interface NoAnswerVisit {
  id: string;
  schoolId: string;
  purpose: VisitPurpose;
  day: string;
}

/** Returns the clause the escalation followed, or null when the policy asks for none for this visit. */
export async function escalateNoAnswer(tx: Executor, policy: PolicyTemplate, visit: NoAnswerVisit, recordedBy: string | null, now: Date): Promise<string | null> {
  const rule = policy.noAnswer;
  if (!rule || (rule.purposes && !rule.purposes.includes(visit.purpose))) return null;
  const what = `The ${PURPOSE_WORDS[visit.purpose].inSentence} visit of ${visit.day} got no answer at the address`;
  const link = `/visits/${visit.id}`;
  const told = await notifyRoles(tx, visit.schoolId, rule.tell, { kind: "visit_no_answer", title: "No answer at a home visit", body: `${what} (${rule.clause}): decide the next step.`, link }, recordedBy);
  const holders = await tx
    .select({ email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.schoolId, visit.schoolId), inArray(userRoles.role, [...rule.tell]), eq(users.disabled, false)));
  const subject = "Doorstep: no answer at a home visit";
  const body = [`${what}.`, `Under ${rule.clause} you decide what happens next: a safeguarding referral, a police welfare check, or further attempts.`, "Sign in to Doorstep and open the visit from your notifications."].join("\n\n");
  await queueEmail(tx, { schoolId: visit.schoolId, kind: "no_answer_escalation", to: holders.map((h) => h.email), subject, body }, now);
  await queuePush(tx, visit.schoolId, "no_answer_escalation", told, { title: "No answer at a home visit", body: `${what}: decide the next step.`, link, tag: `no-answer-${visit.id}` }, now);
  return rule.clause;
}
