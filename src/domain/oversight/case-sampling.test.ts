import { describe, expect, it } from "vitest";
import { clauseForVisit, drawSample, meetsPolicy, prefillFinding } from "./case-sampling";

const pool = Array.from({ length: 40 }, (_, i) => `visit-${String(i).padStart(2, "0")}`);

describe("drawSample", () => {
  it("draws the same sample from the same seed, whatever order the visits came in", () => {
    const a = drawSample(pool, 5, 12345);
    const b = drawSample([...pool].reverse(), 5, 12345);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(5);
    for (const v of a) expect(pool).toContain(v);
  });

  it("draws a different sample from another seed", () => {
    expect(drawSample(pool, 5, 1)).not.toEqual(drawSample(pool, 5, 2));
  });

  it("takes the whole pool when it holds fewer visits than asked", () => {
    expect(drawSample(["b", "a"], 5, 7).sort()).toEqual(["a", "b"]);
    expect(drawSample([], 5, 7)).toEqual([]);
  });

  it("gives every visit a fair chance over many seeds", () => {
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 4000; seed++) for (const v of drawSample(pool.slice(0, 10), 2, seed)) hits.set(v, (hits.get(v) ?? 0) + 1);
    // Expected 800 each; a biased shuffle (say, always keeping the first) would fall far outside this.
    for (const v of pool.slice(0, 10)) {
      expect(hits.get(v)).toBeGreaterThan(650);
      expect(hits.get(v)).toBeLessThan(950);
    }
  });

  it("refuses a size or seed out of range, naming the field", () => {
    expect(() => drawSample(pool, 0, 1)).toThrow(expect.objectContaining({ field: "size" }));
    expect(() => drawSample(pool, 31, 1)).toThrow(expect.objectContaining({ field: "size" }));
    expect(() => drawSample(pool, 3, -1)).toThrow(expect.objectContaining({ field: "seed" }));
  });
});

describe("prefillFinding", () => {
  const report = { reason: "Day 3", peoplePresent: "Mother", summary: "Seen, well", actionsAgreed: "Back Monday", followUpActions: "Call Monday", childrenRecorded: 1 };

  it("ticks a full report and kept check-ins", () => {
    const p = prefillFinding({ report, children: 1, checkIns: 2, checkInsMissed: 0 });
    expect(p).toMatchObject({ reportComplete: true, checkInsKept: true });
  });

  it("says which parts of the report are missing, and when no report was made", () => {
    expect(prefillFinding({ report: { ...report, actionsAgreed: " " }, children: 1, checkIns: 0, checkInsMissed: 0 })).toMatchObject({ reportComplete: false, reportWhy: expect.stringContaining("the actions agreed") });
    expect(prefillFinding({ report: null, children: 1, checkIns: 0, checkInsMissed: 0 })).toMatchObject({ reportComplete: false, reportWhy: "No visit report was submitted." });
    expect(prefillFinding({ report, children: 2, checkIns: 0, checkInsMissed: 0 }).reportComplete).toBe(false);
  });

  it("leaves check-ins unkept when one was missed", () => {
    expect(prefillFinding({ report, children: 1, checkIns: 3, checkInsMissed: 1 })).toMatchObject({ checkInsKept: false, checkInsWhy: "1 of 3 check-ins were missed (an overdue alert was raised)." });
  });

  it("a visit meets the policy only when all three hold", () => {
    expect(meetsPolicy({ reportComplete: true, clauseFollowed: true, checkInsKept: true })).toBe(true);
    expect(meetsPolicy({ reportComplete: true, clauseFollowed: false, checkInsKept: true })).toBe(false);
  });
});

describe("clauseForVisit", () => {
  const rules = [
    { kind: "safe_and_well_visit", clause: "burgh 6.2" },
    { kind: "eyes_on_visit", clause: "burgh 6.3" },
  ];
  it("finds the rule of the action the visit answers, or of its purpose", () => {
    expect(clauseForVisit(rules, { answersAction: "eyes_on_visit", purpose: "safe_and_well" })).toBe("burgh 6.3");
    expect(clauseForVisit(rules, { answersAction: null, purpose: "safe_and_well" })).toBe("burgh 6.2");
    expect(clauseForVisit(rules, { answersAction: null, purpose: "appointment" })).toBeNull();
  });
});
