import { describe, expect, it } from "vitest";
import { createSmsSender, NotConfiguredSmsSender } from "./sms";

describe("createSmsSender", () => {
  it("is the not-configured placeholder, which says so and sends nothing", async () => {
    const sms = createSmsSender();
    expect(sms).toBeInstanceOf(NotConfiguredSmsSender);
    expect(sms.configured).toBe(false);
    expect(sms.description).toBe("SMS is not configured: no provider is set up, so no text messages are sent");
    await expect(sms.send("07700 900123", "We called today")).resolves.toEqual({ sent: false });
  });
});
