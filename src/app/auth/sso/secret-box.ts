/** A school's OpenID client secret at rest: sealed with the school's id bound in (src/app/auth/secret-box.ts). */
import { loadSecretKey, open, seal } from "../secret-box";

export const sealSecret = seal;

export class SecretWontOpen extends Error {
  constructor() {
    super("The sealed secret does not open with this key (SSO_SECRET_KEY changed, or the row was altered).");
    this.name = "SecretWontOpen";
  }
}

export function openSecret(key: Buffer, sealed: string, boundTo: string): string {
  try {
    return open(key, sealed, boundTo);
  } catch {
    throw new SecretWontOpen();
  }
}

/** SSO_SECRET_KEY, or the development key kept in DATA_DIR (made on first use, readable by this user only). */
export function ssoSecretKey(config: { SSO_SECRET_KEY?: string; DATA_DIR: string }): Buffer {
  return loadSecretKey(config.SSO_SECRET_KEY, config.DATA_DIR, "sso-secret.key", "SSO_SECRET_KEY");
}
