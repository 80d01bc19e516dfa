/**
 * The schools' Wonde tokens at rest: AES-256-GCM with a key from the
 * environment (WONDE_TOKEN_KEY, 32 bytes as base64 or hex). The database holds
 * only `v1.<iv>.<tag>.<ciphertext>`; the school's id is bound in as associated
 * data, so a token copied onto another school's row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export class TokenKeyMissing extends Error {
  constructor() {
    super("WONDE_TOKEN_KEY is not set: a school's Wonde token cannot be stored or read. Set it to 32 random bytes, base64 (openssl rand -base64 32)");
    this.name = "TokenKeyMissing";
  }
}

export interface TokenBox {
  seal(token: string, schoolId: string): string;
  open(sealed: string, schoolId: string): string;
}

export function parseTokenKey(text: string): Buffer | null {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  return key.length === 32 ? key : null;
}

export function tokenBox(key: Buffer): TokenBox {
  return {
    seal(token, schoolId) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      c.setAAD(Buffer.from(schoolId));
      const body = Buffer.concat([c.update(token, "utf8"), c.final()]);
      return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed, schoolId) {
      const [v, iv, tag, body] = sealed.split(".");
      if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("the stored Wonde token is not in a form this server reads");
      const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      d.setAAD(Buffer.from(schoolId));
      d.setAuthTag(Buffer.from(tag, "base64url"));
      try {
        return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
      } catch {
        throw new Error("the stored Wonde token does not open with this WONDE_TOKEN_KEY: connect the school again, or restore the key it was stored with");
      }
    },
  };
}
