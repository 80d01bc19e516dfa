import { z } from "zod";
import { InvalidInput } from "../errors";
import { isPolicyId, POLICY_IDS, type PolicyId } from "../policy/template";
import { isAttendanceCode, type AttendanceCode } from "./codes";
import { SESSIONS, VISIT_OUTCOMES, type EvaluationInput } from "./evaluation-input";
import { fieldPath } from "./field-path";
import { isIsoDate, weekdayName } from "./iso-date";
import { SchoolCalendar } from "./school-calendar";

/**
 * A scenario file for `doorstep evaluate` (shared/spec/evaluate.md): the input
 * of the engine plus the id of the template to evaluate it against.
 */
export interface Scenario extends EvaluationInput {
  policy: PolicyId;
}

const date = z.string().refine(isIsoDate, {
  error: (iss) => `malformed date ${JSON.stringify(iss.input)}, expected a real date as YYYY-MM-DD`,
});
const upn = z.string().min(1, "must not be empty");

const scenarioSchema = z.object({
  policy: z.string().refine(isPolicyId, {
    error: (iss) => `unknown template ${JSON.stringify(iss.input)}; the templates are ${POLICY_IDS.join(", ")}`,
  }),
  today: date,
  nonSchoolDays: z.array(date).default([]),
  pupils: z.array(z.object({ upn, vulnerable: z.boolean().default(false) })),
  marks: z
    .array(
      z.object({
        upn,
        date,
        session: z.enum(SESSIONS, { error: (iss) => `session must be AM or PM, not ${JSON.stringify(iss.input)}` }),
        code: z.string().refine(isAttendanceCode, {
          error: (iss) => `unknown attendance code ${JSON.stringify(iss.input)}`,
        }),
      }),
    )
    .default([]),
  contacts: z.array(z.object({ upn, date, reached: z.boolean() })).default([]),
  sightings: z.array(z.object({ upn, date })).default([]),
  visits: z
    .array(
      z.object({
        upn,
        date,
        outcome: z.enum(VISIT_OUTCOMES, {
          error: (iss) => `unknown visit outcome ${JSON.stringify(iss.input)}; outcomes are ${VISIT_OUTCOMES.join(", ")}`,
        }),
      }),
    )
    .default([]),
});

/**
 * Validates a parsed scenario JSON. Throws InvalidInput naming the first field
 * at fault (`marks[3].code: unknown attendance code "ZZ"`); checks what a
 * schema cannot: pupils are unique, every record names a listed pupil, no two
 * marks share a pupil, date and session, and `today` is a school day.
 */
export function parseScenario(json: unknown): Scenario {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidInput("scenario", "must be a JSON object");
  }
  const parsed = scenarioSchema.safeParse(json, {
    error: (iss) => (iss.input === undefined ? "required" : undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(fieldPath(issue.path, "scenario"), issue.message);
  }
  const s = parsed.data;

  const pupils = new Set<string>();
  s.pupils.forEach((p, i) => {
    if (pupils.has(p.upn)) throw new InvalidInput(`pupils[${i}].upn`, `duplicate pupil ${JSON.stringify(p.upn)}`);
    pupils.add(p.upn);
  });
  for (const list of ["marks", "contacts", "sightings", "visits"] as const) {
    s[list].forEach((r, i) => {
      if (!pupils.has(r.upn)) {
        throw new InvalidInput(`${list}[${i}].upn`, `pupil ${JSON.stringify(r.upn)} is not listed in pupils`);
      }
    });
  }
  rejectDuplicateMarks(s.marks);

  const calendar = new SchoolCalendar(s.nonSchoolDays);
  if (!calendar.isSchoolDay(s.today)) {
    const why = s.nonSchoolDays.includes(s.today) ? "it is listed in nonSchoolDays" : `it is a ${weekdayName(s.today)}`;
    throw new InvalidInput("today", `${s.today} is not a school day (${why})`);
  }

  return {
    ...s,
    policy: s.policy as PolicyId,
    marks: s.marks as { upn: string; date: string; session: "AM" | "PM"; code: AttendanceCode }[],
  };
}

function rejectDuplicateMarks(marks: readonly { upn: string; date: string; session: string }[]): void {
  const seen = new Map<string, number>();
  marks.forEach((m, i) => {
    const key = `${m.upn}\u0000${m.date}\u0000${m.session}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InvalidInput(
        `marks[${i}]`,
        `a second mark for pupil ${JSON.stringify(m.upn)} on ${m.date} ${m.session} (the first is marks[${first}])`,
      );
    }
    seen.set(key, i);
  });
}
