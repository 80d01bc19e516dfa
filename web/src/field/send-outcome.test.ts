import { describe, expect, it } from "vitest";
import { sendOutcome } from "./send-outcome";

const step = { kind: "step" };

describe("what the outbox does with the server's answer", () => {
  it("drops a step the policy refuses and shows why, rather than sending it again for ever", () => {
    const wentIn = { error: "policy_violation", message: "\"Went in\" not recorded. Do not go in: no appointment is recorded for this visit (coteford 2.6).", field: "appointment" };
    expect(sendOutcome(step, 422, wentIn)).toEqual({ kind: "rejected", status: 422, message: wentIn.message });
    expect(sendOutcome(step, 422, { message: "Confirm your ID card is worn before you set off" })).toMatchObject({ kind: "rejected" });
  });
  it("tries again when the server is failing or busy, and waits for a sign-in", () => {
    for (const status of [500, 502, 503, 408, 429]) expect(sendOutcome(step, status, {})).toEqual({ kind: "retry" });
    expect(sendOutcome(step, 401, {})).toEqual({ kind: "signed_out" });
    expect(sendOutcome(step, 403, { error: "csrf" })).toEqual({ kind: "csrf" });
  });
  it("counts a cancellation the server already has as sent", () => {
    expect(sendOutcome({ kind: "cancel" }, 422, { message: "A visit that is cancelled cannot be cancelled" })).toEqual({ kind: "sent" });
    expect(sendOutcome(step, 200, {})).toEqual({ kind: "sent" });
  });
});
