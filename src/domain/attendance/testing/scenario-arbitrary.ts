import fc from "fast-check";
import { POLICY_IDS, type PolicyId } from "../../policy/template";
import type { AttendanceCode } from "../codes";
import type { Mark, VisitOutcome } from "../evaluation-input";
import { epochDayOf, isWeekend, toIsoDate, type IsoDate } from "../iso-date";
import type { Scenario } from "../scenario";
import { buildScenario, pupil } from "./scenario-builders";

/**
 * Generated registers for property tests: weeks of streaky attendance (runs of
 * one code, some half days, some gaps), holidays, contacts, sightings and
 * visits, for every shipped template.
 */

export const FIRST = epochDayOf("2026-09-07");
export const weekdaysFrom = (from: number, to: number): IsoDate[] => {
  const days: IsoDate[] = [];
  for (let d = from; d <= to; d++) if (!isWeekend(d)) days.push(toIsoDate(d));
  return days;
};
export const CANDIDATE_TODAYS = weekdaysFrom(epochDayOf("2026-10-12"), epochDayOf("2026-11-27"));

const code = fc.constantFrom<AttendanceCode>("/", "/", "/", "N", "N", "I", "M", "G", "G", "O", "U", "L", "K", "X", "#");
const segment = fc.record({
  am: code,
  pm: fc.option(code, { nil: undefined, freq: 4 }),
  days: fc.integer({ min: 1, max: 9 }),
  missing: fc.integer({ min: 0, max: 12 }).map((n) => n === 0),
});
const outcome = fc.constantFrom<VisitOutcome>("child_seen", "parent_seen_child_not_seen", "no_contact", "cancelled");

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    policy: fc.constantFrom<PolicyId>(...POLICY_IDS),
    today: fc.constantFrom(...CANDIDATE_TODAYS),
    pupils: fc.array(fc.record({ vulnerable: fc.boolean(), segments: fc.array(segment, { minLength: 1, maxLength: 8 }), todayPmTaken: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    closures: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 7 }),
    events: fc.array(
      fc.record({
        pupil: fc.nat(),
        // Mostly this week, when contacts and visits bear on today's list.
        daysBack: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 })),
        kind: fc.constantFrom("contact", "sighting", "visit"),
        reached: fc.boolean(),
        outcome,
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ policy, today, pupils, closures, events }) => {
    const todayDay = epochDayOf(today);
    const window = weekdaysFrom(FIRST, todayDay);
    const nonSchoolDays = [...new Set(closures.map((i) => window[i % window.length]!))].filter((d) => d !== today);
    const upns = pupils.map((_, i) => `P${i + 1}`);
    const marks: Mark[] = [];
    pupils.forEach((p, i) => {
      // Segments fill the weekdays backwards from today; earlier days stay unmarked.
      let d = window.length - 1;
      for (const s of p.segments) {
        for (let k = 0; k < s.days && d >= 0; k++, d--) {
          const date = window[d]!;
          if (s.missing) continue;
          marks.push({ upn: upns[i]!, date, session: "AM", code: s.am });
          if (date !== today || p.todayPmTaken) marks.push({ upn: upns[i]!, date, session: "PM", code: s.pm ?? s.am });
        }
      }
    });
    const scenario = buildScenario({
      policy,
      today,
      nonSchoolDays,
      pupils: pupils.map((p, i) => pupil(upns[i]!, p.vulnerable)),
      marks,
    });
    for (const e of events) {
      const upn = upns[e.pupil % upns.length]!;
      const date = toIsoDate(todayDay - e.daysBack);
      if (e.kind === "contact") scenario.contacts = [...scenario.contacts, { upn, date, reached: e.reached }];
      else if (e.kind === "sighting") scenario.sightings = [...scenario.sightings, { upn, date }];
      else scenario.visits = [...scenario.visits, { upn, date, outcome: e.outcome }];
    }
    return scenario;
  });

