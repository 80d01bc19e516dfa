import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openSecret, sealSecret, SecretWontOpen, ssoSecretKey } from "./secret-box";

const key = Buffer.alloc(32, 1);

describe("client secrets sealed at rest", () => {
  it("opens what it sealed, with a fresh IV each time", () => {
    const a = sealSecret(key, "Łucja's secret~1", "school-a");
    expect(a).not.toContain("secret");
    expect(sealSecret(key, "Łucja's secret~1", "school-a")).not.toBe(a);
    expect(openSecret(key, a, "school-a")).toBe("Łucja's secret~1");
  });
  it("refuses another key, another school's row, or an altered byte", () => {
    const a = sealSecret(key, "s3cret", "school-a");
    expect(() => openSecret(Buffer.alloc(32, 2), a, "school-a")).toThrow(SecretWontOpen);
    expect(() => openSecret(key, a, "school-b")).toThrow(SecretWontOpen);
    const parts = a.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    expect(() => openSecret(key, parts.join("."), "school-a")).toThrow(SecretWontOpen);
    expect(() => openSecret(key, "plain", "school-a")).toThrow(SecretWontOpen);
  });
  it("SSO_SECRET_KEY wins; without it a key is made once in DATA_DIR, readable by its owner only", () => {
    expect(ssoSecretKey({ SSO_SECRET_KEY: key.toString("base64"), DATA_DIR: "/nonexistent" })).toEqual(key);
    const dir = mkdtempSync(path.join(tmpdir(), "sso-key-"));
    const first = ssoSecretKey({ DATA_DIR: dir });
    expect(first.length).toBe(32);
    expect(ssoSecretKey({ DATA_DIR: dir })).toEqual(first);
    expect(statSync(path.join(dir, "sso-secret.key")).mode & 0o077).toBe(0);
    expect(Buffer.from(readFileSync(path.join(dir, "sso-secret.key"), "utf8"), "base64")).toEqual(first);
  });
});
