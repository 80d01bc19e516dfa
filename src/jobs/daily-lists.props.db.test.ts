import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { dailyActions, dailyRuns, pupils } from "../db/schema";
import { importMarks, streamOf } from "../app/attendance/import-marks";
import { actionsForDay } from "../app/attendance/actions-for-day";
import { addDays, epochDayOf, isWeekend } from "../domain/attendance/iso-date";
import { openTestDatabase } from "../test/test-database";
import { buildSchool } from "../test/factories";
import { keptList, marksCsv } from "../test/kept-lists";
import { keepDailyList, updateDailyListFor } from "./daily-lists";

/**
 * The kept list updated for the pupils a sync touched equals the list made again
 * for the whole school: random registers (runs of one code, gaps, half days),
 * random corrections and vulnerability changes, every shipped policy.
 */

const DAY = "2026-03-11";
const SCHOOL_DAYS: string[] = [];
for (let d = DAY; SCHOOL_DAYS.length < 30; d = addDays(d, -1)) if (!isWeekend(epochDayOf(d))) SCHOOL_DAYS.unshift(d);
const CODES = ["/", "\\", "L", "B", "U", "I", "M", "C", "G", "N", "O", "X"] as const;
const TEMPLATES = ["burgh", "scargill", "coteford", "transform-trust", "hunsbury-park"] as const;
const ACTOR = { userId: null, name: "property test" };

/** A pupil's register as runs of one code (null: no mark those days), newest last. */
const registerArb = fc.array(fc.record({ code: fc.option(fc.constantFrom(...CODES), { freq: 6 }), days: fc.integer({ min: 1, max: 9 }), pmToo: fc.boolean() }), { minLength: 1, maxLength: 8 });
const correctionArb = fc.record({ pupil: fc.nat(), back: fc.integer({ min: 0, max: 29 }), session: fc.constantFrom("AM", "PM"), code: fc.constantFrom(...CODES) });
const caseArb = fc.record({
  template: fc.constantFrom(...TEMPLATES),
  registers: fc.array(fc.record({ register: registerArb, vulnerable: fc.boolean() }), { minLength: 2, maxLength: 6 }),
  corrections: fc.array(correctionArb, { minLength: 1, maxLength: 12 }),
  /** Pupils whose vulnerability flag the MIS changes. */
  flips: fc.array(fc.nat(), { maxLength: 2 }),
});

let db: DatabaseHandle;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const csvOf = marksCsv;
const kept = (schoolId: string) => keptList(db, schoolId, DAY);

it("updating the kept list for the pupils whose records changed gives the list made for the whole school", { timeout: 300_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async ({ template, registers, corrections, flips }) => {
      const schoolId = (await buildSchool(db, { policyTemplateId: template })).id;
      const upns = registers.map((_, i) => `A${String(100000000000 + i)}`);
      const ids = (await db.db.insert(pupils).values(registers.map((r, i) => ({ schoolId, upn: upns[i]!, firstName: "P", lastName: String(i), vulnerabilities: r.vulnerable ? ["child_in_need"] : [] }))).returning({ id: pupils.id })).map((p) => p.id);
      const rows: string[] = [];
      registers.forEach(({ register }, i) => {
        let day = 0;
        for (const run of register) {
          for (let k = 0; k < run.days && day < SCHOOL_DAYS.length; k++, day++) {
            if (run.code === null) continue;
            rows.push(`${upns[i]},${SCHOOL_DAYS[SCHOOL_DAYS.length - 1 - day]},AM,${run.code}`);
            if (run.pmToo) rows.push(`${upns[i]},${SCHOOL_DAYS[SCHOOL_DAYS.length - 1 - day]},PM,${run.code}`);
          }
        }
      });
      if (rows.length) await importMarks(db, ACTOR, { schoolIds: [schoolId] }, streamOf(csvOf(rows)), "csv");
      await db.db.insert(dailyRuns).values({ schoolId, day: DAY, startedAt: new Date() });
      await keepDailyList(db.db, schoolId, DAY, new Date());

      // The sync: corrections to some pupils' marks, and a vulnerability flag changed in the MIS.
      const touched = new Set<string>();
      const fixes = new Map<string, string>();
      for (const c of corrections) {
        const i = c.pupil % upns.length;
        touched.add(ids[i]!);
        const key = `${upns[i]},${SCHOOL_DAYS[SCHOOL_DAYS.length - 1 - c.back]},${c.session}`;
        fixes.set(key, `${key},${c.code}`);
      }
      await importMarks(db, ACTOR, { schoolIds: [schoolId] }, streamOf(csvOf([...fixes.values()])), "csv");
      for (const f of flips) {
        const i = f % upns.length;
        touched.add(ids[i]!);
        await db.db.update(pupils).set({ vulnerabilities: registers[i]!.vulnerable ? [] : ["looked_after"] }).where(eq(pupils.id, ids[i]!));
      }
      const update = await updateDailyListFor(db.db, schoolId, DAY, [...touched], new Date());
      expect(update.kind).toBe("updated");
      const incremental = await kept(schoolId);
      const [run] = await db.db.select().from(dailyRuns).where(and(eq(dailyRuns.schoolId, schoolId), eq(dailyRuns.day, DAY)));

      await keepDailyList(db.db, schoolId, DAY, new Date());
      const full = await kept(schoolId);
      expect(incremental).toEqual(full);
      expect(run!.actions).toBe(full.length);
      // And both are what the Today page computes now.
      const live = await actionsForDay(db.db, schoolId, DAY);
      expect(live.actionCount).toBe(full.length);
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
  );
});

it("a pupil who left is taken off the kept list by the update", async () => {
  const schoolId = (await buildSchool(db)).id;
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A200000000001", firstName: "Lee", lastName: "Ver" }).returning({ id: pupils.id });
  const absent = SCHOOL_DAYS.slice(-4).map((d) => `A200000000001,${d},AM,N`);
  await importMarks(db, ACTOR, { schoolIds: [schoolId] }, streamOf(csvOf(absent)), "csv");
  await db.db.insert(dailyRuns).values({ schoolId, day: DAY, startedAt: new Date() });
  await keepDailyList(db.db, schoolId, DAY, new Date());
  expect((await kept(schoolId)).length).toBeGreaterThan(0);
  await db.db.update(pupils).set({ leftOn: "2026-03-10" }).where(eq(pupils.id, p!.id));
  expect(await updateDailyListFor(db.db, schoolId, DAY, [p!.id], new Date())).toEqual({ kind: "updated", pupils: 1, actions: 0 });
  expect(await db.db.select().from(dailyActions).where(and(eq(dailyActions.schoolId, schoolId), inArray(dailyActions.pupilId, [p!.id])))).toEqual([]);
});

it("makes the list again whole when the kept one was made under another policy version, and does nothing with no kept list", async () => {
  const schoolId = (await buildSchool(db)).id;
  expect(await updateDailyListFor(db.db, schoolId, DAY, [], new Date())).toEqual({ kind: "no_list" });
  await db.db.insert(dailyRuns).values({ schoolId, day: DAY, startedAt: new Date(), finishedAt: new Date(), actions: 0, policyVersion: 99 });
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A300000000001", firstName: "Pol", lastName: "Icy" }).returning({ id: pupils.id });
  expect(await updateDailyListFor(db.db, schoolId, DAY, [p!.id], new Date())).toMatchObject({ kind: "recomputed" });
});
