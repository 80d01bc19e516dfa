import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy/templates";
import { compliance, EpisodeTracker, replayMornings, summarise, type Morning, type ReplayInput } from "./compliance";
import { evaluate } from "./evaluate";
import { epochDayOf, toIsoDate } from "./iso-date";
import type { Scenario } from "./scenario";
import { SchoolCalendar } from "./school-calendar";
import { scenarioArb } from "./testing/scenario-arbitrary";

/**
 * The replay over generated registers (the evaluate properties' generator,
 * with its `today` as the range's `to`) against its definition in
 * compliance.md, evaluated the slow way, one filtered input a morning.
 */
const replayArb = fc.tuple(scenarioArb, fc.integer({ min: 0, max: 12 })).map(([s, back]): { policy: Scenario["policy"]; input: ReplayInput } => {
  const calendar = new SchoolCalendar(s.nonSchoolDays);
  const from = calendar.lastSchoolDays(s.today, back + 1)[0]!;
  const { today, policy, ...rest } = s;
  return { policy, input: { ...rest, from, to: today } };
});

const pairs = (actions: readonly { upn: string; action: string }[]) => actions.map((a) => `${a.upn} ${a.action}`).sort();

function mornings(policy: Scenario["policy"], input: ReplayInput): Morning[] {
  const out: Morning[] = [];
  replayMornings(policyTemplates[policy], input, (m) => out.push(m));
  return out;
}

describe("compliance: properties", () => {
  it("each morning's list is evaluate's, given the marks to that day and the other records before it", () => {
    fc.assert(
      fc.property(replayArb, ({ policy, input }) => {
        for (const m of mornings(policy, input)) {
          const slow = evaluate(policyTemplates[policy], {
            ...input,
            today: m.day,
            marks: input.marks.filter((r) => r.date <= m.day),
            contacts: input.contacts.filter((r) => r.date < m.day),
            sightings: input.sightings.filter((r) => r.date < m.day),
            visits: input.visits.filter((r) => r.date < m.day),
          });
          expect(pairs(m.actions)).toEqual(pairs(slow.actions));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("every listed (day, pupil, action) belongs to exactly one episode; episodes of one pupil and action never overlap or touch", () => {
    fc.assert(
      fc.property(replayArb, ({ policy, input }) => {
        const days = mornings(policy, input);
        const { episodes } = compliance(policyTemplates[policy], input);
        const schoolDays = days.map((m) => m.day);
        const at = new Map(schoolDays.map((d, i) => [d, i]));
        for (const m of days) {
          for (const a of m.actions) {
            const holding = episodes.filter((e) => e.upn === a.upn && e.action === a.action && e.firstListed <= m.day && m.day <= e.lastListed);
            expect(holding).toHaveLength(1);
          }
        }
        for (const e of episodes) {
          const first = at.get(e.firstListed)!;
          const last = at.get(e.lastListed)!;
          expect(e.schoolDays).toBe(last - first + 1);
          // Listed on every school day it spans, and closed exactly when the range holds a day after it.
          for (let i = first; i <= last; i++) expect(pairs(days[i]!.actions)).toContain(`${e.upn} ${e.action}`);
          expect(e.closed).toBe(last < schoolDays.length - 1);
          if (e.closed) expect(pairs(days[last + 1]!.actions)).not.toContain(`${e.upn} ${e.action}`);
          if (first > 0) expect(pairs(days[first - 1]!.actions)).not.toContain(`${e.upn} ${e.action}`);
          const same = episodes.filter((o) => o !== e && o.upn === e.upn && o.action === e.action);
          // Never overlapping nor touching: another episode ends at least two school days before this one starts, or starts two after.
          for (const o of same) expect(at.get(o.lastListed)! < first - 1 || at.get(o.firstListed)! > last + 1).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the summary counts every episode once", () => {
    fc.assert(
      fc.property(replayArb, ({ policy, input }) => {
        const { episodes, summary } = compliance(policyTemplates[policy], input);
        let total = 0;
        for (const s of Object.values(summary)) {
          expect(s.closedOnFirstDay + s.closedLater + s.open).toBe(s.episodes);
          total += s.episodes;
        }
        expect(total).toBe(episodes.length);
      }),
    );
  });
});

describe("EpisodeTracker", () => {
  it("cuts episodes at the range's edges and splits an action listed, dropped and listed again", () => {
    const t = new EpisodeTracker();
    const days = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
    const lists = [["A"], [], ["A"], ["A"]];
    days.forEach((day, i) => t.add({ day, actions: lists[i]!.map((upn) => ({ upn, action: "contact_parents" as const })) }));
    const eps = t.episodes();
    expect(eps).toEqual([
      { upn: "A", action: "contact_parents", firstListed: "2026-03-02", lastListed: "2026-03-02", schoolDays: 1, closed: true },
      { upn: "A", action: "contact_parents", firstListed: "2026-03-04", lastListed: "2026-03-05", schoolDays: 2, closed: false },
    ]);
    expect(summarise(eps)).toEqual({ contact_parents: { episodes: 2, closedOnFirstDay: 1, closedLater: 0, open: 1 } });
  });

  it("refuses a range that starts or ends on a day with no list", () => {
    const input = { from: "2026-03-02", to: "2026-03-07", nonSchoolDays: [], pupils: [], marks: [], contacts: [], sightings: [], visits: [] };
    expect(() => compliance(policyTemplates.burgh, input)).toThrow(/to: 2026-03-07 is not a school day/);
    expect(() => compliance(policyTemplates.burgh, { ...input, from: "2026-03-06", to: "2026-03-05" })).toThrow(/to: .* is before from/);
    expect(toIsoDate(epochDayOf("2026-03-02"))).toBe("2026-03-02");
  });
});
