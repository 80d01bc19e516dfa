/**
 * AES-256-GCM for the few secrets Doorstep must read back (the one-time code
 * secrets): a copy of the database, a dump or a backup does not give anyone
 * the codes without the key, which lives outside the database.
 *
 * The key: SECOND_FACTOR_KEY (32 bytes, base64 or base64url) when set, which
 * every instance on PostgreSQL must share; otherwise one made on first start
 * and kept in the data folder, readable by its owner only, like the backup
 * door's key (src/db/backup-door.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SecretKey = Buffer & { readonly __secretKey: unique symbol };

const KEY_FILE = "doorstep.second-factor.key";
const VERSION = "v1";

export function secretKeyFrom(text: string): SecretKey {
  const key = Buffer.from(text.trim(), text.includes("-") || text.includes("_") ? "base64url" : "base64");
  if (key.length !== 32) throw new Error("SECOND_FACTOR_KEY must be 32 bytes, base64 or base64url");
  return key as SecretKey;
}

export function newSecretKey(): SecretKey {
  return randomBytes(32) as SecretKey;
}

/** The key from the environment, or the data folder's own, made there on first use. */
export function loadSecretKey(fromEnv: string | undefined, dataDir: string): SecretKey {
  if (fromEnv) return secretKeyFrom(fromEnv);
  const file = path.join(dataDir, KEY_FILE);
  if (existsSync(file)) return secretKeyFrom(readFileSync(file, "utf8"));
  mkdirSync(dataDir, { recursive: true });
  const key = newSecretKey();
  // "wx": two instances starting at once cannot each write a different key.
  try {
    writeFileSync(file, key.toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch {
    return secretKeyFrom(readFileSync(file, "utf8"));
  }
  return key;
}

/** `v1.iv.tag.ciphertext`, base64url; `context` (the user's id) is bound in, so a sealed secret moved to another row does not open. */
export function seal(key: SecretKey, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function open(key: SecretKey, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
