/**
 * Factories for engine tests: a scenario with sensible defaults, and marks for
 * whole days. Dates are ISO strings; "days" means both sessions unless said.
 */
import { policyTemplates } from "../../policy/templates";
import type { AbsenceRuleKind, AbsenceRuleOf, PolicyId, PolicyTemplate } from "../../policy/template";
import type { ActionKind, EvaluationResult } from "../actions";
import type { AttendanceCode } from "../codes";
import { evaluate } from "../evaluate";
import type { Contact, Mark, Pupil, Session, Sighting, Visit, VisitOutcome } from "../evaluation-input";
import type { IsoDate } from "../iso-date";
import type { Scenario } from "../scenario";
import { SchoolCalendar } from "../school-calendar";

export function buildScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    policy: "burgh",
    today: "2026-11-18",
    nonSchoolDays: [],
    pupils: [{ upn: "A1", vulnerable: false }],
    marks: [],
    contacts: [],
    sightings: [],
    visits: [],
    ...overrides,
  };
}

export function pupil(upn: string, vulnerable = false): Pupil {
  return { upn, vulnerable };
}

/** School days from..to inclusive, given the non-school days. */
export function schoolDays(from: IsoDate, to: IsoDate, nonSchoolDays: readonly IsoDate[] = []): IsoDate[] {
  return new SchoolCalendar(nonSchoolDays).schoolDaysBetween(from, to);
}

/** Both sessions of each date marked `code` (`N` by default: absent, no reason yet). */
export function absentDays(upn: string, dates: readonly IsoDate[], code: AttendanceCode = "N"): Mark[] {
  return dates.flatMap((date) => dayMarks(upn, date, code, code));
}

/** Both sessions of each date marked present (`/`) or another code. */
export function presentDays(upn: string, dates: readonly IsoDate[], code: AttendanceCode = "/"): Mark[] {
  return absentDays(upn, dates, code);
}

/** One day's marks; leave `pm` out for a day whose afternoon register is not taken yet. */
export function dayMarks(upn: string, date: IsoDate, am: AttendanceCode, pm?: AttendanceCode): Mark[] {
  const marks: Mark[] = [{ upn, date, session: "AM" as Session, code: am }];
  if (pm !== undefined) marks.push({ upn, date, session: "PM", code: pm });
  return marks;
}

export function contact(upn: string, date: IsoDate, reached: boolean): Contact {
  return { upn, date, reached };
}

export function sighting(upn: string, date: IsoDate): Sighting {
  return { upn, date };
}

export function visit(upn: string, date: IsoDate, outcome: VisitOutcome): Visit {
  return { upn, date, outcome };
}

/** Evaluates against the shipped template named in the scenario, or the one given. */
export function run(scenario: Scenario, policy: PolicyTemplate = policyTemplates[scenario.policy]): EvaluationResult {
  return evaluate(policy, scenario);
}

/** The action kinds due for one pupil, sorted. */
export function actionsFor(result: EvaluationResult, upn: string): ActionKind[] {
  return result.actions
    .filter((a) => a.upn === upn)
    .map((a) => a.action)
    .sort();
}

export function actionOf(result: EvaluationResult, upn: string, kind: ActionKind) {
  return result.actions.find((a) => a.upn === upn && a.action === kind);
}

/** A copy of a shipped template with one rule's parameters changed, as a school might edit it. */
export function editedTemplate<K extends AbsenceRuleKind>(
  id: PolicyId,
  kind: K,
  patch: Partial<Omit<AbsenceRuleOf<K>, "kind">>,
): PolicyTemplate {
  const t = structuredClone(policyTemplates[id]) as PolicyTemplate;
  t.absenceRules = t.absenceRules.map((r) => (r.kind === kind ? { ...r, ...patch } : r));
  return t;
}
