/**
 * DfE attendance codes (School attendance guidance, from August 2024) and the
 * class each belongs to. The classes are what the home-visit rules reason about;
 * the table is exactly the one in shared/spec/evaluate.md.
 */

export const CODE_CLASSES = [
  "present",
  "attending_elsewhere",
  /** `U`: late after registers closed. Unauthorised in the figures, but the child was seen. */
  "late_unauthorised",
  "authorised_absence",
  "unauthorised_absence",
  /** Not a possible session: ignored in every count. */
  "not_possible",
] as const;

export type CodeClass = (typeof CODE_CLASSES)[number];

const CODES_BY_CLASS = {
  present: ["/", "\\", "L"],
  attending_elsewhere: ["K", "V", "P", "W", "B"],
  late_unauthorised: ["U"],
  authorised_absence: ["C", "C1", "C2", "E", "I", "M", "J1", "S", "T", "R"],
  unauthorised_absence: ["G", "N", "O"],
  not_possible: ["D", "X", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#"],
} as const satisfies Record<CodeClass, readonly string[]>;

export type AttendanceCode = (typeof CODES_BY_CLASS)[CodeClass][number];

export const ATTENDANCE_CODES: readonly AttendanceCode[] = Object.values(CODES_BY_CLASS).flat();

const CLASS_OF = new Map<string, CodeClass>(
  (Object.entries(CODES_BY_CLASS) as [CodeClass, readonly string[]][]).flatMap(([cls, codes]) =>
    codes.map((code) => [code, cls] as const),
  ),
);

export function isAttendanceCode(value: unknown): value is AttendanceCode {
  return typeof value === "string" && CLASS_OF.has(value);
}

export function classifyCode(code: AttendanceCode): CodeClass {
  const cls = CLASS_OF.get(code);
  if (cls === undefined) throw new Error(`not an attendance code: ${JSON.stringify(code)}`);
  return cls;
}

/** A mark that is not "not a possible session" is counted in every definition. */
export function isCounted(cls: CodeClass): boolean {
  return cls !== "not_possible";
}

/** Absence for the run: `U` is not absence here because the child was in school. */
export function isAbsence(cls: CodeClass): boolean {
  return cls === "authorised_absence" || cls === "unauthorised_absence";
}

/** Present, attending elsewhere, or `U`: the child was seen in person that session. */
export function isSeen(cls: CodeClass): boolean {
  return cls === "present" || cls === "attending_elsewhere" || cls === "late_unauthorised";
}

/** The numerator of attendance %: present or attending approved education elsewhere. */
export function isAttending(cls: CodeClass): boolean {
  return cls === "present" || cls === "attending_elsewhere";
}
