import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy/templates";
import { evaluate } from "./evaluate";
import { parseScenario } from "./scenario";
import { compliance, type Compliance } from "./compliance";
import { parseComplianceScenario } from "./compliance-scenario";
import { sortEpisodes } from "./testing/episodes";

/** The contract's worked examples (spec/examples/X.json and X.expected.json, copied from shared/spec). */
const examples = new URL("../../../spec/examples/", import.meta.url);
const names = readdirSync(fileURLToPath(examples))
  .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
  .map((f) => f.replace(/\.json$/, ""));
// compliance.md's examples replay a range rather than a day.
const isCompliance = (name: string) => name.startsWith("compliance-");
const evaluateNames = names.filter((n) => !isCompliance(n));
const complianceNames = names.filter(isCompliance);

const read = (file: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(file, examples)), "utf8"));
const pairs = (actions: readonly { upn: string; action: string }[]) => actions.map((a) => `${a.upn} ${a.action}`).sort();

describe("spec examples", () => {
  it("finds the examples", () => {
    expect(names).toEqual(expect.arrayContaining(["burgh-example", "scargill-example", "compliance-burgh-example"]));
  });

  it.each(evaluateNames)("%s gives exactly the expected actions", (name) => {
    const scenario = parseScenario(read(`${name}.json`));
    const expected = read(`${name}.expected.json`) as { actions: { upn: string; action: string }[] };
    const result = evaluate(policyTemplates[scenario.policy], scenario);
    expect(result.date).toBe(scenario.today);
    expect(pairs(result.actions)).toEqual(pairs(expected.actions));
    for (const a of result.actions) {
      expect(a.rule.trim()).not.toBe("");
      expect(a.reason.trim()).not.toBe("");
    }
  });
});

describe("compliance spec examples", () => {
  it.each(complianceNames)("%s gives exactly the expected episodes and summary", (name) => {
    const scenario = parseComplianceScenario(read(`${name}.json`));
    const expected = read(`${name}.expected.json`) as Compliance;
    const result = compliance(policyTemplates[scenario.policy], scenario);
    expect(result.from).toBe(expected.from);
    expect(result.to).toBe(expected.to);
    expect(sortEpisodes(result.episodes)).toEqual(sortEpisodes(expected.episodes));
    expect(result.summary).toEqual(expected.summary);
  });
});
