import { describe, expect, it } from "vitest";
import { nextSlot, syncDue } from "./wonde-schedule";

const at = (day: string, hhmm: string) => ({ day, minute: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) });
const after = () => "2026-03-05";

describe("the Wonde sync schedule", () => {
  it("is due once per slot, every 10 minutes in the morning and hourly after", () => {
    expect(syncDue(at("2026-03-04", "08:29"), null, true)).toBe(false);
    expect(syncDue(at("2026-03-04", "08:30"), null, true)).toBe(true);
    expect(syncDue(at("2026-03-04", "08:35"), at("2026-03-04", "08:31"), true)).toBe(false);
    expect(syncDue(at("2026-03-04", "08:40"), at("2026-03-04", "08:31"), true)).toBe(true);
    expect(syncDue(at("2026-03-04", "10:55"), at("2026-03-04", "10:31"), true)).toBe(false);
    expect(syncDue(at("2026-03-04", "11:00"), at("2026-03-04", "10:31"), true)).toBe(true);
    expect(syncDue(at("2026-03-04", "20:00"), at("2026-03-04", "16:00"), true)).toBe(false);
  });
  it("is never due on a day that is not a school day", () => {
    expect(syncDue(at("2026-03-07", "09:00"), null, false)).toBe(false);
  });
  it("names the next slot, on the next school day after 16:00", () => {
    expect(nextSlot(at("2026-03-04", "09:05"), true, after)).toEqual(at("2026-03-04", "09:10"));
    expect(nextSlot(at("2026-03-04", "10:30"), true, after)).toEqual(at("2026-03-04", "11:00"));
    expect(nextSlot(at("2026-03-04", "16:00"), true, after)).toEqual(at("2026-03-05", "08:30"));
  });
});
