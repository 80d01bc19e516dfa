/**
 * The schools' Wonde tokens at rest, sealed (src/app/auth/secret-box.ts) with a
 * key from the environment (WONDE_TOKEN_KEY, 32 bytes as base64 or hex) and the
 * school's id bound in, so a token copied onto another school's row does not open.
 */
import { open, seal } from "../../auth/secret-box";

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
    seal: (token, schoolId) => seal(key, token, schoolId),
    open(sealed, schoolId) {
      try {
        return open(key, sealed, schoolId);
      } catch {
        throw new Error("the stored Wonde token does not open with this WONDE_TOKEN_KEY: connect the school again, or restore the key it was stored with");
      }
    },
  };
}
