import { describe, expect, it } from "vitest";
import { changeNote, compareLists, type ListShape } from "./today-changes";

/** A list from pupil id → the actions due for them ([] for a sibling shown with nothing due). */
const list = (byPupil: Record<string, string[]>, householdOf: Record<string, string> = {}): ListShape => {
  const households = new Map<string, ListShape["households"][number]>();
  for (const [id, actions] of Object.entries(byPupil)) {
    const key = householdOf[id] ?? id;
    const h = households.get(key) ?? { pupils: [] };
    h.pupils.push({ pupil: { id }, actions: actions.map((action) => ({ action })) });
    households.set(key, h);
  }
  return { households: [...households.values()] };
};

// 09:10 and 09:42 in London in March (GMT), and 14:05 in June (BST).
const SINCE = new Date("2026-03-11T09:10:00Z");

describe("what a change of marks did to the Today list", () => {
  it("counts the children new on the list, actions added for those on it already, and actions gone", () => {
    const before = list({ a: ["contact_parents"], b: ["contact_parents", "eyes_on_visit"], c: [] }, { c: "b" });
    const after = list({ a: ["contact_parents", "safe_and_well_visit"], c: ["contact_parents"], d: ["contact_parents"], e: ["eyes_on_visit"] });
    // b left the list (two actions answered); c was shown as a sibling with nothing due and is now absent.
    expect(compareLists(before, after)).toEqual({ newAbsences: 3, moreActions: 1, answered: 2 });
    expect(compareLists(after, after)).toEqual({ newAbsences: 0, moreActions: 0, answered: 0 });
  });

  it("says it as the issue does, naming where the marks came from and when", () => {
    const at = "2026-03-11T09:42:00Z";
    expect(changeNote({ newAbsences: 3, moreActions: 0, answered: 0 }, { at, marksChanged: 12, source: "upload" }, SINCE)).toBe(
      "3 new absences on the list since 09:10, after 12 marks new or corrected from an upload at 09:42.",
    );
    expect(changeNote({ newAbsences: 0, moreActions: 0, answered: 2 }, { at, marksChanged: 2, source: "mis" }, SINCE)).toBe(
      "2 actions answered since 09:10, after 2 marks new or corrected from the MIS at 09:42.",
    );
    expect(changeNote({ newAbsences: 1, moreActions: 1, answered: 1 }, { at, marksChanged: 1, source: "mis" }, SINCE)).toBe(
      "1 new absence on the list, 1 more action for children on it and 1 action answered since 09:10, after 1 mark new or corrected from the MIS at 09:42.",
    );
  });

  it("says so when the marks changed nothing on the list, in school time", () => {
    expect(changeNote({ newAbsences: 0, moreActions: 0, answered: 0 }, { at: "2026-06-03T13:05:00Z", marksChanged: 1, source: "mis" }, new Date("2026-06-03T12:58:00Z"))).toBe(
      "No change to the list since 13:58, after 1 mark new or corrected from the MIS at 14:05.",
    );
  });
});
