import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { loadSecretKey, newSecretKey, open, SealedSecretWontOpen, seal, secretKeyFrom } from "./secret-box";

it("opens what it sealed, only with the same key and the same row", () => {
  const key = newSecretKey();
  const sealed = seal(key, "JBSWY3DPEHPK3PXP", "user-1");
  expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
  expect(seal(key, "JBSWY3DPEHPK3PXP", "user-1")).not.toBe(sealed);
  expect(open(key, sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP");
  expect(() => open(newSecretKey(), sealed, "user-1")).toThrow(SealedSecretWontOpen);
  expect(() => open(key, sealed, "user-2")).toThrow(SealedSecretWontOpen);
  expect(() => open(key, "JBSWY3DPEHPK3PXP", "user-1")).toThrow(SealedSecretWontOpen);
  const [v, iv, tag, body] = sealed.split(".");
  const flipped = Buffer.from(body!, "base64url");
  flipped[0] = flipped[0]! ^ 1;
  expect(() => open(key, [v, iv, tag, flipped.toString("base64url")].join("."), "user-1")).toThrow(SealedSecretWontOpen);
});

it("makes a key once in the data folder, readable by its owner only, and keeps it; the environment's wins", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "doorstep-key-"));
  const first = loadSecretKey(undefined, dir);
  expect(loadSecretKey(undefined, dir).equals(first)).toBe(true);
  const file = path.join(dir, "doorstep.second-factor.key");
  expect(statSync(file).mode & 0o077).toBe(0);
  expect(secretKeyFrom(readFileSync(file, "utf8")).equals(first)).toBe(true);
  const fromEnv = newSecretKey().toString("base64");
  expect(loadSecretKey(fromEnv, dir).equals(first)).toBe(false);
  expect(() => secretKeyFrom("c2hvcnQ=")).toThrow(/32 bytes/);
});
