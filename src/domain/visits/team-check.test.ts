import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy";
import type { StaffRecord } from "../people/staff-record";
import { checkTeam, expiringWithin, memberFailures } from "./team-check";

const qualified = (name: string, over: Partial<StaffRecord> = {}): StaffRecord => ({
  userId: name,
  name,
  mobile: "07700 900001",
  dbs: { number: "001234567890", issuedOn: "2025-01-10" },
  barredListCheckedOn: "2025-01-10",
  training: ["safe working practices", "cultural awareness", "diversity and racial equality", "specific equipment training", "manual handling", "first aid", "disengagement techniques", "conflict management"].map((kind) => ({ kind, completedOn: "2025-09-01", expiresOn: "2027-09-01" })),
  vehicle: { make: "Ford", model: "Fiesta", registration: "AB12 CDE", colour: "Blue", insuranceExpiresOn: "2027-01-31" },
  ...over,
});
const ctx = { visitDay: "2026-11-24", riskAssessmentSaysPair: null };

describe("team requirements", () => {
  it("accepts two qualified staff under Coteford", () => {
    expect(checkTeam(policyTemplates.coteford, [{ staff: qualified("Ann"), driver: true }, { staff: qualified("Bea"), driver: false }], ctx)).toEqual([]);
  });

  it("says exactly which requirement fails, for whom, under which clause", () => {
    const unqualified = qualified("Carl", { dbs: null, barredListCheckedOn: null, mobile: null });
    const failures = checkTeam(policyTemplates.coteford, [{ staff: unqualified, driver: false }], ctx);
    expect(failures.map((f) => [f.requirement, f.clause])).toEqual([
      ["team_size", "coteford 2.10"],
      ["phone", "coteford 2.4, 3.10"],
      ["enhanced_dbs", "coteford 5.1"],
      ["barred_list", "coteford 5.1"],
    ]);
    expect(failures[2]!.message).toBe("Carl: no enhanced DBS certificate is recorded.");
  });

  it("judges one person as the team check does, for the picker: unnamed, as passenger and as driver", () => {
    const uninsured = qualified("Eve", { vehicle: { make: "VW", model: "Polo", registration: "XY65 ZZZ", colour: "Red", insuranceExpiresOn: "2026-11-01" } });
    expect(memberFailures(policyTemplates.scargill, { staff: uninsured, driver: false }, ctx.visitDay)).toEqual([]);
    expect(memberFailures(policyTemplates.scargill, { staff: uninsured, driver: true }, ctx.visitDay)).toEqual([
      { requirement: "vehicle_insurance", clause: expect.any(String), userId: "Eve", message: "the insurance of XY65 ZZZ expired on 2026-11-01" },
    ]);
  });

  it("checks training with expiry (scargill training) and a driver's insured vehicle", () => {
    const lapsed = qualified("Dee", { training: qualified("x").training.map((t) => (t.kind === "first aid" ? { ...t, expiresOn: "2026-10-01" } : t)) });
    const uninsured = qualified("Eve", { vehicle: { make: "VW", model: "Polo", registration: "XY65 ZZZ", colour: "Red", insuranceExpiresOn: "2026-11-01" } });
    const failures = checkTeam(policyTemplates.scargill, [{ staff: lapsed, driver: false }, { staff: uninsured, driver: true }], ctx);
    expect(failures.map((f) => f.message)).toEqual(['Dee: "first aid" training expired before the visit.', "Eve: the insurance of XY65 ZZZ expired on 2026-11-01."]);
  });

  it("asks for safe working practices under the clause that says so (scargill training, hunsbury-park 3, transform-trust 3.1)", () => {
    const untrained = qualified("Gus", { training: qualified("x").training.filter((t) => t.kind !== "safe working practices") });
    const lacks = (id: "scargill" | "hunsbury-park" | "transform-trust") =>
      memberFailures(policyTemplates[id], { staff: untrained, driver: false }, ctx.visitDay).map((f) => [f.requirement, f.clause, f.message]);
    expect(lacks("transform-trust")).toEqual([["training", "transform-trust 3.1", 'no "safe working practices" training is recorded']]);
    expect(lacks("scargill")).toEqual([["training", "scargill training", 'no "safe working practices" training is recorded']]);
    expect(lacks("hunsbury-park")).toEqual([["training", "hunsbury-park 3", 'no "safe working practices" training is recorded']]);
    expect(memberFailures(policyTemplates["transform-trust"], { staff: qualified("Hal"), driver: false }, ctx.visitDay)).toEqual([]);
  });

  it("pairs under Burgh only when the risk assessment says so; lone working is allowed under Hunsbury", () => {
    const one = [{ staff: qualified("Fay"), driver: false }];
    expect(checkTeam(policyTemplates.burgh, one, ctx)).toEqual([]);
    expect(checkTeam(policyTemplates.burgh, one, { ...ctx, riskAssessmentSaysPair: true })[0]!.clause).toBe("burgh 7, 11");
    expect(checkTeam(policyTemplates["hunsbury-park"], one, ctx)).toEqual([]);
  });

  it("counts someone from outside the school toward a pair only where the template says so (burgh 1, 9: it does not)", () => {
    const one = [{ staff: qualified("Fay"), driver: false }];
    const paired = { ...ctx, riskAssessmentSaysPair: true, companions: 1 };
    expect(policyTemplates.burgh.conduct.companions).toMatchObject({ value: { countTowardPair: false }, clause: "burgh 1; burgh 9" });
    expect(checkTeam(policyTemplates.burgh, one, paired).map((f) => f.requirement)).toEqual(["team_size"]);
    expect(policyTemplates.coteford.conduct.companions).toBeNull();
    const counting = { ...policyTemplates.burgh, conduct: { ...policyTemplates.burgh.conduct, companions: { value: { countTowardPair: true }, clause: "a school's own copy" } } };
    expect(checkTeam(counting, one, paired)).toEqual([]);
    expect(checkTeam(counting, one, { ...paired, companions: 0 }).map((f) => f.requirement)).toEqual(["team_size"]);
  });

  it("lists checks and training running out within 30 days", () => {
    const s = qualified("Gil", { vehicle: { make: "VW", model: "Up", registration: "GG11 GGG", colour: "White", insuranceExpiresOn: "2026-12-10" }, dbs: { number: "1", issuedOn: "2023-12-01" } });
    expect(expiringWithin([s], "2026-11-22", 30).map((e) => e.what)).toEqual(["enhanced DBS re-check", "insurance for GG11 GGG"]);
  });
});
