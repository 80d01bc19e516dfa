import { describe, expect, it } from "vitest";
import { alarmOf, opensBelow, pressOf, progressOf, runningDoorTimer, STEPS, timelineOf, type TimelineEntry } from "./visit-progress";

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

describe("pressing a step", () => {
  const idCard = { text: "Wear your badge", clause: "x 2" };
  const goingIn = { clause: "x 3", questions: [{ id: "dog", text: "Is a dog loose?", forbidsEntry: "yes" as const, whenForbidden: "refuse" as const, refusal: "Do not go in", clause: "x 3.1" }], reminders: [], showParentalResponsibility: false };
  const none = { idCard: null, goingIn: null };

  it("asks the policy's questions first: the ID card before setting off, the going-in questions before going in", () => {
    expect(pressOf("departed", { idCard, goingIn: null }, false)).toBe("questions");
    expect(pressOf("departed", none, false)).toBe("send");
    expect(pressOf("entered", { idCard: null, goingIn }, false)).toBe("questions");
    expect(pressOf("entered", { idCard: null, goingIn: { ...goingIn, questions: [] } }, false)).toBe("send");
  });

  it("asks what came of the visit on the steps that end it, but not on a cancelled visit", () => {
    for (const step of ["left", "returned", "home_safe"] as const) {
      expect(pressOf(step, none, false)).toBe("outcome");
      expect(pressOf(step, none, true)).toBe("send");
    }
    expect(pressOf("arrived", none, false)).toBe("send");
  });

  it("says which buttons open something below them", () => {
    expect(opensBelow("left", none)).toBe(true);
    expect(opensBelow("arrived", none)).toBe(false);
    expect(opensBelow("departed", { idCard, goingIn: null })).toBe(true);
    expect(opensBelow("entered", { idCard: null, goingIn: { ...goingIn, questions: [] } })).toBe(true);
  });
});

describe("the alarm shown as raised", () => {
  const item = (id: string, kind: string, visitId = "v1") => ({ id, kind, visitId, queuedAt: at(3) });

  it("is the one pressed here, sending until the outbox has sent it or the server has it", () => {
    const pressed = { id: "a1", at: at(2) };
    expect(alarmOf(pressed, { pending: [item("a1", "alarm")], sent: [] }, "v1", [])).toEqual({ id: "a1", at: at(2), sent: false, waiting: true });
    expect(alarmOf(pressed, { pending: [], sent: [] }, "v1", [])).toEqual({ id: "a1", at: at(2), sent: false, waiting: false });
    expect(alarmOf(pressed, { pending: [], sent: ["a1"] }, "v1", [])?.sent).toBe(true);
    expect(alarmOf(pressed, { pending: [], sent: [] }, "v1", [{ id: "a1" }])?.sent).toBe(true);
  });

  it("after a reload, is the alarm for this visit still waiting for signal", () => {
    expect(alarmOf(null, { pending: [item("s1", "step"), item("a2", "alarm", "other"), item("a3", "alarm")], sent: [] }, "v1", [])).toEqual({ id: "a3", at: at(3), sent: false, waiting: true });
    expect(alarmOf(null, { pending: [item("s1", "step")], sent: [] }, "v1", [])).toBeNull();
  });
});
