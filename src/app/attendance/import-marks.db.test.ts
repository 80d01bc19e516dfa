import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, importBatches, pupils, registerMarks } from "../../db/schema";
import { openTestDatabase, testServerUrl } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { untilWaitingOnLocks } from "../../test/lock-waits";
import { ImportRejected, importMarks, streamOf, type ImportReport } from "./import-marks";

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

  it("says so when no pupil in the file is on the roll, and names the first unknown pupil otherwise", async () => {
    const before = await marks();
    const otherSchool = ["upn,date,session,code", "Z999999999999,2026-03-10,AM,/", "Y999999999998,2026-03-10,AM,QQ", "Y999999999998,2026-03-10,PM,/"].join("\n");
    await expect(importMarks(db, actor, scope(), streamOf(otherSchool), "csv")).rejects.toThrow(
      /^Nothing was imported: line 2, column upn: no pupil with UPN Z999999999999 in this school \(and it is not a UPN: its check letter .* should be [A-Z], so it was probably mistyped\); no pupil in this file is on the roll/,
    );
    const oneUnknown = ["upn,date,session,code", "Z999999999999,2026-03-10,AM,/", "A100000000001,2026-03-10,AM,/"].join("\n");
    const refused = importMarks(db, actor, scope(), streamOf(oneUnknown), "csv");
    await expect(refused).rejects.toThrow(/line 2, column upn: no pupil with UPN Z999999999999 in this school/);
    await expect(refused).rejects.not.toThrow(/no pupil in this file is on the roll/);
    expect(await marks()).toEqual(before);
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
      // Lines are counted as written: a quoted cell over two lines, a blank line, CRLF.
      ['upn,date,session,code,note\nA100000000001,2026-03-10,AM,/,"a\nb"\n\nA100000000002,2026-03-10,AM,QQ,x', /line 5, column code: "QQ"/],
      ["upn,date,session,code\r\nA100000000001,2026-03-10,AM,/\r\n\r\nA100000000002,2026-03-10,AM,QQ\r\n", /line 4, column code: "QQ"/],
      ['upn,date,session,code\nA100000000001,2026-03-10,AM,"/\n', /line 2, column file: the file could not be read as CSV: Quote Not Closed/],
      // The same mark written two ways, and one repeated among dates twenty years apart.
      ["upn,date,session,code\nA100000000001,2026-03-09,AM,/\na100000000001,09/03/2026,morning,N", /line 3, column session: a second mark .* as line 2/],
      ["upn,date,session,code\nA100000000001,2000-01-03,PM,/\nA100000000001,2020-01-03,PM,/\nA100000000001,2000-01-03,PM,N", /line 4, column session: a second mark .* as line 2/],
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

    // A repeat of the first mark at the very end, the file arriving in small pieces: refused, naming both lines.
    lines.push(lines[1]!.replace(/,\/$/, ",N"));
    const text = Buffer.from(lines.join("\n"));
    const pieces = Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) => text.subarray(i * 1000, (i + 1) * 1000));
    await expect(importMarks(db, actor, scope(), Readable.from(pieces), "csv")).rejects.toThrow(/line 10002, column session: a second mark .* as line 2$/);
  });
});

describe("two imports of one school at once", () => {
  type Marks = Map<string, string>;
  /** What importing `file` over `state` does, as the import must report and audit it. */
  const apply = (state: Marks, file: [string, string][]) => {
    const events: string[] = [];
    let inserted = 0;
    for (const [key, code] of file) {
      const was = state.get(key);
      if (was === undefined) inserted++;
      else if (was !== code) events.push(`${key} ${was}>${code}`);
      state.set(key, code);
    }
    return { events, inserted };
  };

  // PGlite is a single connection: its transactions run one after the other, so two imports never overlap there.
  it.runIf(Boolean(testServerUrl))("audits exactly the changes made, none twice and none lost (PostgreSQL only: PGlite has one connection)", async () => {
    const school = (await buildSchool(db)).id;
    const upns = Array.from({ length: 60 }, (_, i) => `B2000000${String(i).padStart(5, "0")}`);
    await db.db.insert(pupils).values(upns.map((upn, i) => ({ schoolId: school, upn, firstName: `P${i}`, lastName: "Concurrent" })));
    const day = (d: number) => `2026-04-${String(20 + d).padStart(2, "0")}`;
    const file = (from: number, to: number, code: (p: number, d: number, s: string) => string): [string, string][] => {
      const rows: [string, string][] = [];
      for (let d = from; d <= to; d++) for (let p = 0; p < upns.length; p++) for (const s of ["AM", "PM"]) rows.push([`${upns[p]} ${day(d)} ${s}`, code(p, d, s)]);
      return rows;
    };
    const csvOf = (rows: [string, string][]) => ["upn,date,session,code", ...rows.map(([k, c]) => `${k.replaceAll(" ", ",")},${c}`)].join("\n");
    const base = file(0, 4, () => "/");
    // A corrects days 2-4 for half the pupils and adds days 5-7; B overlaps it on days 3-7, agreeing on some marks and not on others, and adds days 8-9.
    const a = file(2, 7, (p, d) => (d <= 4 && p % 2 === 0 ? "N" : "/"));
    const b = file(3, 9, (p, d, s) => (d === 3 ? "I" : d === 4 ? "N" : d <= 6 && p % 3 === 0 ? "L" : d === 7 && s === "PM" ? "M" : "/"));
    await importMarks(db, actor, { schoolIds: [school] }, streamOf(csvOf(base)), "csv");
    const events0 = (await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, school), eq(auditEvents.action, "mark_corrected")))).length;
    expect(events0).toBe(0);

    // Make them overlap: a third transaction holds import_batches, which each import writes only after its
    // marks, until both imports are waiting (one there, or both if they do not wait for each other).
    const blocker = await db.pool!.connect();
    let results: ImportReport[];
    try {
      await blocker.query("begin");
      await blocker.query("lock table import_batches in exclusive mode");
      const both = Promise.all([
        importMarks(db, actor, { schoolIds: [school] }, streamOf(csvOf(a)), "csv", { fileName: "a.csv" }),
        importMarks(db, actor, { schoolIds: [school] }, streamOf(csvOf(b)), "csv", { fileName: "b.csv" }),
      ]);
      both.catch(() => {});
      await untilWaitingOnLocks(db.pool!, 2, "the two imports");
      await blocker.query("commit");
      results = await both;
    } finally {
      blocker.release();
    }
    const [ra, rb] = results as [ImportReport, ImportReport];

    const audited = (await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, school), eq(auditEvents.action, "mark_corrected"))))
      .map((e) => `${e.entityId} ${(e.before as { code: string }).code}>${(e.after as { code: string }).code}`)
      .sort();
    const upnOf = new Map((await db.db.select().from(pupils).where(eq(pupils.schoolId, school))).map((p) => [p.id, p.upn]));
    const final = new Map((await db.db.select().from(registerMarks).where(eq(registerMarks.schoolId, school))).map((m) => [`${upnOf.get(m.pupilId)} ${m.day} ${m.session}`, m.code]));

    // The outcome must be that of one order or the other, and its corrections audited once each.
    const orders = [
      [a, b],
      [b, a],
    ].map(([first, second]) => {
      const state: Marks = new Map(base);
      const one = apply(state, first!);
      const two = apply(state, second!);
      return { events: [...one.events, ...two.events].sort(), inserted: one.inserted + two.inserted, state };
    });
    const order = orders.find((o) => JSON.stringify([...o.state].sort()) === JSON.stringify([...final].sort()));
    expect(order, "the marks are those of importing one file after the other").toBeDefined();
    expect(audited).toEqual(order!.events);
    expect(ra.changed + rb.changed).toBe(order!.events.length);
    expect(ra.inserted + rb.inserted).toBe(order!.inserted);
    expect(order!.events.length).toBeGreaterThan(100);
  });
});

