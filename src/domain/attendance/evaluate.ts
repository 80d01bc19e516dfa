import type { PolicyTemplate } from "../policy/template";
import { ACTION_KINDS, ACTION_PRIORITY, type Action, type ActionKind, type EvaluationResult } from "./actions";
import { prepareEvaluation, schoolDayToday } from "./evaluation-context";
import type { EvaluationInput } from "./evaluation-input";
import { PupilSituation, type EvaluationContext } from "./pupil-situation";
import { prepareRule } from "./rules";

/**
 * What the school's home-visit policy requires today, pupil by pupil: the one
 * engine behind `doorstep evaluate`, the API, the web list and the daily job
 * (contract: shared/spec/evaluate.md). Pure: `input.today` is the only clock.
 *
 * Input is trusted to be well formed (parseScenario is the door for files);
 * `today` is checked because every rule hangs on it.
 */
export function evaluate(policy: PolicyTemplate, input: EvaluationInput): EvaluationResult {
  // hunsbury-park: no absence rule starts a visit, so there is nothing to read.
  if (policy.absenceRules.length === 0) {
    schoolDayToday(input);
    return { date: input.today, actions: [] };
  }
  const { ctx, pupilIndex } = prepareEvaluation(input);
  return { date: input.today, actions: listFor(policy, input.pupils, pupilIndex, ctx) };
}

/**
 * The list for the day and register in `ctx`, most urgent first. Shared by
 * `evaluate` and the compliance replay, which makes one context a school day
 * over one register.
 */
export function listFor(
  policy: PolicyTemplate,
  pupils: EvaluationInput["pupils"],
  pupilIndex: ReadonlyMap<string, number>,
  ctx: EvaluationContext,
): Action[] {
  if (policy.absenceRules.length === 0) return [];
  const rules = policy.absenceRules.map((rule) => ({ rule, check: prepareRule(rule, ctx) }));

  const actions: Action[] = [];
  pupils.forEach((p, i) => {
    if (pupilIndex.get(p.upn) !== i) return; // a repeated upn: evaluated once, at its last entry
    const pupil = new PupilSituation(ctx, i, p.upn, p.vulnerable ?? false);
    const due: Action[] = [];
    const superseded = new Set<ActionKind>();
    for (const { rule, check } of rules) {
      const finding = check(pupil);
      if (!finding) continue;
      due.push({
        upn: p.upn,
        action: rule.kind,
        rule: rule.clause,
        reason: finding.reason,
        priority: ACTION_PRIORITY[rule.kind],
        facts: finding.facts,
      });
      for (const kind of rule.supersedes) superseded.add(kind);
    }
    // e.g. burgh 6.3: when eyes-on is due, the safe-and-well visit is not listed as well.
    for (const a of due) if (!superseded.has(a.action)) actions.push(a);
  });

  actions.sort(byUrgency);
  return actions;
}

const KIND_ORDER = new Map<ActionKind, number>(ACTION_KINDS.map((k, i) => [k, i]));

/** Most urgent first, then by pupil, so the same input always gives the same list. */
function byUrgency(a: Action, b: Action): number {
  return (
    a.priority - b.priority ||
    (a.upn < b.upn ? -1 : a.upn > b.upn ? 1 : 0) ||
    KIND_ORDER.get(a.action)! - KIND_ORDER.get(b.action)!
  );
}
