/** Several app instances on one PostgreSQL: every deadline fires exactly once. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client";
import { openDatabase } from "../db/client";
import { pupils, safetyAlerts, safetyDeadlines, visits } from "../db/schema";
import { openTestDatabase, testServerUrl } from "../test/test-database";
import { buildSchool } from "../test/factories";
import { IN_FLIGHT_GRACE_MS, sweepSafety } from "./safety-sweeper";

let db: DatabaseHandle;
const others: DatabaseHandle[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  for (const o of others) await o.close();
  await db?.close();
});

it.runIf(Boolean(testServerUrl))("fires each of 300 deadlines once when three instances sweep at the same moment", async () => {
  const school = await buildSchool(db, { policyTemplateId: "coteford" });
  const [p] = await db.db.insert(pupils).values({ schoolId: school.id, upn: "A100000000001", firstName: "A", lastName: "B" }).returning();
  void p;
  const visitRows = await db.db
    .insert(visits)
    .values(Array.from({ length: 300 }, () => ({ schoolId: school.id, purpose: "safe_and_well", state: "under_way", day: "2026-11-24" })))
    .returning({ id: visits.id });
  await db.db.insert(safetyDeadlines).values(visitRows.map((v, i) => ({ visitId: v.id, schoolId: school.id, kind: "check_in", dueAt: new Date(Date.UTC(2026, 10, 24, 9, 0, i % 60)), clause: "coteford 2.4" })));
  for (let i = 0; i < 2; i++) others.push(await openDatabase({ databaseUrl: db.url! }));
  const now = new Date("2026-11-24T09:05:00Z");
  // Each sweep takes at most 200 at a time; keep sweeping until nothing is left.
  let fired = 0;
  for (let round = 0; round < 5; round++) {
    const reports = await Promise.all([db, ...others].map((h) => sweepSafety(h.db, now)));
    fired += reports.reduce((n, r) => n + r.fired.length, 0);
  }
  expect(fired).toBe(300);
  expect((await db.db.select().from(safetyAlerts)).length).toBe(300);
});

it("waits two seconds past a deadline before firing it, for a check-in sent in time that is still being recorded", async () => {
  const school = await buildSchool(db, { policyTemplateId: "coteford" });
  const [visit] = await db.db.insert(visits).values({ schoolId: school.id, purpose: "safe_and_well", state: "under_way", day: "2026-11-25" }).returning({ id: visits.id });
  const dueAt = new Date("2026-11-25T10:00:00Z");
  await db.db.insert(safetyDeadlines).values({ visitId: visit!.id, schoolId: school.id, kind: "check_in", dueAt, clause: "coteford 2.4" });
  const mine = (r: Awaited<ReturnType<typeof sweepSafety>>) => r.fired.filter((f) => f.visitId === visit!.id);
  expect(mine(await sweepSafety(db.db, dueAt))).toHaveLength(0);
  expect(mine(await sweepSafety(db.db, new Date(dueAt.getTime() + IN_FLIGHT_GRACE_MS - 1)))).toHaveLength(0);
  expect(mine(await sweepSafety(db.db, new Date(dueAt.getTime() + IN_FLIGHT_GRACE_MS)))).toHaveLength(1);
  expect(IN_FLIGHT_GRACE_MS).toBe(2000);
});
