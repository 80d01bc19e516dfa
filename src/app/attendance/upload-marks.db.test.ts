import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, dailyActions, dailyRuns, pupils, registerMarks, schoolPolicies } from "../../db/schema";
import { keepDailyList } from "../../jobs/daily-lists";
import { addDays, epochDayOf, isWeekend } from "../../domain/attendance/iso-date";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { keptList, marksCsv } from "../../test/kept-lists";
import { importMarks, streamOf } from "./import-marks";
import { lastMarksChange } from "./marks-changes";
import { uploadMarks } from "./upload-marks";

/**
 * A register file uploaded on the Imports page updates today's kept list for the
 * pupils whose marks it inserted or changed, and for them only; the list is then
 * the one made for the whole school. A file that changes nothing leaves it alone.
 */

const DAY = "2026-03-11";
const NOW = new Date(`${DAY}T10:15:00Z`);
const SCHOOL_DAYS: string[] = [];
for (let d = addDays(DAY, -1); SCHOOL_DAYS.length < 20; d = addDays(d, -1)) if (!isWeekend(epochDayOf(d))) SCHOOL_DAYS.unshift(d);
const ACTOR = { userId: null, name: "Attendance lead" };
const UPNS = ["A300000000001", "A300000000002", "A300000000003", "A300000000004"] as const;

let db: DatabaseHandle;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** Logs as the route's logger would, kept for the test to read. */
function logger() {
  const lines: { o: object; m: string }[] = [];
  return { lines, log: { error: (o: object, m: string) => void lines.push({ o, m }) } };
}

/** A school whose four pupils were present every day before DAY (the last absent these three days and this morning), with today's list kept. */
async function schoolWithKeptList() {
  const schoolId = (await buildSchool(db)).id;
  const ids = (await db.db.insert(pupils).values(UPNS.map((upn, i) => ({ schoolId, upn, firstName: "Pupil", lastName: String(i + 1) }))).returning({ id: pupils.id, upn: pupils.upn })).sort((a, b) => a.upn.localeCompare(b.upn)).map((p) => p.id);
  const rows = UPNS.flatMap((upn, i) => SCHOOL_DAYS.flatMap((d, k) => ["AM", "PM"].map((s) => `${upn},${d},${s},${i === 3 && k >= SCHOOL_DAYS.length - 3 ? "N" : "/"}`)));
  await importMarks(db, ACTOR, { schoolIds: [schoolId] }, streamOf(marksCsv([...rows, `${UPNS[3]},${DAY},AM,N`])), "csv");
  await db.db.insert(dailyRuns).values({ schoolId, day: DAY, startedAt: NOW });
  await keepDailyList(db.db, schoolId, DAY, NOW);
  return { schoolId, ids };
}

const listUpdates = async (schoolId: string) =>
  (await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), eq(auditEvents.action, "daily_list_updated")))).map((e) => e.after as { pupilsEvaluated: number; actions: number });

describe("uploading register marks", () => {
  it("updates today's kept list for the pupils whose marks changed, which is then the list made whole; the same file again changes nothing", async () => {
    const { schoolId, ids } = await schoolWithKeptList();
    const before = await keptList(db, schoolId, DAY);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((line) => line.startsWith(ids[3]!))).toBe(true);

    // Pupil 1 is absent this morning (a new mark), pupil 2 was marked absent yesterday by mistake
    // and is corrected to present; pupil 3's mark is the one held already.
    const file = marksCsv([`${UPNS[0]},${DAY},AM,N`, `${UPNS[1]},${SCHOOL_DAYS.at(-1)},AM,/`, `${UPNS[2]},${SCHOOL_DAYS.at(-1)},AM,/`]);
    await db.db.update(registerMarks).set({ code: "N" }).where(and(eq(registerMarks.pupilId, ids[1]!), eq(registerMarks.day, SCHOOL_DAYS.at(-1)!), eq(registerMarks.session, "AM")));
    const { lines, log } = logger();
    const report = await uploadMarks(db, ACTOR, schoolId, streamOf(file), "csv", { now: () => NOW, log }, { fileName: "morning.csv" });
    expect(report).toMatchObject({ rows: 3, inserted: 1, changed: 1, unchanged: 1 });
    expect(report).not.toHaveProperty("changedPupils");
    expect(lines).toEqual([]);

    // Only the two pupils whose marks changed were evaluated again.
    expect((await listUpdates(schoolId)).map((u) => u.pupilsEvaluated)).toEqual([2]);
    const updated = await keptList(db, schoolId, DAY);
    expect(updated.some((line) => line.startsWith(ids[0]!))).toBe(true);
    await keepDailyList(db.db, schoolId, DAY, NOW);
    expect(updated).toEqual(await keptList(db, schoolId, DAY));
    expect(await lastMarksChange(db.db, schoolId)).toMatchObject({ marksChanged: 2, source: "upload" });

    // The same file twice: nothing changed, so the list is not touched (its rows keep the time they were made).
    const kept = await db.db.select({ computedAt: dailyActions.computedAt }).from(dailyActions).where(eq(dailyActions.schoolId, schoolId));
    const latest = await lastMarksChange(db.db, schoolId);
    const again = await uploadMarks(db, ACTOR, schoolId, streamOf(file), "csv", { now: () => new Date(NOW.getTime() + 60_000), log }, { fileName: "morning.csv" });
    expect(again).toMatchObject({ rows: 3, inserted: 0, changed: 0, unchanged: 3, batchId: null });
    expect((await listUpdates(schoolId)).length).toBe(1);
    expect(await db.db.select({ computedAt: dailyActions.computedAt }).from(dailyActions).where(eq(dailyActions.schoolId, schoolId))).toEqual(kept);
    expect(await lastMarksChange(db.db, schoolId)).toEqual(latest);
  });

  it("answers the upload as made when the list cannot be updated, and logs no child's details", async () => {
    const { schoolId, ids } = await schoolWithKeptList();
    // The list cannot be made: no policy is in force today any more.
    await db.db.update(schoolPolicies).set({ effectiveFrom: "2027-09-01" }).where(eq(schoolPolicies.schoolId, schoolId));
    const { lines, log } = logger();
    const report = await uploadMarks(db, ACTOR, schoolId, streamOf(marksCsv([`${UPNS[0]},${DAY},AM,N`])), "csv", { now: () => NOW, log });
    expect(report).toMatchObject({ rows: 1, inserted: 1 });
    expect((await db.db.select().from(registerMarks).where(and(eq(registerMarks.pupilId, ids[0]!), eq(registerMarks.day, DAY)))).map((m) => m.code)).toEqual(["N"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ m: "today's list was not updated after a register upload", o: { schoolId, day: DAY, pupils: 1 } });
    expect(JSON.stringify(lines)).not.toMatch(/A3000|Pupil/);
  });
});
