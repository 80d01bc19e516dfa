import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy/templates";
import { compliance } from "./compliance";
import { evaluate } from "./evaluate";
import { epochDayOf } from "./iso-date";
import { MarkColumns } from "./mark-columns";
import { SchoolCalendar } from "./school-calendar";
import { scenarioArb } from "./testing/scenario-arbitrary";
import { closureReasons } from "../oversight/closure-reasons";

/** The marks as columns give every answer the same marks as objects give. */
describe("MarkColumns", () => {
  it("round-trips marks, in order", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(MarkColumns.fromMarks(s.marks).toMarks()).toEqual(s.marks.map((m) => ({ ...m })));
      }),
      { numRuns: 100 },
    );
  });

  it("evaluate, the replay and the closure reasons are the same over columns", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 12 }), (s, back) => {
        const columns = MarkColumns.fromMarks(s.marks);
        const policy = policyTemplates[s.policy];
        expect(evaluate(policy, { ...s, marks: columns.toMarks() })).toEqual(evaluate(policy, s));
        const calendar = new SchoolCalendar(s.nonSchoolDays);
        const from = calendar.lastSchoolDays(s.today, back + 1)[0]!;
        const { today, ...rest } = s;
        const objects = compliance(policy, { ...rest, from, to: today });
        expect(compliance(policy, { ...rest, marks: columns, from, to: today })).toEqual(objects);
        const next = (d: string) => calendar.nextSchoolDay(d);
        expect(closureReasons(objects.episodes, { ...rest, marks: columns }, next)).toEqual(closureReasons(objects.episodes, rest, next));
      }),
      { numRuns: 150 },
    );
  });

  it("without and concat keep the other pupils' marks", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const columns = MarkColumns.fromMarks(s.marks);
        const gone = new Set(s.pupils.slice(0, 1).map((p) => p.upn));
        const kept = s.marks.filter((m) => !gone.has(m.upn));
        expect(columns.without(gone).toMarks()).toEqual(kept);
        expect(columns.without(gone).concat(MarkColumns.fromMarks(s.marks.filter((m) => gone.has(m.upn)))).toMarks()).toEqual([...kept, ...s.marks.filter((m) => gone.has(m.upn))]);
        for (const p of s.pupils) {
          const days = s.marks.filter((m) => m.upn === p.upn).map((m) => epochDayOf(m.date));
          const lo = Math.min(...days, 0);
          expect(columns.someMark(p.upn, lo, lo + 3, () => true)).toBe(days.some((d) => d >= lo && d < lo + 3));
          expect(columns.someMark(p.upn, -1e6, 1e6, (c) => c === "N")).toBe(s.marks.some((m) => m.upn === p.upn && m.code === "N"));
        }
      }),
      { numRuns: 100 },
    );
  });
});
