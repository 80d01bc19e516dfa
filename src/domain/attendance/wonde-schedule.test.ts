import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, epochDayOf, isWeekend } from "./iso-date";
import { DEFAULT_SYNC_SCHEDULE, minuteText, nextSlot, nextSyncAfter, scheduleFault, scheduleMinutes, syncDue } from "./wonde-schedule";

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

describe("the next sync after a moment, given the school's schedule and calendar", () => {
  const schedule = fc
    .record({ busyFrom: fc.integer({ min: 0, max: 1439 }), busyLen: fc.integer({ min: 0, max: 600 }), busyEvery: fc.integer({ min: 5, max: 60 }), hourlyLen: fc.integer({ min: 0, max: 900 }) })
    .map(({ busyFrom, busyLen, busyEvery, hourlyLen }) => {
      const busyUntil = Math.min(1439, busyFrom + busyLen);
      return { busyFrom, busyUntil, busyEvery, hourlyUntil: Math.min(1439, busyUntil + hourlyLen) };
    });
  const start = fc.record({ day: fc.integer({ min: 0, max: 365 }).map((d) => addDays("2026-01-01", d)), minute: fc.integer({ min: 0, max: 1439 }) });
  /** A calendar: weekends off, and some closed dates. */
  const closures = fc.uniqueArray(fc.integer({ min: 0, max: 420 }).map((d) => addDays("2026-01-01", d)), { maxLength: 40 });
  const key = (t: { day: string; minute: number }) => `${t.day} ${String(t.minute).padStart(4, "0")}`;

  it("is a slot of the schedule, on a school day, strictly later, with no slot of a school day between", () => {
    fc.assert(
      fc.property(schedule, start, closures, (s, now, closed) => {
        expect(scheduleFault(s)).toBeNull();
        const isSchoolDay = (d: string) => !isWeekend(epochDayOf(d)) && !closed.includes(d);
        const next = nextSyncAfter(now, s, isSchoolDay, (d) => addDays(d, 1));
        expect(next).not.toBeNull();
        const minutes = scheduleMinutes(s);
        expect(minutes).toContain(next!.minute);
        expect(isSchoolDay(next!.day)).toBe(true);
        expect(key(next!) > key(now)).toBe(true);
        // Walk every day between: no slot of a school day is skipped.
        for (let d = now.day; d <= next!.day; d = addDays(d, 1)) {
          if (!isSchoolDay(d)) continue;
          for (const m of minutes) {
            const t = key({ day: d, minute: m });
            if (t > key(now)) expect(t >= key(next!)).toBe(true);
          }
        }
        // And a sync is due at that moment, once, when the last was at `now`.
        expect(syncDue(next!, now, true, s)).toBe(true);
        expect(syncDue(next!, next!, true, s)).toBe(false);
      }),
    );
  });

  it("the default is every 10 minutes 08:30 to 10:30, then hourly to 16:00", () => {
    expect(scheduleMinutes(DEFAULT_SYNC_SCHEDULE).map(minuteText)).toEqual(["08:30", "08:40", "08:50", "09:00", "09:10", "09:20", "09:30", "09:40", "09:50", "10:00", "10:10", "10:20", "10:30", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"]);
    // Friday 16:00 -> Monday 08:30; the Monday closed -> Tuesday.
    const isSchoolDay = (d: string) => !isWeekend(epochDayOf(d)) && d !== "2026-03-09";
    expect(nextSyncAfter(at("2026-03-06", "16:00"), DEFAULT_SYNC_SCHEDULE, isSchoolDay, (d) => addDays(d, 1))).toEqual(at("2026-03-10", "08:30"));
  });

  it("names the field at fault in a schedule it cannot keep", () => {
    expect(scheduleFault({ ...DEFAULT_SYNC_SCHEDULE, busyEvery: 1 })?.field).toBe("busyEvery");
    expect(scheduleFault({ ...DEFAULT_SYNC_SCHEDULE, busyUntil: 400 })?.field).toBe("busyUntil");
    expect(scheduleFault({ ...DEFAULT_SYNC_SCHEDULE, hourlyUntil: 600 })?.field).toBe("hourlyUntil");
    expect(scheduleFault({ ...DEFAULT_SYNC_SCHEDULE, busyFrom: 1440 })?.field).toBe("busyFrom");
  });
});
