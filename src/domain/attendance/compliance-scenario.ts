import { InvalidInput } from "../errors";
import type { PolicyId } from "../policy/template";
import type { ReplayInput } from "./compliance";
import { parseRecords, recordsSchema, requireSchoolDay } from "./scenario";
import { dateSchema } from "./scenario-marks";

/** A scenario file for `doorstep compliance` (shared/spec/compliance.md): an evaluate scenario with `from` and `to` for `today`. */
export interface ComplianceScenario extends ReplayInput {
  policy: PolicyId;
}

const complianceSchema = recordsSchema.extend({ from: dateSchema, to: dateSchema });

/**
 * Validates a parsed compliance scenario as parseScenario does an evaluate
 * one; `from` and `to` must be school days, `from` on or before `to`.
 */
export function parseComplianceScenario(json: unknown): ComplianceScenario {
  const { scenario, calendar } = parseRecords(json, complianceSchema);
  requireSchoolDay(calendar, scenario.nonSchoolDays, "from", scenario.from);
  requireSchoolDay(calendar, scenario.nonSchoolDays, "to", scenario.to);
  if (scenario.from > scenario.to) throw new InvalidInput("to", `${scenario.to} is before from (${scenario.from})`);
  const { policy, from, to, nonSchoolDays, pupils, marks, contacts, sightings, visits } = scenario;
  return { policy, from, to, nonSchoolDays, pupils, marks, contacts, sightings, visits };
}
