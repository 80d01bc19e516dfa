import { describe, expect, it } from "vitest";
import { loggedPath } from "./logging";

describe("loggedPath", () => {
  it("keeps credentials in paths out of the log: calendar feeds and the family's reply link", () => {
    expect(loggedPath("/api/calendar-feed/abc123")).toBe("/api/calendar-feed/[redacted]");
    expect(loggedPath("/r/Xq3_v-9kLmN0pQrStUvWxYz0123456789abcdefGHIJ")).toBe("/r/[redacted]");
    expect(loggedPath("/api/reply/Xq3_v-9kLmN0pQrStUvWxYz0123456789abcdefGHIJ?x=1")).toBe("/api/reply/[redacted]");
    expect(loggedPath("/api/replies/0b9c/confirm")).toBe("/api/replies/0b9c/confirm");
  });
});
