import { describe, expect, it } from "vitest";
import { doorTimer } from "./door-timer";

const at = (hhmm: string) => Date.parse(`2026-11-24T${hhmm}:00Z`);

describe("doorTimer", () => {
  it("counts a late parent from the arranged time, so 30 minutes late is 30 minutes after it", () => {
    // Arranged for 10:00; told at 10:20 they are running late: the 30-minute limit ends at 10:30, not 10:50.
    const t = doorTimer("parent_running_late", at("10:20"), "2026-11-24T10:00:00Z");
    expect(t).toEqual({ kind: "late", startedAt: at("10:00"), fromArranged: true });
  });

  it("counts from the tap when no time was arranged, or the call came before it", () => {
    expect(doorTimer("parent_running_late", at("10:20"), null).startedAt).toBe(at("10:20"));
    expect(doorTimer("parent_running_late", at("09:50"), "2026-11-24T10:00:00Z").startedAt).toBe(at("09:50"));
  });

  it("counts waiting for a parent who is not there from the tap", () => {
    expect(doorTimer("waiting_started", at("10:20"), "2026-11-24T10:00:00Z")).toEqual({ kind: "waiting", startedAt: at("10:20"), fromArranged: false });
  });
});
