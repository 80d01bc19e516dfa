import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { auditEvents, dailyActions, pupils } from "../db/schema";
import { openTestDatabase } from "../test/test-database";
import { buildSchool } from "../test/factories";
import { importMarks, streamOf } from "../app/attendance/import-marks";
import { actionsForDay } from "../app/attendance/actions-for-day";
import { runDailyLists } from "./daily-lists";

let db: DatabaseHandle;
let schoolId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
  await db.db.insert(pupils).values([{ schoolId, upn: "A100000000001", firstName: "Ann", lastName: "One" }]);
  const csv = ["upn,date,session,code", "A100000000001,2026-03-06,AM,/", "A100000000001,2026-03-09,AM,N", "A100000000001,2026-03-10,AM,N", "A100000000001,2026-03-11,AM,N"].join("\n");
  await importMarks(db, { userId: null, name: "t" }, { schoolIds: [schoolId] }, streamOf(csv), "csv");
});
afterAll(async () => {
  await db?.close();
});

it("keeps the same list the Today page computes, once per school and day", async () => {
  const now = new Date("2026-03-11T06:30:00Z");
  const first = await runDailyLists(db.db, now);
  expect(first.computed.find((c) => c.schoolId === schoolId)?.actions).toBe(2);
  const stored = await db.db.select().from(dailyActions).where(eq(dailyActions.schoolId, schoolId));
  const live = await actionsForDay(db.db, schoolId, "2026-03-11");
  expect(stored.map((s) => s.action).sort()).toEqual(live.households.flatMap((h) => h.pupils.flatMap((p) => p.actions.map((a) => a.action))).sort());
  expect(stored.every((s) => s.policyVersion === 1 && s.rule.startsWith("burgh"))).toBe(true);

  const again = await runDailyLists(db.db, new Date("2026-03-11T07:00:00Z"));
  expect(again.computed).toEqual([]);
  expect(again.skipped).toBeGreaterThan(0);
  const runs = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "daily_list_computed"));
  expect(runs.filter((r) => r.schoolId === schoolId)).toHaveLength(1);
});
