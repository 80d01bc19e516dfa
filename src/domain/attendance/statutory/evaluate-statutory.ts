import { schoolDayToday } from "../evaluation-context";
import type { EvaluationInput } from "../evaluation-input";
import { toIsoDate } from "../iso-date";
import { STATUTORY_DUTIES, type StatutoryAction, type StatutoryResult } from "./duties";
import { LA_PACKS, type LaPack } from "./la-packs";
import { registersByPupil, PupilRegister } from "./register";
import { DUTY_CHECKS, type StatutoryPupil } from "./rules";

export interface StatutoryInput extends EvaluationInput {
  pupils: readonly StatutoryPupil[];
}

/**
 * What the law requires today, pupil by pupil, beneath whatever the school's
 * policy template says: the same register and calendar as `evaluate`, and no
 * template at all, so no template can switch a duty off. Pure: `input.today`
 * is the only clock. The LA's pack sets thresholds at or above the law's and
 * the notice-to-improve window.
 */
export function evaluateStatutory(input: StatutoryInput, pack: LaPack = LA_PACKS.national!): StatutoryResult {
  const { today, calendar } = schoolDayToday(input);
  const todayIso = toIsoDate(today);
  const upns = new Set(input.pupils.map((p) => p.upn));
  const registers = registersByPupil(input.marks, upns, todayIso);
  const ctx = { today, todayIso, calendar, pack };
  // A repeated upn is read once, at its last entry, as `evaluate` does.
  const byUpn = new Map(input.pupils.map((p) => [p.upn, p]));
  const actions: StatutoryAction[] = [];
  for (const pupil of byUpn.values()) {
    const register = registers.get(pupil.upn) ?? new PupilRegister();
    for (const duty of STATUTORY_DUTIES) actions.push(...DUTY_CHECKS[duty](pupil, register, ctx));
  }
  actions.sort((a, b) => a.priority - b.priority || (a.upn < b.upn ? -1 : a.upn > b.upn ? 1 : 0) || STATUTORY_DUTIES.indexOf(a.duty) - STATUTORY_DUTIES.indexOf(b.duty) || (a.episodeKey < b.episodeKey ? -1 : 1));
  return { date: todayIso, pack: pack.id, actions };
}
