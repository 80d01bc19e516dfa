import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy/templates";
import { VISIT_ACTIONS, type EvaluationResult } from "./actions";
import { isAbsenceDay, isSeenDay } from "./attendance-ledger";
import { situationOf } from "./evaluation-context";
import { epochDayOf, toIsoDate } from "./iso-date";
import { SchoolCalendar } from "./school-calendar";
import type { Scenario } from "./scenario";
import { run } from "./testing/scenario-builders";
import { FIRST, scenarioArb } from "./testing/scenario-arbitrary";

/**
 * Invariants of the engine over generated registers: weeks of streaky
 * attendance (runs of one code, some half days, some gaps), holidays, contacts,
 * sightings and visits, for every shipped template.
 */

const visitActionsOf = (r: EvaluationResult, upn: string) =>
  r.actions.filter((a) => a.upn === upn && VISIT_ACTIONS.includes(a.action)).map((a) => a.action);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("evaluate: properties", () => {
  it("(a) a child marked present all day today has no visit action", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (scenario, which) => {
        const upn = scenario.pupils[which % scenario.pupils.length]!.upn;
        const marks = [
          ...scenario.marks.filter((m) => !(m.upn === upn && m.date === scenario.today)),
          { upn, date: scenario.today, session: "AM" as const, code: "/" as const },
          { upn, date: scenario.today, session: "PM" as const, code: "/" as const },
        ];
        expect(visitActionsOf(run({ ...scenario, marks }), upn)).toEqual([]);
      }),
    );
  });

  it("(b) declaring a day of unseen absence a non-school day never lengthens the absence run or unseen streak", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (scenario, which, pick) => {
        const upn = scenario.pupils[which % scenario.pupils.length]!.upn;
        const before = situationOf(scenario, upn);
        // Candidate days: school days other than today on which the pupil was absent and unseen.
        const candidates = [...new Set(scenario.marks.filter((m) => m.upn === upn).map((m) => m.date))].filter((d) => {
          if (d === scenario.today || scenario.nonSchoolDays.includes(d)) return false;
          const flags = before.flagsOn(epochDayOf(d));
          return isAbsenceDay(flags) && !isSeenDay(flags);
        });
        fc.pre(candidates.length > 0);
        const holiday = candidates[pick % candidates.length]!;
        const after = situationOf({ ...scenario, nonSchoolDays: [...scenario.nonSchoolDays, holiday] }, upn);
        expect(after.run?.days ?? 0).toBeLessThanOrEqual(before.run?.days ?? 0);
        expect(after.streak?.days ?? 0).toBeLessThanOrEqual(before.streak?.days ?? 0);
      }),
    );
  });

  it("(b') adding any non-school day lengthens the run or streak only when it is the school day that ended it", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.integer({ min: 1, max: 40 }), (scenario, which, back) => {
        const upn = scenario.pupils[which % scenario.pupils.length]!.upn;
        const holiday = toIsoDate(epochDayOf(scenario.today) - back);
        const calendar = new SchoolCalendar(scenario.nonSchoolDays);
        const before = situationOf(scenario, upn);
        const after = situationOf({ ...scenario, nonSchoolDays: [...scenario.nonSchoolDays, holiday] }, upn);
        // The run ends at the school day before its first day (today itself when there is no run).
        const endedRun = before.run ? calendar.previousSchoolDay(before.run.start) : scenario.today;
        if (holiday !== endedRun) expect(after.run?.days ?? 0).toBeLessThanOrEqual(before.run?.days ?? 0);
        // The streak ends at the latest seen school day.
        let endedStreak = epochDayOf(scenario.today);
        while (calendar.isSchoolEpochDay(endedStreak) ? !isSeenDay(before.flagsOn(endedStreak)) : true) {
          if (endedStreak < FIRST) break;
          endedStreak--;
        }
        if (holiday !== toIsoDate(endedStreak)) expect(after.streak?.days ?? 0).toBeLessThanOrEqual(before.streak?.days ?? 0);
      }),
    );
  });

  it("(c) the answer does not depend on the order of any input list", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (scenario, seed) => {
        const reordered: Scenario = {
          ...scenario,
          nonSchoolDays: shuffled(scenario.nonSchoolDays, seed),
          pupils: shuffled(scenario.pupils, seed + 1),
          marks: shuffled(scenario.marks, seed + 2),
          contacts: shuffled(scenario.contacts, seed + 3),
          sightings: shuffled(scenario.sightings, seed + 4),
          visits: shuffled(scenario.visits, seed + 5),
        };
        expect(run(reordered)).toEqual(run(scenario));
      }),
    );
  });

  it("(d) every action has a rule and a reason, and the rule is a clause of the template", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const clauses = policyTemplates[scenario.policy].absenceRules.map((r) => r.clause);
        const result = run(scenario);
        const seen = new Set<string>();
        for (const a of result.actions) {
          expect(a.rule.trim()).not.toBe("");
          expect(a.reason.trim()).not.toBe("");
          expect(clauses).toContain(a.rule);
          // One entry per pupil and action kind.
          expect(seen.has(`${a.upn} ${a.action}`)).toBe(false);
          seen.add(`${a.upn} ${a.action}`);
        }
      }),
    );
  });

  it("(e) a sighting today clears eyes_on", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (scenario, which) => {
        const upn = scenario.pupils[which % scenario.pupils.length]!.upn;
        const seen = run({ ...scenario, policy: "burgh", sightings: [...scenario.sightings, { upn, date: scenario.today }] });
        expect(seen.actions.filter((a) => a.upn === upn && a.action === "eyes_on_visit")).toEqual([]);
      }),
    );
  });

  it("finds actions of every kind across generated registers (the generator is not vacuous)", () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        for (const a of run(scenario).actions) kinds.add(a.action);
      }),
      { numRuns: 400, seed: 7 },
    );
    expect([...kinds].sort()).toEqual(
      [
        "consider_cme_referral",
        "contact_parents",
        "eyes_on_visit",
        "legal_threshold_review",
        "notify_local_authority",
        "penalty_notice_review",
        "safe_and_well_visit",
        "unannounced_visit",
      ].sort(),
    );
  });
});
