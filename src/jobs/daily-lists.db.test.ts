import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { auditEvents, dailyActions, dailyRuns, keptMornings, pupils, schools } from "../db/schema";
import { complianceForRange } from "../app/attendance/compliance-for-range";
import { SYSTEM_ACTOR, writeAudited } from "../app/audit/write-audited";
import { adoptTemplate } from "../app/policy/school-policy";
import { openTestDatabase } from "../test/test-database";
import { buildSchool } from "../test/factories";
import { importMarks, streamOf } from "../app/attendance/import-marks";
import { actionsForDay } from "../app/attendance/actions-for-day";
import { KEPT_TERM_DAYS, runDailyLists } from "./daily-lists";

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
  // The figures' mornings are kept too, a term of them up to the day, and are the replay's.
  const kept = (await db.db.select({ day: keptMornings.day }).from(keptMornings).where(eq(keptMornings.schoolId, schoolId))).map((k) => k.day).sort();
  expect(kept).toHaveLength(KEPT_TERM_DAYS);
  expect(kept.at(-1)).toBe("2026-03-11");
  expect(await complianceForRange(db.db, schoolId, kept[0]!, "2026-03-11")).toEqual(await complianceForRange(db.db, schoolId, kept[0]!, "2026-03-11", { kept: false }));

  const again = await runDailyLists(db.db, new Date("2026-03-11T07:00:00Z"));
  expect(again.computed).toEqual([]);
  expect(again.skipped).toBeGreaterThan(0);
  const runs = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "daily_list_computed"));
  expect(runs.filter((r) => r.schoolId === schoolId)).toHaveLength(1);
});

it("makes every other school's list when one school's cannot be made, and tries that one again next time", async () => {
  // A school added without adopting a policy: its list cannot be made.
  const [broken] = await db.db.insert(schools).values({ name: "No Policy Yet School", policyTemplateId: "burgh" }).returning();
  const run = await runDailyLists(db.db, new Date("2026-03-12T06:30:00Z"));
  expect(run.computed.map((c) => c.schoolId)).toContain(schoolId);
  expect(run.failed).toEqual([{ schoolId: broken!.id, error: expect.stringContaining("a policy in force on 2026-03-12") }]);
  expect(run.unkept).toEqual([]);
  expect(await db.db.select().from(dailyRuns).where(and(eq(dailyRuns.schoolId, broken!.id), eq(dailyRuns.day, "2026-03-12")))).toEqual([]);

  await writeAudited(db.db, SYSTEM_ACTOR, (tx, audit) => adoptTemplate(tx, audit, broken!.id, "burgh", SYSTEM_ACTOR));
  const retry = await runDailyLists(db.db, new Date("2026-03-12T06:35:00Z"));
  expect(retry.failed).toEqual([]);
  expect(retry.computed.map((c) => c.schoolId)).toEqual([broken!.id]);
});
