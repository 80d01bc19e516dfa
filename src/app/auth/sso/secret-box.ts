/**
 * Sealing a school's OpenID client secret at rest: AES-256-GCM with a random 96-bit IV,
 * the school's id bound in as associated data so a sealed secret copied to another
 * school's row does not open. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function sealSecret(key: Buffer, plain: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export class SecretWontOpen extends Error {
  constructor() {
    super("The sealed secret does not open with this key (SSO_SECRET_KEY changed, or the row was altered).");
    this.name = "SecretWontOpen";
  }
}

export function openSecret(key: Buffer, sealed: string, boundTo: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new SecretWontOpen();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretWontOpen();
  }
}

/** SSO_SECRET_KEY, or the development key kept in DATA_DIR (made on first use, readable by this user only). */
export function ssoSecretKey(config: { SSO_SECRET_KEY?: string; DATA_DIR: string }): Buffer {
  if (config.SSO_SECRET_KEY) return Buffer.from(config.SSO_SECRET_KEY, "base64");
  const file = path.resolve(config.DATA_DIR, "sso-secret.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes, base64`);
  return key;
}
