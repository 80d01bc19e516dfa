import { z } from "zod";
import { InvalidInput } from "../errors";
import { isPolicyId, POLICY_IDS, type PolicyId } from "../policy/template";
import { VISIT_OUTCOMES, type EvaluationInput } from "./evaluation-input";
import { fieldPath } from "./field-path";
import { weekdayName } from "./iso-date";
import { checkMarks, dateSchema, upnSchema } from "./scenario-marks";
import { SchoolCalendar } from "./school-calendar";

/**
 * A scenario file for `doorstep evaluate` (shared/spec/evaluate.md): the input
 * of the engine plus the id of the template to evaluate it against.
 */
export interface Scenario extends EvaluationInput {
  policy: PolicyId;
}

const date = dateSchema;
const upn = upnSchema;

const scenarioSchema = z.object({
  policy: z.string().refine(isPolicyId, {
    error: (iss) => `unknown template ${JSON.stringify(iss.input)}; the templates are ${POLICY_IDS.join(", ")}`,
  }),
  today: date,
  nonSchoolDays: z.array(date).default([]),
  pupils: z.array(z.object({ upn, vulnerable: z.boolean().default(false) })),
  // Checked by checkMarks: there may be millions.
  marks: z.unknown().optional(),
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

  const pupils = new Map<string, number>();
  s.pupils.forEach((p, i) => {
    if (pupils.has(p.upn)) throw new InvalidInput(`pupils[${i}].upn`, `duplicate pupil ${JSON.stringify(p.upn)}`);
    pupils.set(p.upn, i);
  });
  const marks = checkMarks(s.marks, pupils);
  for (const list of ["contacts", "sightings", "visits"] as const) {
    s[list].forEach((r, i) => {
      if (!pupils.has(r.upn)) {
        throw new InvalidInput(`${list}[${i}].upn`, `pupil ${JSON.stringify(r.upn)} is not listed in pupils`);
      }
    });
  }

  const calendar = new SchoolCalendar(s.nonSchoolDays);
  if (!calendar.isSchoolDay(s.today)) {
    const why = s.nonSchoolDays.includes(s.today) ? "it is listed in nonSchoolDays" : `it is a ${weekdayName(s.today)}`;
    throw new InvalidInput("today", `${s.today} is not a school day (${why})`);
  }

  return { ...s, policy: s.policy as PolicyId, marks };
}
