import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POLICY_IDS } from "../../policy/template";
import { policyTemplates } from "../../policy/templates";
import { evaluate } from "../evaluate";
import { scenarioArb } from "../testing/scenario-arbitrary";
import { evaluateStatutory } from "./evaluate-statutory";
import { LA_PACKS } from "./la-packs";

/**
 * The law beneath the policy: whatever template a school runs, the duties are
 * the same, and where a template happens to carry one of them (burgh's local
 * 10-day duty) the statutory layer owes it too.
 */
describe("evaluateStatutory: properties", () => {
  it("never depends on the template: the same duties under every policy", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const expected = evaluateStatutory(scenario);
        for (const policy of POLICY_IDS) expect(evaluateStatutory({ ...scenario, policy } as typeof scenario)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("owes a 10-day return whenever burgh's local duty notifies the LA", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const burgh = evaluate(policyTemplates.burgh, scenario).actions.filter((a) => a.action === "notify_local_authority");
        const law = evaluateStatutory(scenario).actions.filter((a) => a.duty === "ten_day_return");
        for (const a of burgh) expect(law.map((l) => l.upn)).toContain(a.upn);
      }),
      { numRuns: 150 },
    );
  });

  it("an LA pack never owes fewer 10-day or sickness returns than the national default", () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...Object.values(LA_PACKS)), (scenario, pack) => {
        const count = (p: typeof pack) => evaluateStatutory(scenario, p).actions.filter((a) => a.duty === "ten_day_return" || a.duty === "sickness_return").length;
        expect(count(pack)).toBeGreaterThanOrEqual(count(LA_PACKS.national!));
      }),
      { numRuns: 60 },
    );
  });
});
