import { expect, it } from "vitest";
import { secondFactorNeed } from "./second-factor";

it("asks the roles that read records and concerns, and everyone where the school says so", () => {
  expect(secondFactorNeed([{ roles: ["headteacher"], everyone: false }], true)).toBe("role");
  expect(secondFactorNeed([{ roles: ["visitor"], everyone: false }, { roles: ["dsl"], everyone: false }], true)).toBe("role");
  expect(secondFactorNeed([{ roles: ["visitor", "office", "governor", "business_manager"], everyone: false }], true)).toBe("none");
  expect(secondFactorNeed([{ roles: ["visitor"], everyone: true }], true)).toBe("school");
  // Switched off for the deployment (the test servers): the school's own setting still holds.
  expect(secondFactorNeed([{ roles: ["trust_admin"], everyone: false }], false)).toBe("none");
  expect(secondFactorNeed([{ roles: ["attendance_lead"], everyone: true }], false)).toBe("school");
  expect(secondFactorNeed([], true)).toBe("none");
});
