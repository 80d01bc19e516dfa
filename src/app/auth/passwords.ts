import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id (a const enum the compiler cannot import under verbatimModuleSyntax).
const ARGON2ID = 2;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Compared against when the email is unknown, so timing does not reveal which accounts exist. */
export const DUMMY_HASH = await hashPassword("doorstep-timing-equaliser");
