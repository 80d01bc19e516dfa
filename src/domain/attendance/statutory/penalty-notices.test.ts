import { describe, expect, it } from "vitest";
import { PolicyViolation } from "../../errors";
import { penaltyTerms, threeYearsBefore } from "./penalty-notices";

describe("penalty notice terms", () => {
  it("a first notice: £80 within 21 days, £160 within 28", () => {
    expect(penaltyTerms(0, "2026-11-18")).toEqual({ noticeNumber: 1, amountPence: 16000, payBy: "2026-12-16", reduced: { amountPence: 8000, payBy: "2026-12-09" } });
  });

  it("a second: £160 within 28 days, no reduction", () => {
    expect(penaltyTerms(1, "2026-11-18")).toEqual({ noticeNumber: 2, amountPence: 16000, payBy: "2026-12-16" });
  });

  it("no third within three years: other action, naming the parent field", () => {
    expect(() => penaltyTerms(2, "2026-11-18")).toThrow(PolicyViolation);
    expect(() => penaltyTerms(3, "2026-11-18")).toThrow(/other action/);
  });

  it("counts back three years, 29 February included", () => {
    expect(threeYearsBefore("2026-11-18")).toBe("2023-11-18");
    expect(threeYearsBefore("2028-02-29")).toBe("2025-03-01");
  });
});
