import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("configuration", () => {
  it("has defaults a newcomer can start with", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe("./data");
    expect(c.SEED_DEMO).toBe(true);
  });

  it("lists every problem at once, naming the variable", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SEED_DEMO: "perhaps" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain("PORT");
      expect(msg).toContain("DATABASE_URL");
      expect(msg).toContain("SEED_DEMO");
    }
  });

  it("takes GOV.UK Notify's key with its text template, or neither, and refuses what is not a key", () => {
    const key = "doorstep-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
    const template = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    expect(loadConfig({ NOTIFY_API_KEY: key, NOTIFY_SMS_TEMPLATE_ID: template })).toMatchObject({ NOTIFY_API_KEY: key, NOTIFY_SMS_TEMPLATE_ID: template });
    expect(loadConfig({}).NOTIFY_API_KEY).toBeUndefined();
    expect(() => loadConfig({ NOTIFY_API_KEY: key })).toThrow(/NOTIFY_SMS_TEMPLATE_ID/);
    expect(() => loadConfig({ NOTIFY_API_KEY: "secret", NOTIFY_SMS_TEMPLATE_ID: template })).toThrow(/NOTIFY_API_KEY/);
    expect(loadConfig({}).NOTIFY_POLL_SECONDS).toBe(60);
    expect(loadConfig({ NOTIFY_POLL_SECONDS: "2" }).NOTIFY_POLL_SECONDS).toBe(2);
    expect(() => loadConfig({ NOTIFY_POLL_SECONDS: "0" })).toThrow(/NOTIFY_POLL_SECONDS/);
  });
});
