import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./roles";
import { grantRefusal, GRANTED_BY, type Granter } from "./role-grants";

const staff = (...roles: Role[]): Granter => ({ kind: "staff", roles: new Set(roles) });

describe("who may grant a role", () => {
  it("lets only a trust administrator grant trust administration", () => {
    expect(grantRefusal(staff("headteacher"), "trust_admin")).toMatch(/only a trust admin/);
    expect(grantRefusal(staff("business_manager"), "trust_admin")).not.toBeNull();
    expect(grantRefusal(staff("trust_admin"), "trust_admin")).toBeNull();
  });

  it("needs the headteacher for the safeguarding roles", () => {
    for (const role of ["dsl", "deputy_dsl"] as const) {
      expect(grantRefusal(staff("business_manager"), role)).toMatch(/only a headteacher/);
      expect(grantRefusal(staff("trust_admin"), role)).not.toBeNull();
      expect(grantRefusal(staff("dsl"), role)).not.toBeNull();
      expect(grantRefusal(staff("headteacher"), role)).toBeNull();
    }
  });

  it("lets a business manager add the school's working roles but not a head, a governor or the DSL team", () => {
    const sbm = staff("business_manager");
    expect(["attendance_lead", "visitor", "office"].map((r) => grantRefusal(sbm, r as Role))).toEqual([null, null, null]);
    for (const r of ["headteacher", "business_manager", "governor", "dsl", "deputy_dsl", "trust_admin"] as const) expect(grantRefusal(sbm, r)).not.toBeNull();
  });

  it("refuses every role to staff who administer nobody", () => {
    for (const holder of ["dsl", "deputy_dsl", "attendance_lead", "visitor", "office", "governor"] as const)
      for (const role of ROLES) expect(grantRefusal(staff(holder), role), `${holder} granting ${role}`).not.toBeNull();
  });

  it("lets the operator at the command line grant anything, and names a granter for every role", () => {
    for (const role of ROLES) {
      expect(grantRefusal({ kind: "operator" }, role)).toBeNull();
      expect(GRANTED_BY[role].length).toBeGreaterThan(0);
    }
  });
});
