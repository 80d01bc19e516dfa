import { describe, expect, it } from "vitest";
import { lateness, median, overdueOn, weeklyTrend } from "./episode-figures";

const ep = (action: "contact_parents" | "eyes_on_visit", firstListed: string, lastListed: string, schoolDays: number, closed: boolean) => ({ upn: "A1", action, firstListed, lastListed, schoolDays, closed });

describe("episode figures", () => {
  it("counts days late over episodes closed later only, median and worst", () => {
    const l = lateness([
      ep("contact_parents", "2026-03-02", "2026-03-02", 1, true),
      ep("contact_parents", "2026-03-02", "2026-03-04", 3, true),
      ep("contact_parents", "2026-03-02", "2026-03-03", 2, true),
      ep("contact_parents", "2026-03-02", "2026-03-09", 6, false),
      ep("eyes_on_visit", "2026-03-02", "2026-03-02", 1, true),
    ]);
    expect(l.contact_parents).toEqual({ medianDaysLate: 1.5, worstDaysLate: 2 });
    expect(l.eyes_on_visit).toEqual({ medianDaysLate: null, worstDaysLate: null });
  });

  it("takes the median of an odd and an even count", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("groups episodes by the Monday of the week they began", () => {
    const t = weeklyTrend([
      ep("contact_parents", "2026-03-11", "2026-03-11", 1, true),
      ep("contact_parents", "2026-03-02", "2026-03-02", 1, true),
      ep("contact_parents", "2026-03-06", "2026-03-10", 3, true),
      ep("contact_parents", "2026-03-12", "2026-03-13", 2, false),
    ]);
    expect(t).toEqual([
      { weekOf: "2026-03-02", episodes: 2, closedOnFirstDay: 1, closedLater: 1, open: 0 },
      { weekOf: "2026-03-09", episodes: 2, closedOnFirstDay: 1, closedLater: 0, open: 1 },
    ]);
  });

  it("calls an action overdue when it is still listed today and began before today", () => {
    const today = "2026-03-13";
    const all = [ep("contact_parents", "2026-03-12", today, 2, false), ep("eyes_on_visit", today, today, 1, false), ep("contact_parents", "2026-03-02", "2026-03-04", 3, true)];
    expect(overdueOn(all, today)).toEqual([all[0]]);
  });
});
