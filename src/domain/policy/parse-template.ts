import { InvalidInput } from "../errors";
import { policyTemplateSchema, type PolicyTemplate } from "./template";
import { fieldPath } from "../attendance/field-path";

/**
 * A school's stored (possibly edited) template, validated. Throws InvalidInput
 * naming the first field at fault, e.g. `absenceRules[2].maxSchoolDaysUnseen`.
 */
export function parsePolicyTemplate(json: unknown): PolicyTemplate {
  const parsed = policyTemplateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInput(fieldPath(issue.path, "template"), issue.message);
  }
  const kinds = new Set<string>();
  parsed.data.absenceRules.forEach((rule, i) => {
    // One rule per kind: the list has one entry per pupil and action kind.
    if (kinds.has(rule.kind)) throw new InvalidInput(`absenceRules[${i}].kind`, `a second "${rule.kind}" rule`);
    kinds.add(rule.kind);
  });
  return parsed.data;
}
