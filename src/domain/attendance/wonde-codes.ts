/**
 * Wonde passes on the code each MIS holds. The DfE's 2024 codes are used as they
 * are; a few MIS still report a long code by its one-letter ancestor (`J` for
 * `J1`, `C` with a description of C1 or C2 is kept as `C`), and a handful write
 * the Y codes without their digit. Anything else is refused, naming the code, so
 * a school is never given a list reasoned from a mark Doorstep guessed at.
 */
import { isAttendanceCode, type AttendanceCode } from "./codes";

/** One-letter or legacy forms seen from MIS exports, and the 2024 code each stands for. */
const ALIASES: Record<string, AttendanceCode> = {
  J: "J1",
  /** Before 2024 Y was one code ("unable to attend due to exceptional circumstances"); its nearest 2024 code is Y7 (any other exceptional reason). */
  Y: "Y7",
  /** Several MIS show "no mark" as a dash. */
  "-": "#",
};

export function dfeCodeOf(wondeCode: string): AttendanceCode | null {
  const code = wondeCode.trim().toUpperCase();
  if (isAttendanceCode(code)) return code;
  if (wondeCode.trim() === "\\") return "\\";
  return ALIASES[code] ?? null;
}
