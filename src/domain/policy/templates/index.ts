import { policyTemplateSchema, type PolicyId, type PolicyTemplate, type PolicyTemplateInput } from "../template";
import { burgh } from "./burgh";
import { coteford } from "./coteford";
import { hunsburyPark } from "./hunsbury-park";
import { scargill } from "./scargill";
import { transformTrust } from "./transform-trust";

const written: Record<PolicyId, PolicyTemplateInput> = {
  burgh,
  scargill,
  coteford,
  "transform-trust": transformTrust,
  "hunsbury-park": hunsburyPark,
};

/**
 * The policy templates the project ships, keyed by id. Each is parsed through
 * the same schema a school's edited copy goes through, so a mistake in the data
 * fails at start-up rather than in a morning's list. Frozen all the way down:
 * every school shares them, so an edit must be made on a copy.
 */
export const policyTemplates: Readonly<Record<PolicyId, PolicyTemplate>> = deepFreeze(
  Object.fromEntries(Object.entries(written).map(([id, t]) => [id, policyTemplateSchema.parse(t)])) as Record<
    PolicyId,
    PolicyTemplate
  >,
);

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
