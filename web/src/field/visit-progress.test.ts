import { describe, expect, it } from "vitest";
import { progressOf, runningDoorTimer, STEPS, timelineOf, type TimelineEntry } from "./visit-progress";

const at = (min: number) => new Date(Date.UTC(2026, 11, 7, 9, min)).toISOString();
const entry = (step: string, min: number, waiting = false): TimelineEntry => ({ id: `${step}-${min}`, step, at: at(min), by: "Grace", waiting });
const next = (timeline: TimelineEntry[], state = "under_way") => STEPS[progressOf(timeline, { state, afterCancellation: null }, false).nextIndex]?.step;

describe("the phone's timeline", () => {
  it("merges steps waiting for signal with those recorded, in time order, and counts a recorded one once", () => {
    const recorded = [{ id: "a", step: "departed", at: at(0), by: "Grace" }];
    const waiting = [
      { id: "a", kind: "step", body: { step: "departed", occurredAt: at(0) } },
      { id: "b", kind: "step", body: { step: "arrived", occurredAt: at(12) } },
      { id: "c", kind: "alarm", body: { occurredAt: at(5) } },
      { id: "d", kind: "cancel", body: { reason: "dog" } },
    ];
    expect(timelineOf(recorded, waiting, "Me").map((t) => [t.step, t.waiting])).toEqual([
      ["departed", false],
      ["alarm", true],
      ["arrived", true],
    ]);
  });
});

describe("where the visit has got to", () => {
  it("offers the steps in order, never a check-in as the next one", () => {
    expect(next([], "planned")).toBe("departed");
    expect(next([entry("departed", 0)])).toBe("arrived");
    expect(next([entry("departed", 0), entry("arrived", 10)])).toBe("at_door");
    expect(next([entry("departed", 0), entry("arrived", 10), entry("check_in", 20)])).toBe("at_door");
    expect(next([entry("departed", 0), entry("returned", 60)])).toBe("home_safe");
    expect(progressOf([entry("home_safe", 70)], { state: "completed", afterCancellation: null }, false).nextIndex).toBe(-1);
  });

  it("keeps the way home open on a visit cancelled while the team is out, as the server lists it", () => {
    const out = [entry("departed", 0), entry("arrived", 10)];
    const server = progressOf(out, { state: "cancelled", afterCancellation: { reason: "dog", steps: ["left", "returned"] } }, false);
    expect(server).toMatchObject({ cancelled: true, finished: true, out: true });
    expect([...server.stillOpen]).toEqual(["left", "returned"]);
    // Cancelled on this phone, not yet heard by the server: the usual steps back.
    expect([...progressOf(out, { state: "under_way", afterCancellation: null }, true).stillOpen]).toEqual(["check_in", "left", "returned", "home_safe"]);
    // Not out: nothing more to report.
    expect(progressOf([], { state: "cancelled", afterCancellation: null }, false).stillOpen.size).toBe(0);
    expect(progressOf([...out, entry("returned", 40)], { state: "cancelled", afterCancellation: null }, false).out).toBe(false);
  });

  it("runs the door timer from the latest wait until the team goes in, leaves or the visit closes", () => {
    const waiting = [entry("arrived", 0), entry("at_door", 1), entry("waiting_started", 2)];
    expect(runningDoorTimer(waiting, false)).toEqual({ step: "waiting_started", tappedAt: Date.parse(at(2)) });
    expect(progressOf(waiting, { state: "under_way", afterCancellation: null }, false).atDoor).toBe(true);
    expect(runningDoorTimer([...waiting, entry("parent_running_late", 5)], false)?.step).toBe("parent_running_late");
    expect(runningDoorTimer([...waiting, entry("entered", 9)], false)).toBeNull();
    expect(runningDoorTimer(waiting, true)).toBeNull();
  });
});
