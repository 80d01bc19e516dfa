import { z } from "zod";
import { InvalidInput } from "../errors";
import { isPolicyId, POLICY_IDS, type PolicyId } from "../policy/template";
import { VISIT_OUTCOMES, type EvaluationInput, type Mark } from "./evaluation-input";
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

const recordsSchema = z.object({
  policy: z.string().refine(isPolicyId, {
    error: (iss) => `unknown template ${JSON.stringify(iss.input)}; the templates are ${POLICY_IDS.join(", ")}`,
  }),
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
const scenarioSchema = recordsSchema.extend({ today: date });

/**
 * Validates a parsed scenario JSON. Throws InvalidInput naming the first field
 * at fault (`marks[3].code: unknown attendance code "ZZ"`); checks what a
 * schema cannot: pupils are unique, every record names a listed pupil, no two
 * marks share a pupil, date and session, and `today` is a school day.
 */
export function parseScenario(json: unknown): Scenario {
  const { scenario, calendar } = parseRecords(json, scenarioSchema);
  requireSchoolDay(calendar, scenario.nonSchoolDays, "today", scenario.today);
  return scenario;
}

/**
 * Everything parseScenario checks but `today`, with the fields `schema` adds
 * (compliance.md puts `from` and `to` in its place). Throws InvalidInput
 * naming the first field at fault.
 */
export function parseRecords<S extends typeof recordsSchema>(
  json: unknown,
  schema: S,
): { scenario: Omit<z.infer<S>, "marks"> & { policy: PolicyId; marks: Mark[] }; calendar: SchoolCalendar } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidInput("scenario", "must be a JSON object");
  }
  const parsed = schema.safeParse(json, {
    error: (iss) => (iss.input === undefined ? "required" : undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(fieldPath(issue.path, "scenario"), issue.message);
  }
  const s = parsed.data as z.infer<typeof recordsSchema>;

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
  const scenario = { ...(parsed.data as z.infer<S>), policy: s.policy as PolicyId, marks };
  return { scenario, calendar: new SchoolCalendar(s.nonSchoolDays) };
}

export { recordsSchema };

/** Every list is made for a school day. */
export function requireSchoolDay(calendar: SchoolCalendar, nonSchoolDays: readonly string[], field: string, day: string): void {
  if (!calendar.isSchoolDay(day)) {
    const why = nonSchoolDays.includes(day) ? "it is listed in nonSchoolDays" : `it is a ${weekdayName(day)}`;
    throw new InvalidInput(field, `${day} is not a school day (${why})`);
  }
}
