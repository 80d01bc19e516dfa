import type { AbsenceRule, AbsenceRuleKind, AbsenceRuleOf } from "../../policy/template";
import type { EvaluationContext } from "../pupil-situation";
import { legalThresholdReview, notifyLocalAuthority, penaltyNoticeReview } from "./escalation-rules";
import type { PupilCheck } from "./finding";
import { considerCmeReferral, contactParents, eyesOnVisit, safeAndWellVisit, unannouncedVisit } from "./visit-rules";

export type { Finding, PupilCheck } from "./finding";

type Prepare<K extends AbsenceRuleKind> = (rule: AbsenceRuleOf<K>, ctx: EvaluationContext) => PupilCheck;

/** Every rule kind the engine knows; the compiler insists each has an evaluator. */
const PREPARE: { [K in AbsenceRuleKind]: Prepare<K> } = {
  contact_parents: contactParents,
  safe_and_well_visit: safeAndWellVisit,
  eyes_on_visit: eyesOnVisit,
  unannounced_visit: unannouncedVisit,
  consider_cme_referral: considerCmeReferral,
  notify_local_authority: notifyLocalAuthority,
  legal_threshold_review: legalThresholdReview,
  penalty_notice_review: penaltyNoticeReview,
};

export function prepareRule(rule: AbsenceRule, ctx: EvaluationContext): PupilCheck {
  return (PREPARE[rule.kind] as Prepare<typeof rule.kind>)(rule, ctx);
}
