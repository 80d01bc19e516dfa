import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, importBatches, pupils, registerMarks } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { ImportRejected, importMarks, streamOf } from "./import-marks";

let db: DatabaseHandle;
let schoolId: string;
const actor = { userId: null, name: "Importer" };
const scope = () => ({ schoolIds: [schoolId] });

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
  await db.db.insert(pupils).values([
    { schoolId, upn: "A100000000001", firstName: "Ann", lastName: "One" },
    { schoolId, upn: "A100000000002", firstName: "Bob", lastName: "Two" },
  ]);
});
afterAll(async () => {
  await db?.close();
});

const marks = async () =>
  (await db.db.select().from(registerMarks).where(eq(registerMarks.schoolId, schoolId))).map((m) => `${m.day} ${m.session} ${m.code}`).sort();

describe("importing register marks", () => {
  const csv = ["upn,date,session,code", "A100000000001,2026-03-09,AM,/", "A100000000001,2026-03-09,PM,\\", "A100000000002,2026-03-09,AM,N", "A100000000002,2026-03-09,PM,N"].join("\n");

  it("imports a CSV, and the same file twice changes nothing", async () => {
    const first = await importMarks(db, actor, scope(), streamOf(csv), "csv", { fileName: "week.csv" });
    expect(first).toMatchObject({ rows: 4, inserted: 4, changed: 0, unchanged: 0 });
    expect(await marks()).toContain("2026-03-09 PM \\");
    const batches = (await db.db.select().from(importBatches)).length;
    const events = (await db.db.select().from(auditEvents)).length;

    const second = await importMarks(db, actor, scope(), streamOf(csv), "csv", { fileName: "week.csv" });
    expect(second).toMatchObject({ rows: 4, inserted: 0, changed: 0, unchanged: 4, batchId: null });
    expect((await db.db.select().from(importBatches)).length).toBe(batches);
    expect((await db.db.select().from(auditEvents)).length).toBe(events);
  });

  it("replaces a corrected mark and audits the correction", async () => {
    const fix = "UPN,Attendance Date,AM/PM,Mark\nA100000000002,09/03/2026,AM,I\n";
    const r = await importMarks(db, actor, scope(), streamOf(fix), "csv");
    expect(r).toMatchObject({ rows: 1, inserted: 0, changed: 1 });
    const [m] = await db.db.select().from(registerMarks).where(and(eq(registerMarks.day, "2026-03-09"), eq(registerMarks.session, "AM"), eq(registerMarks.code, "I")));
    expect(m).toBeDefined();
    const [ev] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "mark_corrected"));
    expect(ev).toMatchObject({ entityId: "A100000000002 2026-03-09 AM", before: { code: "N" }, after: { code: "I" }, actorName: "Importer" });
  });

  it("refuses a file with one bad row whole, naming line, column and reason", async () => {
    const before = await marks();
    const bad = ["upn,date,session,code", "A100000000001,2026-03-10,AM,/", "A100000000001,2026-03-10,PM,/", "A100000000002,2026-03-10,AM,QQ"].join("\n");
    await expect(importMarks(db, actor, scope(), streamOf(bad), "csv")).rejects.toThrow('Nothing was imported: line 4, column code: "QQ" is not a DfE attendance code');
    expect(await marks()).toEqual(before);
  });

  it("refuses unknown pupils, duplicate marks, a missing column and impossible dates", async () => {
    const cases: [string, RegExp][] = [
      ["upn,date,session,code\nZ999999999999,2026-03-10,AM,/", /line 2, column upn: no pupil with UPN Z999999999999/],
      ["upn,date,session,code\nA100000000001,2026-03-10,AM,/\nA100000000001,2026-03-10,AM,N", /line 3, column session: a second mark .* as line 2/],
      ["upn,date,code\nA100000000001,2026-03-10,/", /line 1, column session: no column for session/],
      ["upn,date,session,code\nA100000000001,2026-02-30,AM,/", /line 2, column date: "2026-02-30" is not a date/],
      ["", /the file is empty/],
    ];
    for (const [file, message] of cases) {
      const err = await importMarks(db, actor, scope(), streamOf(file), "csv").catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(ImportRejected);
      expect((err as Error).message).toMatch(message);
    }
  });

  it("imports Wonde-shaped JSON", async () => {
    const json = JSON.stringify({
      data: [
        { session: "AM", date: { date: "2026-03-11 00:00:00.000000" }, student: { data: { upn: "A100000000001" } }, attendance_code: { data: { code: "L" } } },
        { session: "PM", date: { date: "2026-03-11 00:00:00.000000" }, student: { data: { upn: "A100000000001" } }, attendance_code: { data: { code: "/" } } },
      ],
      meta: { pagination: { next: null } },
    });
    expect(await importMarks(db, actor, scope(), streamOf(json), "wonde-json")).toMatchObject({ rows: 2, inserted: 2 });
    const bad = JSON.stringify({ data: [{ session: "XX", date: "2026-03-12", upn: "A100000000001", code: "/" }] });
    await expect(importMarks(db, actor, scope(), streamOf(bad), "wonde-json")).rejects.toThrow(/line 1, column session/);
    await expect(importMarks(db, actor, scope(), streamOf("{not json"), "wonde-json")).rejects.toThrow(/could not be read as JSON/);
  });

  it("streams a large file without holding it (10,000 rows, reported as it goes)", async () => {
    const lines = ["upn,date,session,code"];
    for (let d = 0; d < 2500; d++) {
      const day = new Date(Date.UTC(2018, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (const upn of ["A100000000001", "A100000000002"]) for (const s of ["AM", "PM"]) lines.push(`${upn},${day},${s},/`);
    }
    const seen: number[] = [];
    const r = await importMarks(db, actor, scope(), streamOf(lines.join("\n")), "csv", { onProgress: (n) => seen.push(n) });
    expect(r.inserted).toBe(10_000);
    expect(seen.at(-1)).toBe(10_000);
  });
});
