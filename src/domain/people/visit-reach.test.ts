import { describe, expect, it } from "vitest";
import { reachesPupil, reachesVisit, reachOf, readsVisitReport, type VisitFacts } from "./visit-reach";

const TODAY = "2026-11-17";
const visit = (over: Partial<VisitFacts> = {}): VisitFacts => ({ day: TODAY, state: "approved", team: [], onBoard: false, ...over });

describe("visit reach", () => {
  it("gives the casework leads, the business manager and a trust administrator the whole school, whatever else they hold", () => {
    for (const role of ["headteacher", "dsl", "deputy_dsl", "attendance_lead", "business_manager", "trust_admin"] as const) expect(reachOf([role, "visitor"], "u")).toEqual({ kind: "school" });
    expect(reachOf(["visitor"], "u")).toEqual({ kind: "own", userId: "u", office: false });
  });

  it("a visitor reaches the visits they are on and the children on them, nothing else", () => {
    const me = reachOf(["visitor"], "u");
    expect(reachesVisit(me, visit({ team: ["u"], day: "2025-01-06", state: "completed" }), TODAY)).toBe(true);
    expect(reachesVisit(me, visit({ onBoard: true, state: "under_way" }), TODAY)).toBe(false);
    expect(reachesPupil(me, { visits: [visit({ team: ["other"] })], onTodaysList: true }, TODAY)).toBe(false);
    expect(readsVisitReport(me, { team: ["u"] })).toBe(true);
    expect(readsVisitReport(me, { team: ["other"] })).toBe(false);
  });

  it("the office reaches the board, what is approved or planned from today, and the Today list's children", () => {
    const office = reachOf(["office"], "o");
    expect(reachesVisit(office, visit({ state: "planned", day: "2026-11-20" }), TODAY)).toBe(true);
    expect(reachesVisit(office, visit({ state: "cancelled", day: "2026-11-10", onBoard: true }), TODAY)).toBe(true);
    expect(reachesVisit(office, visit({ state: "completed", day: "2026-11-16" }), TODAY)).toBe(false);
    expect(reachesVisit(office, visit({ state: "proposed" }), TODAY)).toBe(false);
    expect(reachesVisit(office, visit({ state: "approved", day: "2026-11-16" }), TODAY)).toBe(false);
    expect(reachesPupil(office, { visits: [], onTodaysList: true }, TODAY)).toBe(true);
    expect(readsVisitReport(office, { team: [] })).toBe(false);
  });
});
