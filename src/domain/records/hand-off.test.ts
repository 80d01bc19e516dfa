import { describe, expect, it } from "vitest";
import { handOffText } from "./hand-off";

describe("the hand-off text for CPOMS or MyConcern", () => {
  it("lists the facts that have a value, indents several lines, and ends with both references", () => {
    const text = handOffText({
      system: "CPOMS",
      clause: "coteford 2.7, 4.1",
      title: "Agreement with parents",
      facts: [["Pupil", "Ada Nowak"], ["Terms", "Arrive by 8:50\nRead nightly"], ["Outcome", null]],
      doorstepId: "abc",
      reference: null,
    });
    expect(text).toBe("Agreement with parents\nFor CPOMS (coteford 2.7, 4.1)\n\nPupil: Ada Nowak\nTerms:\n  Arrive by 8:50\n  Read nightly\n\nDoorstep record: abc\nCPOMS reference: not recorded yet\n");
  });
});
