import { describe, expect, it } from "vitest";
import { retryAfterSeconds, retryDelayMs } from "./retry-delay";

describe("retryDelayMs", () => {
  it("doubles from 1–2 s up to 7.5–15 s, never past 15 s", () => {
    expect([1, 2, 3, 4, 10].map((n) => [retryDelayMs(n, () => 0), retryDelayMs(n, () => 0.999999)].map((ms) => Math.round(ms / 100) / 10))).toEqual([
      [1, 2],
      [2, 4],
      [4, 8],
      [7.5, 15],
      [7.5, 15],
    ]);
  });

  it("spreads phones out: 500 phones after the same failure do not retry in the same half second", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = Array.from({ length: 500 }, () => retryDelayMs(3, random));
    const busiest = Math.max(...Array.from({ length: 8 }, (_, i) => delays.filter((d) => d >= 4000 + i * 500 && d < 4500 + i * 500).length));
    expect(busiest).toBeLessThan(100);
  });

  it("a server that asks for a retry in 2 s (its database restarting) is asked again in 2–3 s, not after the growing wait", () => {
    expect([1, 4, 10].map((n) => [retryDelayMs(n, () => 0, 2), retryDelayMs(n, () => 0.999999, 2)].map((ms) => Math.round(ms / 100) / 10))).toEqual([
      [1, 2],
      [2, 3],
      [2, 3],
    ]);
    expect([retryAfterSeconds("2"), retryAfterSeconds(null), retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT")]).toEqual([2, undefined, undefined]);
  });
});
