import { InvalidInput } from "../errors";
import type { PolicyTemplate } from "../policy/template";
import { ACTION_KINDS, ACTION_PRIORITY, type Action, type ActionKind, type EvaluationResult } from "./actions";
import { AttendanceLedger } from "./attendance-ledger";
import type { EvaluationInput } from "./evaluation-input";
import { mondayOf, parseIsoDate, weekdayName } from "./iso-date";
import { PupilSituation, schoolDaysBack, type EvaluationContext } from "./pupil-situation";
import { prepareRule } from "./rules";
import { SchoolCalendar } from "./school-calendar";

/**
 * What the school's home-visit policy requires today, pupil by pupil: the one
 * engine behind `doorstep evaluate`, the API, the web list and the daily job
 * (contract: shared/spec/evaluate.md). Pure: `input.today` is the only clock.
 *
 * Input is trusted to be well formed (parseScenario is the door for files);
 * `today` is checked because every rule hangs on it.
 */
export function evaluate(policy: PolicyTemplate, input: EvaluationInput): EvaluationResult {
  const today = parseIsoDate(input.today);
  if (today === null) throw new InvalidInput("today", `malformed date ${JSON.stringify(input.today)}`);
  const calendar = new SchoolCalendar(input.nonSchoolDays);
  if (!calendar.isSchoolEpochDay(today)) {
    throw new InvalidInput("today", `${input.today} is not a school day (${weekdayName(input.today)} or a non-school day)`);
  }
  // hunsbury-park: no absence rule starts a visit, so there is nothing to read.
  if (policy.absenceRules.length === 0) return { date: input.today, actions: [] };

  const pupilIndex = new Map<string, number>();
  input.pupils.forEach((p, i) => pupilIndex.set(p.upn, i));
  // The weekly windows read to the Sunday of today's week.
  const ledger = AttendanceLedger.build(input, pupilIndex, mondayOf(today) + 6);

  let earliest = today;
  for (let p = 0; p < input.pupils.length; p++) {
    const d = ledger.earliestMarkDay(p);
    if (d !== null && d < earliest) earliest = d;
  }
  const ctx: EvaluationContext = { today, calendar, ledger, schoolDaysBack: schoolDaysBack(calendar, today, earliest) };
  const rules = policy.absenceRules.map((rule) => ({ rule, check: prepareRule(rule, ctx) }));

  const actions: Action[] = [];
  input.pupils.forEach((p, i) => {
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
  return { date: input.today, actions };
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
