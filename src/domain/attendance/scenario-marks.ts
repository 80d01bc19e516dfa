import { z } from "zod";
import { InvalidInput } from "../errors";
import { isAttendanceCode } from "./codes";
import { SESSIONS, type Mark } from "./evaluation-input";
import { fieldPath } from "./field-path";
import { epochDayOf, isIsoDate } from "./iso-date";

/**
 * The register marks of a scenario, checked in one tight loop: a year for
 * 50,000 pupils is ~19M marks, too many to push through a general schema. The
 * schema below is used only to word the error for a mark that fails.
 */

export const dateSchema = z.string().refine(isIsoDate, {
  error: (iss) => `malformed date ${JSON.stringify(iss.input)}, expected a real date as YYYY-MM-DD`,
});
export const upnSchema = z.string().min(1, "must not be empty");

const markSchema = z.object({
  upn: upnSchema,
  date: dateSchema,
  session: z.enum(SESSIONS, { error: (iss) => `session must be AM or PM, not ${JSON.stringify(iss.input)}` }),
  code: z.string().refine(isAttendanceCode, { error: (iss) => `unknown attendance code ${JSON.stringify(iss.input)}` }),
});

/** Above this many pupil-days, duplicates are found with a Set rather than a bitmap. */
const BITMAP_LIMIT = 64_000_000;

export function checkMarks(raw: unknown, pupilIndex: ReadonlyMap<string, number>): Mark[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new InvalidInput("marks", `expected an array, received ${raw === null ? "null" : typeof raw}`);

  const validDates = new Map<unknown, number>();
  const pupilOf = new Int32Array(raw.length);
  const dayOf = new Int32Array(raw.length);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i] as Partial<Record<keyof Mark, unknown>> | null;
    let day = typeof m === "object" && m !== null ? validDates.get(m.date) : undefined;
    if (day === undefined && typeof m?.date === "string" && isIsoDate(m.date)) {
      day = epochDayOf(m.date);
      validDates.set(m.date, day);
    }
    if (
      day === undefined ||
      typeof m!.upn !== "string" ||
      m!.upn === "" ||
      (m!.session !== "AM" && m!.session !== "PM") ||
      !isAttendanceCode(m!.code)
    ) {
      throw markError(raw[i], i);
    }
    const p = pupilIndex.get(m!.upn);
    if (p === undefined) throw new InvalidInput(`marks[${i}].upn`, `pupil ${JSON.stringify(m!.upn)} is not listed in pupils`);
    pupilOf[i] = p;
    dayOf[i] = day;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const marks = raw as Mark[];
  rejectDuplicates(marks, pupilOf, dayOf, minDay, maxDay, pupilIndex.size);
  return marks;
}

function markError(mark: unknown, i: number): InvalidInput {
  const parsed = markSchema.safeParse(mark, { error: (iss) => (iss.input === undefined ? "required" : undefined) });
  const issue = parsed.error?.issues[0];
  if (!issue) return new InvalidInput(`marks[${i}]`, "not a valid mark");
  return new InvalidInput(`marks[${i}]${issue.path.length ? "." : ""}${fieldPath(issue.path, "")}`, issue.message);
}

/** Two marks for the same pupil, date and session are invalid input (spec: marks). */
function rejectDuplicates(
  marks: readonly Mark[],
  pupilOf: Int32Array,
  dayOf: Int32Array,
  minDay: number,
  maxDay: number,
  pupilCount: number,
): void {
  const width = maxDay - minDay + 1;
  const slotOf = (i: number) => (pupilOf[i]! * width + dayOf[i]! - minDay) * 2 + (marks[i]!.session === "AM" ? 0 : 1);
  const duplicateAt = (i: number): never => {
    const slot = slotOf(i);
    const first = marks.findIndex((_, j) => slotOf(j) === slot);
    const m = marks[i]!;
    throw new InvalidInput(
      `marks[${i}]`,
      `a second mark for pupil ${JSON.stringify(m.upn)} on ${m.date} ${m.session} (the first is marks[${first}])`,
    );
  };
  if (marks.length === 0) return;
  if (pupilCount * width <= BITMAP_LIMIT) {
    const taken = new Uint8Array(pupilCount * width);
    for (let i = 0; i < marks.length; i++) {
      const at = pupilOf[i]! * width + dayOf[i]! - minDay;
      const bit = marks[i]!.session === "AM" ? 1 : 2;
      if (taken[at]! & bit) duplicateAt(i);
      taken[at]! |= bit;
    }
  } else {
    const taken = new Set<number>();
    for (let i = 0; i < marks.length; i++) {
      const slot = slotOf(i);
      if (taken.has(slot)) duplicateAt(i);
      taken.add(slot);
    }
  }
}
