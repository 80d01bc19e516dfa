/**
 * AES-256-GCM for the few secrets Doorstep must read back: the one-time code
 * secrets, the schools' OpenID client secrets and their Wonde tokens. A copy of
 * the database, a dump or a backup gives nobody those secrets without the key,
 * which lives outside the database. One format for all three:
 * `v1.<iv>.<tag>.<ciphertext>` (base64url, a fresh 96-bit IV each time), with a
 * context (the user's or the school's id) bound in as associated data, so a
 * sealed secret copied onto another row does not open.
 *
 * Keys come from the environment (SECOND_FACTOR_KEY, SSO_SECRET_KEY,
 * WONDE_TOKEN_KEY), which every instance on PostgreSQL must share; the first two
 * otherwise fall back to one made on first start and kept in the data folder,
 * readable by its owner only, like the backup door's key (src/db/backup-door.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SecretKey = Buffer & { readonly __secretKey: unique symbol };

const KEY_FILE = "doorstep.second-factor.key";
const VERSION = "v1";

/** The sealed text is not ours, or does not open with this key and context (key changed, row moved or altered). */
export class SealedSecretWontOpen extends Error {
  constructor() {
    super("the sealed secret does not open with this key");
    this.name = "SealedSecretWontOpen";
  }
}

/** 32 bytes, as base64 or base64url; `name` is the setting, for the error. */
export function secretKeyFrom(text: string, name = "SECOND_FACTOR_KEY"): SecretKey {
  const key = Buffer.from(text.trim(), text.includes("-") || text.includes("_") ? "base64url" : "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64 or base64url`);
  return key as SecretKey;
}

export function newSecretKey(): SecretKey {
  return randomBytes(32) as SecretKey;
}

/** The key from the environment, or the data folder's own (in `fileName`), made there on first use. */
export function loadSecretKey(fromEnv: string | undefined, dataDir: string, fileName = KEY_FILE, name = "SECOND_FACTOR_KEY"): SecretKey {
  if (fromEnv) return secretKeyFrom(fromEnv, name);
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return secretKeyFrom(readFileSync(file, "utf8"), file);
  mkdirSync(dataDir, { recursive: true });
  const key = newSecretKey();
  // "wx": two instances starting at once cannot each write a different key.
  try {
    writeFileSync(file, key.toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch {
    return secretKeyFrom(readFileSync(file, "utf8"), file);
  }
  return key;
}

export function seal(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws SealedSecretWontOpen, never the cipher's own error. */
export function open(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SealedSecretWontOpen();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedSecretWontOpen();
  }
}
