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

/**
 * Runs two imports of one file at once. On PostgreSQL a third transaction holds
 * family_contacts until both are waiting (each writes contacts only after it has
 * read what is there), so without a lock each would compare with the same state.
 * PGlite runs one transaction at a time.
 */
async function importTwiceAtOnce(school: string, text: string) {
  const both = () => Promise.all([importPupils(db.db, actor, school, text), importPupils(db.db, actor, school, text)]);
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
  expect(await importPupils(db.db, actor, school, newPhone)).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
  expect(await audited()).toEqual(after);
  expect(await contactsOf()).toHaveLength(3);
});
