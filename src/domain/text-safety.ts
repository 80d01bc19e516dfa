/**
 * Characters refused in imported text. Bidirectional overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069) make a name or an address display in another
 * order than it is stored ("Trojan Source"), so a list could show one family's
 * details under another's name; control characters (C0, DEL, C1) have no place
 * in a name and break exports and printing.
 */
const UNSAFE_CHARACTERS = "[\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]";
const UNSAFE = new RegExp(UNSAFE_CHARACTERS, "u");
const UNSAFE_ALL = new RegExp(UNSAFE_CHARACTERS, "gu");

/** Why `text` cannot be kept as it is, naming the character, or null. */
export function unsafeTextProblem(text: string): string | null {
  const m = UNSAFE.exec(text);
  if (!m) return null;
  const code = m[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const what = code >= 0x202a ? "a text-direction control character" : "a control character";
  return `contains ${what} (${hex}) at character ${m.index + 1}; retype the value or remove it in the MIS before exporting`;
}

/** `text` for an error message: each refused character shown as its code (<U+202E>), so the message reads as stored. */
export function visible(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`);
}
