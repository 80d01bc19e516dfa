import { InvalidInput } from "../errors";

/** NCSC guidance: length over composition rules; refuse the obvious. */
export function checkPasswordStrength(password: string, field = "password"): void {
  if (password.length < 10) throw new InvalidInput(field, "must be at least 10 characters");
  if (password.length > 200) throw new InvalidInput(field, "must be at most 200 characters");
  if (/^(.)\1+$/.test(password)) throw new InvalidInput(field, "must not be one repeated character");
}
