import { describe, expect, it } from "vitest";
import { alarmText, checkInRule, historySummary, outboxText } from "./field-words";

describe("the field view's sentences", () => {
  it("says what is still on the phone, and warns when the browser cannot keep it", () => {
    expect(outboxText(0, false, true)).toBe("Nothing waiting for signal: every step has reached the office.");
    expect(outboxText(1, false, true)).toBe("1 step waiting for signal. They will be sent as soon as the phone has signal.");
    expect(outboxText(3, true, true)).toBe("3 steps waiting for signal: sending…");
    expect(outboxText(0, false, false)).toBe("Nothing waiting for signal: every step has reached the office. This browser cannot keep steps if it is closed: keep this page open.");
  });

  it("puts the policy's check-ins in one sentence with its clause", () => {
    expect(checkInRule({ beforeVisit: true, onArrival: true, everyMinutes: 20, afterVisit: true, clause: "coteford 4.1" })).toBe(
      "Check in with the office before you set off, when you arrive, every 20 minutes while there, when you leave and when you are back (coteford 4.1).",
    );
    expect(checkInRule({ beforeVisit: false, onArrival: false, everyMinutes: null, afterVisit: false, clause: "x 1" })).toBe("Check in with the office as agreed (x 1).");
  });

  it("says where the alarm is", () => {
    const clock = (iso: string) => iso.slice(11, 16);
    expect(alarmText({ at: "2026-12-07T09:41:00Z", sent: true, waiting: false }, clock)).toBe("The office board has the alarm (raised at 09:41).");
    expect(alarmText({ at: "2026-12-07T09:41:00Z", sent: false, waiting: true }, clock)).toMatch(/^The alarm is waiting for signal/);
    expect(alarmText({ at: "2026-12-07T09:41:00Z", sent: false, waiting: false }, clock)).toBe("Sending the alarm to the office…");
  });

  it("counts the steps so far, and check-ins once the office has them", () => {
    expect(historySummary([])).toBe("Steps so far (0)");
    expect(
      historySummary([
        { step: "departed", waiting: false },
        { step: "check_in", waiting: false },
        { step: "check_in", waiting: true },
      ]),
    ).toBe("Steps so far (3, 1 check-in)");
  });
});
