import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, familyContacts, pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { untilWaitingOnLocks } from "../../test/lock-waits";
import { importPupils } from "./import-pupils";

let db: DatabaseHandle;
let schoolId: string;
const actor = { userId: null, name: "Office" };
const TODAY = "2026-01-15";

const CSV = [
  "UPN,First Name,Last Name,Date of Birth,Year Group,Class,Address Line1,Town,Postcode,Vulnerabilities,Contact Name,Contact Relationship,Contact Parental Responsibility,Contact Phone,Contact Email",
  "R100000000001,Łucja,Nowak,14/05/2018,Year 3,3A,3 Station Road,Burgh,PE24 5AA,child_in_need,Katarzyna Nowak,Mother,yes,07700 900100,kasia@example.org",
  "R100000000001,Łucja,Nowak,14/05/2018,Year 3,3A,3 Station Road,Burgh,PE24 5AA,child_in_need,Marek Nowak,Father,yes,07700 900101,",
  "F100000000002,Zoë,Nowak,01/09/2020,Year 1,1B,3 Station Road,Burgh,PE24 5AA,,Katarzyna Nowak,Mother,yes,07700 900100,kasia@example.org",
].join("\n");

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await db?.close();
});

it("imports pupils with their contacts; siblings at one address share a household; twice changes nothing", async () => {
  expect(await importPupils(db.db, actor, schoolId, CSV, TODAY)).toEqual({ pupils: 2, added: 2, changed: 0, unchanged: 0, warnings: [] });
  const rows = await db.db.select().from(pupils).where(eq(pupils.schoolId, schoolId));
  expect(rows.find((p) => p.upn === "R100000000001")).toMatchObject({ dateOfBirth: "2018-05-14", vulnerabilities: ["child_in_need"] });
  expect(new Set(rows.map((p) => p.householdKey)).size).toBe(1);
  expect(await db.db.select().from(familyContacts).where(eq(familyContacts.schoolId, schoolId))).toHaveLength(3);

  const events = (await db.db.select().from(auditEvents)).length;
  expect(await importPupils(db.db, actor, schoolId, CSV, TODAY)).toEqual({ pupils: 2, added: 0, changed: 0, unchanged: 2, warnings: [] });
  expect((await db.db.select().from(auditEvents)).length).toBe(events);
});

it("updates a changed pupil and audits before and after", async () => {
  const moved = CSV.replaceAll("3 Station Road", "9 Mill Lane");
  expect(await importPupils(db.db, actor, schoolId, moved, TODAY)).toMatchObject({ changed: 2 });
  const [ev] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "pupil_updated"));
  expect(JSON.stringify(ev!.before)).toContain("3 Station Road");
  expect(JSON.stringify(ev!.after)).toContain("9 Mill Lane");
});

it("refuses a bad file whole, naming line and column", async () => {
  const bad = CSV + "\nV100000000003,Sam,Smith,31/02/2019,,,,,,,,,,,";
  await expect(importPupils(db.db, actor, schoolId, bad, TODAY)).rejects.toThrow('line 5, column date_of_birth: "31/02/2019" is not a date');
  await expect(importPupils(db.db, actor, schoolId, "name,class\nA,B", TODAY)).rejects.toThrow(/column upn/);
  expect((await db.db.select().from(pupils).where(eq(pupils.upn, "V100000000003"))).length).toBe(0);
});

/**
 * Runs two imports of one file at once. On PostgreSQL a third transaction holds
 * family_contacts until both are waiting (each writes contacts only after it has
 * read what is there), so without a lock each would compare with the same state.
 * PGlite runs one transaction at a time.
 */
async function importTwiceAtOnce(school: string, text: string) {
  const both = () => Promise.all([importPupils(db.db, actor, school, text, TODAY), importPupils(db.db, actor, school, text, TODAY)]);
  if (!db.pool) return both();
  const blocker = await db.pool.connect();
  try {
    await blocker.query("begin");
    await blocker.query("lock table family_contacts in exclusive mode");
    const running = both();
    running.catch(() => {});
    await untilWaitingOnLocks(db.pool, 2, "the two imports");
    await blocker.query("commit");
    return await running;
  } finally {
    blocker.release();
  }
}

it("two imports of one school at once: each pupil and contact once, each change audited once; the file again changes nothing", async () => {
  const school = (await buildSchool(db)).id;
  const contactsOf = async () => (await db.db.select().from(familyContacts).where(eq(familyContacts.schoolId, school))).map((c) => `${c.name} ${c.phone}`).sort();
  const audited = async () => (await db.db.select().from(auditEvents).where(eq(auditEvents.schoolId, school))).map((e) => `${e.action} ${e.entityId}`).sort();

  const added = await importTwiceAtOnce(school, CSV);
  expect(added.map((r) => r.added).sort()).toEqual([0, 2]);
  expect(await db.db.select().from(pupils).where(eq(pupils.schoolId, school))).toHaveLength(2);
  expect(await contactsOf()).toHaveLength(3);

  // The family's phone changes: both imports see it; only the first may change and audit it.
  const newPhone = CSV.replaceAll("07700 900100", "07700 900199");
  const before = await audited();
  const changed = await importTwiceAtOnce(school, newPhone);
  expect(changed.map((r) => r.changed).sort()).toEqual([0, 2]);
  expect(await contactsOf()).toEqual(["Katarzyna Nowak 07700 900199", "Katarzyna Nowak 07700 900199", "Marek Nowak 07700 900101"]);
  const updates = (await audited()).filter((e) => !before.includes(e));
  expect(updates.filter((e) => e.startsWith("pupil_updated"))).toHaveLength(2);
  expect(new Set(updates).size).toBe(updates.length);

  const after = await audited();
  expect(await importPupils(db.db, actor, school, newPhone, TODAY)).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
  expect(await audited()).toEqual(after);
  expect(await contactsOf()).toHaveLength(3);
});

it("refuses what is not a real pupil record, naming the line and column, and saves nothing", async () => {
  const school = (await buildSchool(db)).id;
  const header = CSV.split("\n")[0]!;
  const good = CSV.split("\n")[1]!;
  const lineWith = (col: number, value: string) => {
    const cells = good.split(",");
    cells[col] = value;
    return [header, CSV.split("\n")[3]!, cells.join(",")].join("\n");
  };
  const refusals: [string, RegExp][] = [
    [lineWith(0, "A100000000001"), /line 3, column upn: "A100000000001" is not a UPN: its check letter \(the first character\) should be R/],
    [lineWith(0, "R10000000001"), /line 3, column upn: .*13 characters/],
    [lineWith(0, "R1000000000I1"), /line 3, column upn: .*11 digits/],
    [lineWith(3, "16/01/2026"), /line 3, column date_of_birth: 2026-01-16 is in the future/],
    [lineWith(3, "01/06/2024"), /line 3, column date_of_birth: .*younger than 2/],
    [lineWith(3, "14/01/2000"), /line 3, column date_of_birth: .*older than 25/],
    [lineWith(1, "L".repeat(101)), /line 3, column first_name: is 101 characters long; at most 100/],
    [lineWith(10, "Katarzyna \u202eakswoN"), /line 3, column contact_name: contains a text-direction control character \(U\+202E\)/],
    [lineWith(6, "3 Station\u2066 Road"), /line 3, column address_line1: contains a text-direction control character \(U\+2066\)/],
    [lineWith(5, "3A\u0007"), /line 3, column class: contains a control character \(U\+0007\)/],
  ];
  for (const [file, why] of refusals) await expect(importPupils(db.db, actor, school, file, TODAY), String(why)).rejects.toThrow(why);
  expect(await db.db.select().from(pupils).where(eq(pupils.schoolId, school))).toEqual([]);
  // A temporary UPN (ending in a letter) and the edges of the age range are pupils.
  const temporary = lineWith(0, "C10000000000A").replace(",14/05/2018,", ",15/01/2024,");
  expect(await importPupils(db.db, actor, school, temporary, TODAY)).toMatchObject({ added: 2 });
});

it("warns when no pupil in the file is on the school's roll", async () => {
  const school = (await buildSchool(db)).id;
  expect((await importPupils(db.db, actor, school, CSV, TODAY)).warnings).toEqual([]);
  const other = CSV.replaceAll("R100000000001", "E100000000011").replaceAll("F100000000002", "U100000000012");
  const r = await importPupils(db.db, actor, school, other, TODAY);
  expect(r).toMatchObject({ added: 2 });
  expect(r.warnings).toEqual([expect.stringContaining("no pupil in this file was on the school's roll")]);
});
