import { InvalidInput } from "../errors";
import { isPolicyId, policyTemplateSchema, type PolicyTemplate } from "./template";
import { policyTemplates } from "./templates";
import { fieldPath } from "../attendance/field-path";

/**
 * Conduct rules added after schools had saved versions (issue 21: going in, ID
 * cards, the danger procedure, burgh 7's background check). A version saved before them gets its seed
 * template's, so no school loses the door rules its own document sets; a
 * template of no seed gets the rule Doorstep applied before.
 */
const LATER_CONDUCT = ["goingIn", "idCard", "immediateDanger", "dslBackgroundCheck", "cancellationNotice"] as const;

const BEFORE_DOOR_RULES = {
  goingIn: null,
  dslBackgroundCheck: null,
  cancellationNotice: null,
  idCard: null,
  immediateDanger: {
    value: {
      policeCalledBy: "office",
      phone: "Call 999 if you can.",
      office: "Call 999 now.",
      fullReportRequired: false,
    },
    clause: "Doorstep default: the policy saved before danger procedures were kept",
  },
};

function withLaterConduct(json: unknown): unknown {
  if (typeof json !== "object" || json === null) return json;
  // Considerations (burgh 6.4, 6.5) came later too: a seed's saved version gets its seed's.
  if (!("considerations" in json) && isPolicyId((json as { id?: unknown }).id)) {
    json = { ...json, considerations: policyTemplates[(json as { id: keyof typeof policyTemplates }).id].considerations ?? [] };
  }
  // So did the agreement provisions (coteford 4.2, 4.3; transform-trust 5.2).
  if (!("agreements" in (json as object)) && isPolicyId((json as { id?: unknown }).id)) {
    json = { ...(json as object), agreements: policyTemplates[(json as { id: keyof typeof policyTemplates }).id].agreements };
  }
  const t = json as { id?: unknown; conduct?: unknown };
  if (typeof t.conduct !== "object" || t.conduct === null) return json;
  const conduct = t.conduct as Record<string, unknown>;
  const missing = LATER_CONDUCT.filter((k) => !(k in conduct));
  if (missing.length === 0) return json;
  const from = isPolicyId(t.id) ? policyTemplates[t.id].conduct : BEFORE_DOOR_RULES;
  return { ...t, conduct: { ...conduct, ...Object.fromEntries(missing.map((k) => [k, from[k]])) } };
}

/**
 * A school's stored (possibly edited) template, validated. Throws InvalidInput
 * naming the first field at fault, e.g. `absenceRules[2].maxSchoolDaysUnseen`.
 */
export function parsePolicyTemplate(json: unknown): PolicyTemplate {
  const parsed = policyTemplateSchema.safeParse(withLaterConduct(json));
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
