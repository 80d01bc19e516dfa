import { expect, it } from "vitest";
import { londonDate } from "./clock";

it("derives the school date in London, not UTC", () => {
  expect(londonDate(new Date("2026-03-31T23:30:00Z"))).toBe("2026-04-01"); // BST
  expect(londonDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31"); // GMT
});
