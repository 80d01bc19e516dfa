import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { parseTokenKey, tokenBox } from "./token-box";
import { loadConfig } from "../../../config";

describe("the Wonde token box", () => {
  const key = randomBytes(32);
  const box = tokenBox(key);
  it("seals a token so it opens only with the key and for the school it was sealed for", () => {
    const sealed = box.seal("secret-token-1234", "school-a");
    expect(sealed).not.toContain("secret-token");
    expect(box.open(sealed, "school-a")).toBe("secret-token-1234");
    expect(() => box.open(sealed, "school-b")).toThrow(/does not open/);
    expect(() => tokenBox(randomBytes(32)).open(sealed, "school-a")).toThrow(/does not open/);
    expect(box.seal("secret-token-1234", "school-a")).not.toBe(sealed);
  });
  it("takes a key of 32 bytes, as base64 or hex, and the configuration refuses any other", () => {
    expect(parseTokenKey(key.toString("base64"))).toEqual(key);
    expect(parseTokenKey(key.toString("hex"))).toEqual(key);
    expect(parseTokenKey("short")).toBeNull();
    expect(() => loadConfig({ WONDE_TOKEN_KEY: "short" })).toThrow(/WONDE_TOKEN_KEY: must be 32 bytes/);
  });
});
