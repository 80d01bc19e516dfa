import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { openTestDatabase } from "../../test/test-database";
import { auditEvents } from "../../db/schema";
import { buildSchool } from "../../test/factories";
import { listClosures, parseTermDates, reopenDay, saveClosures } from "./school-calendar-store";

let db: DatabaseHandle;
let schoolId: string;
const actor = { userId: null, name: "Office" };

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await db?.close();
});

it("imports term dates as weekday closures; the same file twice changes nothing", async () => {
  const file = "from,to,kind,label\n2026-10-26,2026-10-30,holiday,Half term\n02/11/2026,02/11/2026,INSET,Training day\n2026-12-21,2027-01-01,holiday,Christmas\n";
  const ranges = parseTermDates(file);
  expect(await saveClosures(db.db, actor, schoolId, ranges, "file")).toEqual({ days: 16, changed: 16 });
  const events = (await db.db.select().from(auditEvents)).length;
  expect(await saveClosures(db.db, actor, schoolId, ranges, "file")).toEqual({ days: 16, changed: 0 });
  expect(await reopenDay(db.db, actor, schoolId, "2026-11-03")).toEqual({ removed: 0 });
  expect((await db.db.select().from(auditEvents)).length).toBe(events);
  const list = await listClosures(db.db, schoolId, "2026-10-01", "2026-11-30");
  expect(list.map((c) => c.day)).toEqual(["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30", "2026-11-02"]);
  expect(list.at(-1)).toMatchObject({ kind: "inset", label: "Training day" });
  await reopenDay(db.db, actor, schoolId, "2026-11-02");
  expect((await listClosures(db.db, schoolId, "2026-11-01", "2026-11-30")).length).toBe(0);
});

it("refuses a bad term-dates line", () => {
  expect(() => parseTermDates("from,to,kind\n2026-10-26,2026-10-32,holiday")).toThrow("line 2, column to");
  expect(() => parseTermDates("from,to,kind\n2026-10-26,2026-10-30,party")).toThrow(/line 2, column kind/);
  expect(() => parseTermDates("from,to,kind,label\n2026-10-26,2026-10-30,holiday,Half \u202eterm")).toThrow(/line 2, column label: contains a text-direction control character \(U\+202E\)/);
  expect(() => parseTermDates(`from,to,kind,label\n2026-10-26,2026-10-30,holiday,${"x".repeat(201)}`)).toThrow(/line 2, column label: is 201 characters long/);
});
