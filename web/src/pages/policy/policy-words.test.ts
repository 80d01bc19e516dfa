import { describe, expect, it } from "vitest";
import { policyTemplates } from "../../../../src/domain/policy/templates";
import { describeConduct, describeRule, editableConduct, parameterValues, withParameters } from "./policy-words";

const coteford = policyTemplates.coteford;

describe("the Policy page's words", () => {
  it("says each of a shipped policy's rules in a sentence with its figures", () => {
    for (const rule of coteford.absenceRules) expect(describeRule(rule)).not.toMatch(/NaN|undefined|\[object/);
    const visit = coteford.absenceRules.find((r) => r.kind === "safe_and_well_visit");
    if (visit) expect(describeRule(visit)).toMatch(/^From day \d+ of an absence \(day \d+ for a vulnerable child\)/);
  });

  it("says the conduct figures in words", () => {
    expect(describeConduct("waitingLimitMinutes", 1)).toBe("Wait at most 1 minute");
    expect(describeConduct("lateArrivalLimitMinutes", 15)).toBe("Cancel after 15 minutes");
    expect(describeConduct("checkIns", { beforeVisit: true, onArrival: false, everyMinutes: null, afterVisit: true })).toBe("Call the office before the visit, after the visit");
    expect(describeConduct("checkIns", {})).toBe("No check-ins set");
  });
});

describe("the Edit parameters form", () => {
  it("puts the form's values back into a copy of the policy, an empty check-in interval as none", () => {
    const values = parameterValues(coteford);
    expect(Object.keys(values).length).toBeGreaterThan(0);
    // Unchanged values give the same policy.
    expect(withParameters(coteford, values)).toEqual(coteford);

    const [first] = Object.keys(values).filter((k) => k.startsWith("absenceRules["));
    const changed = withParameters(coteford, { ...values, [first!]: "7" });
    const [, index, key] = /^absenceRules\[(\d+)\]\.(\w+)$/.exec(first!)!;
    expect((changed.absenceRules[Number(index)] as unknown as Record<string, unknown>)[key!]).toBe(7);
    expect(coteford).toEqual(policyTemplates.coteford);

    if (editableConduct(coteford).some((f) => f.key === "checkIns")) {
      const none = withParameters(coteford, { ...values, "conduct.checkIns.value.everyMinutes": "" });
      expect((none.conduct.checkIns?.value as { everyMinutes: number | null }).everyMinutes).toBeNull();
    }
  });
});
