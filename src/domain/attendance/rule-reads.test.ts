import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy";
import { openRunsAndStreaks, windowFor } from "./rule-reads";
import { SchoolCalendar } from "./school-calendar";
import type { Mark } from "./evaluation-input";

const calendar = new SchoolCalendar([]);
const today = "2026-11-18"; // a Wednesday

describe("what each rule reads", () => {
  it("starts each policy's window where its longest fixed span starts", () => {
    // Coteford reads three months of attendance (coteford 2.2-2.3).
    expect(windowFor(policyTemplates.coteford, calendar, today)).toBe("2026-08-18");
    // Burgh's longest fixed span is ten consecutive unauthorised school days for the local authority (burgh 6.3).
    expect(windowFor(policyTemplates.burgh, calendar, today)).toBe("2026-11-05");
    // Hunsbury Park starts nothing from absence: nothing before today.
    expect(windowFor(policyTemplates["hunsbury-park"], calendar, today)).toBe(today);
  });

  it("reads again in full only the children whose run or streak the window does not close", () => {
    const since = "2026-11-09";
    const days = ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-16", "2026-11-17", "2026-11-18"];
    const marks = days.flatMap((date) => (["AM", "PM"] as const).map((session) => ({ upn: "A1", date, session, code: "N" as Mark["code"] })));
    marks.push({ upn: "B2", date: "2026-11-17", session: "AM", code: "/" });
    const input = { today, nonSchoolDays: [], pupils: [{ upn: "A1", vulnerable: false }, { upn: "B2", vulnerable: false }], marks, contacts: [], sightings: [], visits: [] };
    expect(openRunsAndStreaks(policyTemplates.burgh, calendar, input, since)).toEqual(["A1"]);
    // No rule of Hunsbury Park's follows a run or a streak.
    expect(openRunsAndStreaks(policyTemplates["hunsbury-park"], calendar, input, since)).toEqual([]);
  });
});
