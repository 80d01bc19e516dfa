import { describe, expect, it } from "vitest";
import { cancellationReasonGroup, governorFigures } from "./governors-figures";
import type { SchoolFigures } from "./school-figures";

const child = { pupilId: "p1", firstName: "Zoë", lastName: "Brontë", yearGroup: "Year 2" };
const group = (yearGroup: string, pupils: number) => ({ yearGroup, pupils, possibleSessions: 20 * pupils, sessionsMissed: 2, attendancePercent: 90, persistentlyAbsent: 1, severelyAbsent: 0 });
const figures: SchoolFigures = {
  from: "2026-03-02",
  to: "2026-03-13",
  policyName: "Burgh",
  compliance: { summary: { contact_parents: { episodes: 7, closedOnFirstDay: 3, closedLater: 4, open: 0, medianDaysLate: 1, worstDaysLate: 2 } }, closedBecause: { parent_reached: 6 }, weekly: [], unseen: [{ ...child, since: "2026-03-02" }] },
  attendance: { from: "2026-03-02", to: "2026-03-13", byYearGroup: [group("Year 2", 3), group("Year 3", 12)], whole: group("All pupils", 15), halfTermFrom: "2026-02-23", newlyPersistentlyAbsent: [child] },
  visits: { byPurposeAndOutcome: [], cancellations: [{ reason: "Two dogs loose at the Brontë house", count: 2 }, { reason: "Waited 10 minutes, no answer", count: 5 }] },
  safety: { checkInsMissed: 0, alarms: 1, alertsByLevel: [], medianMinutesToAcknowledge: null, worstMinutesToAcknowledge: null, incidentsByKind: [] },
  caseSampling: { samples: 1, sampled: 6, reviewed: 6, reportComplete: 5, clauseFollowed: 6, checkInsKept: 4, metPolicy: 3 },
  returns: [{ duty: "ten_day_return", due: 6, submittedOnTime: 3, submittedLate: 1, notSubmitted: 2, overdue: 3 }],
};

describe("governors' figures", () => {
  it("leave every child out, free text included, and show 1 to 4 as 'fewer than 5'", () => {
    const g = governorFigures(figures);
    const text = JSON.stringify(g);
    for (const word of ["Zoë", "Brontë", "p1"]) expect(text).not.toContain(word);
    expect(g.compliance.summary.contact_parents).toMatchObject({ episodes: 7, closedOnFirstDay: "fewer than 5", closedLater: "fewer than 5", open: 0 });
    expect(g.compliance.unseenChildren).toBe("fewer than 5");
    expect(g.attendance.newlyPersistentlyAbsent).toBe("fewer than 5");
    expect(g.visits.cancellations).toEqual([{ reason: "animals", count: "fewer than 5" }, { reason: "waiting limit", count: 5 }]);
    expect(g.safety.alarms).toBe("fewer than 5");
    expect(g.caseSampling).toEqual({ samples: "fewer than 5", sampled: 6, reviewed: 6, reportComplete: 5, clauseFollowed: 6, checkInsKept: "fewer than 5", metPolicy: "fewer than 5" });
    expect(g.returns).toEqual([{ duty: "ten_day_return", due: 6, submittedOnTime: "fewer than 5", submittedLate: "fewer than 5", notSubmitted: "fewer than 5", overdue: "fewer than 5" }]);
    expect(governorFigures(figures, false).returns[0]).toMatchObject({ submittedLate: 1, overdue: 3 });
  });

  it("give no percentage for a year group of fewer than 5 pupils; the head's version keeps every number", () => {
    expect(governorFigures(figures).attendance.byYearGroup.map((y) => [y.pupils, y.attendancePercent])).toEqual([["fewer than 5", null], [12, 90]]);
    expect(governorFigures(figures, false).attendance.byYearGroup.map((y) => [y.pupils, y.attendancePercent])).toEqual([[3, 90], [12, 90]]);
  });

  it("group cancellation reasons into the kinds the policies name", () => {
    expect(["Dog in the garden", "Felt unsafe: shouting", "Waited the 10 minutes", "Running late", "Parent asked to rearrange"].map(cancellationReasonGroup)).toEqual(["animals", "unsafe", "waiting limit", "late", "other"]);
  });
});
