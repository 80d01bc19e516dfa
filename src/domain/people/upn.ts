/**
 * The DfE unique pupil number (UPN): 13 characters, a check letter then 12: the
 * LA number (3 digits), the establishment number (4), the year of issue (2) and
 * a serial (3 digits, or 2 digits and a letter for a temporary UPN). The check
 * letter is the sum of each of characters 2-13 times its position, modulo 23, as
 * a letter of the alphabet without I, O and S; a temporary UPN's final letter
 * counts as its place in that same alphabet (DfE, "Unique pupil numbers
 * (UPNs)"; the Government Data Standards Catalogue, UniquePupilNumber 2.0).
 */
const LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** The check letter of the 12 characters after it, or null when they are not of the UPN's shape. */
export function upnCheckLetter(rest: string): string | null {
  if (!/^[0-9]{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(rest)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = rest[i]!;
    const value = i === 11 && /[A-Z]/.test(c) ? LETTERS.indexOf(c) : Number(c);
    sum += value * (i + 2);
  }
  return LETTERS[sum % 23]!;
}

/** Why `upn` (trimmed, upper case) is not a UPN, or null when it is one. */
export function upnProblem(upn: string): string | null {
  if (upn.length !== 13) return `is not a UPN: a UPN has 13 characters, this has ${upn.length}`;
  const check = upnCheckLetter(upn.slice(1));
  if (!check) return "is not a UPN: after the first letter come 11 digits, then a digit or (for a temporary UPN) a letter other than I, O or S";
  if (upn[0] !== check) return `is not a UPN: its check letter (the first character) should be ${check}, so it was probably mistyped`;
  return null;
}

/** A UPN from its 12 characters after the check letter (for demo and test data). */
export function withCheckLetter(rest: string): string {
  const check = upnCheckLetter(rest);
  if (!check) throw new Error(`${rest} is not the body of a UPN`);
  return check + rest;
}
