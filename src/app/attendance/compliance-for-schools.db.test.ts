/**
 * A trust's compliance (complianceForSchools) is each school's own
 * complianceForRange, in the order the schools were given, however many run at
 * once; a school whose calendar refuses the range fails the whole call with
 * the field at fault.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { nonSchoolDays, pupils } from "../../db/schema";
import { InvalidInput } from "../../domain/errors";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { complianceForRange, complianceForSchools } from "./compliance-for-range";
import { importMarks, streamOf } from "./import-marks";

let db: DatabaseHandle;
const schoolIds: string[] = [];
const DAYS = ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13", "16", "17", "18"].map((d) => `2026-11-${d}`);
const FROM = "2026-11-09";
const TO = "2026-11-18";

beforeAll(async () => {
  db = await openTestDatabase();
  // Three schools: a child absent from the 3rd, absent from the 10th, and always present.
  for (const [n, firstAbsent] of [[1, "2026-11-03"], [2, "2026-11-10"], [3, null]] as const) {
    const school = await buildSchool(db, { policyTemplateId: "burgh" });
    schoolIds.push(school.id);
    const upn = `A10000000000${n}`;
    await db.db.insert(pupils).values({ schoolId: school.id, upn, firstName: "Amira", lastName: `Haddad ${n}` });
    const lines = ["upn,date,session,code"];
    for (const d of DAYS) {
      const absent = firstAbsent !== null && d >= firstAbsent;
      lines.push(`${upn},${d},AM,${absent ? "O" : "/"}`, `${upn},${d},PM,${absent ? "O" : "\\"}`);
    }
    await importMarks(db, { userId: null, name: "Test import" }, { schoolIds: [school.id] }, streamOf(lines.join("\n")), "csv");
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("complianceForSchools", () => {
  it("gives each school's complianceForRange, in the order given, one or several at a time", async () => {
    const one = await Promise.all(schoolIds.map((id) => complianceForRange(db.db, id, FROM, TO)));
    expect(one[0]!.episodes.length).toBeGreaterThan(0);
    expect(one[2]!.episodes).toEqual([]);
    expect(JSON.stringify(one[0]!.episodes)).not.toBe(JSON.stringify(one[1]!.episodes));
    const reversed = [...schoolIds].reverse();
    for (const concurrency of [1, 2, 3, 8]) {
      expect(await complianceForSchools(db.db, schoolIds, FROM, TO, concurrency)).toEqual(one);
      expect(await complianceForSchools(db.db, reversed, FROM, TO, concurrency)).toEqual([...one].reverse());
    }
    expect(await complianceForSchools(db.db, [], FROM, TO)).toEqual([]);
  });

  it("fails with the field at fault when the range is not school days for one of the schools", async () => {
    await db.db.insert(nonSchoolDays).values({ schoolId: schoolIds[1]!, day: FROM, kind: "inset" });
    const failed = await complianceForSchools(db.db, schoolIds, FROM, TO).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(InvalidInput);
    expect((failed as InvalidInput).field).toBe("from");
  });
});
