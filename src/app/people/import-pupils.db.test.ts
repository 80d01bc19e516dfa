import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, familyContacts, pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { importPupils } from "./import-pupils";

let db: DatabaseHandle;
let schoolId: string;
const actor = { userId: null, name: "Office" };

const CSV = [
  "UPN,First Name,Last Name,Date of Birth,Year Group,Class,Address Line1,Town,Postcode,Vulnerabilities,Contact Name,Contact Relationship,Contact Parental Responsibility,Contact Phone,Contact Email",
  "A100000000001,Łucja,Nowak,14/05/2018,Year 3,3A,3 Station Road,Burgh,PE24 5AA,child_in_need,Katarzyna Nowak,Mother,yes,07700 900100,kasia@example.org",
  "A100000000001,Łucja,Nowak,14/05/2018,Year 3,3A,3 Station Road,Burgh,PE24 5AA,child_in_need,Marek Nowak,Father,yes,07700 900101,",
  "A100000000002,Zoë,Nowak,01/09/2020,Year 1,1B,3 Station Road,Burgh,PE24 5AA,,Katarzyna Nowak,Mother,yes,07700 900100,kasia@example.org",
].join("\n");

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await db?.close();
});

it("imports pupils with their contacts; siblings at one address share a household; twice changes nothing", async () => {
  expect(await importPupils(db.db, actor, schoolId, CSV)).toEqual({ pupils: 2, added: 2, changed: 0, unchanged: 0 });
  const rows = await db.db.select().from(pupils).where(eq(pupils.schoolId, schoolId));
  expect(rows.find((p) => p.upn === "A100000000001")).toMatchObject({ dateOfBirth: "2018-05-14", vulnerabilities: ["child_in_need"] });
  expect(new Set(rows.map((p) => p.householdKey)).size).toBe(1);
  expect(await db.db.select().from(familyContacts).where(eq(familyContacts.schoolId, schoolId))).toHaveLength(3);

  const events = (await db.db.select().from(auditEvents)).length;
  expect(await importPupils(db.db, actor, schoolId, CSV)).toEqual({ pupils: 2, added: 0, changed: 0, unchanged: 2 });
  expect((await db.db.select().from(auditEvents)).length).toBe(events);
});

it("updates a changed pupil and audits before and after", async () => {
  const moved = CSV.replaceAll("3 Station Road", "9 Mill Lane");
  expect(await importPupils(db.db, actor, schoolId, moved)).toMatchObject({ changed: 2 });
  const [ev] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "pupil_updated"));
  expect(JSON.stringify(ev!.before)).toContain("3 Station Road");
  expect(JSON.stringify(ev!.after)).toContain("9 Mill Lane");
});

it("refuses a bad file whole, naming line and column", async () => {
  const bad = CSV + "\nA100000000003,Sam,Smith,31/02/2019,,,,,,,,,,,";
  await expect(importPupils(db.db, actor, schoolId, bad)).rejects.toThrow('line 5, column date_of_birth: "31/02/2019" is not a date');
  await expect(importPupils(db.db, actor, schoolId, "name,class\nA,B")).rejects.toThrow(/column upn/);
  expect((await db.db.select().from(pupils).where(eq(pupils.upn, "A100000000003"))).length).toBe(0);
});
