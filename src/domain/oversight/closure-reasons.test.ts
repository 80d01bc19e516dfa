import { describe, expect, it } from "vitest";
import type { Episode } from "../attendance/compliance";
import { addDays } from "../attendance/iso-date";
import { closureReasons } from "./closure-reasons";

const ep = (upn: string, lastListed: string, closed = true): Episode => ({ upn, action: "contact_parents", firstListed: "2026-03-02", lastListed, schoolDays: 1, closed });
// Friday's episode is found closed on Monday: a weekend's records count.
const next = (d: string) => (d === "2026-03-06" ? "2026-03-09" : addDays(d, 1));

describe("why episodes closed", () => {
  it("takes the most direct answer recorded between the last listed day and the next morning", () => {
    const counts = closureReasons(
      [ep("A", "2026-03-03"), ep("B", "2026-03-03"), ep("C", "2026-03-06"), ep("D", "2026-03-03"), ep("E", "2026-03-03"), ep("F", "2026-03-03"), ep("G", "2026-03-03"), ep("H", "2026-03-03", false)],
      {
        visits: [
          { upn: "A", date: "2026-03-03", outcome: "child_seen" },
          { upn: "B", date: "2026-03-03", outcome: "no_contact" },
          { upn: "G", date: "2026-03-03", outcome: "cancelled" },
        ],
        sightings: [{ upn: "C", date: "2026-03-07" }],
        contacts: [
          { upn: "A", date: "2026-03-03", reached: true },
          { upn: "D", date: "2026-03-03", reached: true },
          { upn: "E", date: "2026-03-03", reached: false },
          { upn: "H", date: "2026-03-03", reached: true },
        ],
        marks: [{ upn: "E", date: "2026-03-03", session: "PM", code: "L" }],
      },
      next,
      (upn) => upn === "F",
    );
    expect(counts).toEqual({ child_seen_on_visit: 1, visit_made: 1, child_seen: 1, parent_reached: 1, back_in_school: 1, referral_recorded: 1, rule_no_longer_applies: 1 });
  });

  it("does not count a record from before the last listed day", () => {
    expect(closureReasons([ep("A", "2026-03-04")], { visits: [], sightings: [{ upn: "A", date: "2026-03-03" }], contacts: [], marks: [] }, next)).toEqual({ rule_no_longer_applies: 1 });
  });
});
