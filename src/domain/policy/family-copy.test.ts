import { describe, expect, it } from "vitest";
import { familyPolicyCopy } from "./family-copy";
import { policyTemplates } from "./templates";
import { POLICY_IDS } from "./template";

const school = { name: "Test School", phone: "01234 567890", email: null, address: null };
const copyOf = (id: (typeof POLICY_IDS)[number]) => familyPolicyCopy(policyTemplates[id], school, { version: 1, effectiveFrom: "2000-01-01" });
const said = (id: (typeof POLICY_IDS)[number]) => copyOf(id).sections.flatMap((s) => s.items.map((i) => `${i.text} (${i.clause})`));

describe("the family's copy of the policy", () => {
  it("is made for every template from its own data, every point with its clause, none of Doorstep's defaults promised", () => {
    for (const id of POLICY_IDS) {
      const copy = copyOf(id);
      expect(copy.inForceFrom).toBeNull();
      const text = said(id).join("\n");
      expect(text, id).not.toMatch(/undefined|\[object|Doorstep default|NaN/);
      expect(copy.sections.map((s) => s.heading), id).toContain("At your door and in your home");
      for (const item of copy.sections.flatMap((s) => s.items)) if (item.clause) expect(item.clause.startsWith(id === "hunsbury-park" ? "hunsbury-park" : id), `${id}: ${item.text}`).toBe(true);
    }
  });

  it("says each school's rules at the door as its policy does", () => {
    expect(said("coteford")).toContain("Staff come into your home only for an appointment made with you, at the time arranged. (coteford 2.6)");
    expect(said("burgh")).toContain("Staff never come in when only a child or children are at home. (burgh 8)");
    expect(said("burgh").join(" ")).not.toContain("appointment made with you");
    expect(said("scargill")).toContain("Staff are never alone with your child: a parent and another member of staff are always there. (scargill after the visit)");
    expect(said("coteford")).toContain("If staff are ever in danger, they leave at once and call the police. (coteford 2.8)");
    expect(said("transform-trust")).toContain("If staff are ever in danger, they leave at once, and a full report is made afterwards. (transform-trust 2.5)");
  });

  it("says where the policy asks for a copy for parents (scargill introduction, transform-trust statement of intent), and nothing of it where it does not", () => {
    const asks = (id: (typeof POLICY_IDS)[number]) => copyOf(id).sections[0]!.items.find((i) => i.text.includes("made available to parents"))?.clause;
    expect(asks("scargill")).toBe("scargill introduction");
    expect(asks("transform-trust")).toBe("transform-trust statement of intent");
    expect(asks("coteford")).toBeUndefined();
  });

  it("names Hunsbury Park's Family Support Worker and each policy's safe working practices under its clause", () => {
    expect(said("hunsbury-park")).toContain("Visits are made by school staff, including the school's Family Support Worker (FSW). (hunsbury-park 1, 3)");
    expect(said("transform-trust")).toContain("Staff who visit are trained in safe working practices. (transform-trust 3.1)");
    expect(said("scargill").find((s) => s.startsWith("Staff who visit are trained in safe working practices,"))).toMatch(/\(scargill training\)$/);
  });

  it("quotes the question at the door where a school's saved copy has no family wording for it", () => {
    const policy = structuredClone(policyTemplates.coteford);
    delete policy.conduct.goingIn!.value.questions[2]!.forFamilies;
    const copy = familyPolicyCopy(policy, school, { version: 2, effectiveFrom: "2026-11-23" });
    expect(copy.inForceFrom).toBe("2026-11-23");
    expect(copy.sections.flatMap((s) => s.items)).toContainEqual({ text: 'Before coming in, staff are asked: "Are both of you going in together?"', clause: "coteford 2.10" });
  });
});
