import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, dailyRuns, familyContacts, pupils, registerMarks, wondeFeeds } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool } from "../../../test/factories";
import { FakeWonde } from "../../../test/fake-wonde";
import { londonDate } from "../../clock";
import { connectWondeFeed, wondeFeedStatus } from "./feed";
import { syncWondeFeed, type SyncOutcome } from "./sync-feed";
import { loadSchoolDay } from "../load-evaluation-input";
import { tokenBox } from "./token-box";

let db: DatabaseHandle;
let fake: FakeWonde;
let schoolId: string;
const box = tokenBox(randomBytes(32));
const actor = { userId: null, name: "Data manager" };
const deps = { box, now: () => new Date(), client: { backoffMs: 1, sleep: async () => {} } };
const sync = () => syncWondeFeed(db, schoolId, deps);

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeWonde().start();
  schoolId = (await buildSchool(db)).id;
});
afterAll(async () => {
  await fake?.stop();
  await db?.close();
});

const marks = async () => (await db.db.select().from(registerMarks).where(eq(registerMarks.schoolId, schoolId))).map((m) => `${m.day} ${m.session} ${m.code}`).sort();
const auditCount = async () => (await db.db.select().from(auditEvents).where(eq(auditEvents.schoolId, schoolId))).length;
const synced = (o: SyncOutcome) => {
  if (o.status !== "synced") throw new Error(`expected a sync, got ${JSON.stringify(o)}`);
  return o;
};

describe("syncing a school's Wonde feed", () => {
  it("refuses a token Wonde does not accept, and keeps none", async () => {
    await expect(connectWondeFeed(db.db, actor, schoolId, { wondeSchoolId: fake.schoolId, token: "nope", baseUrl: fake.url }, { box })).rejects.toMatchObject({ field: "token" });
    await expect(connectWondeFeed(db.db, actor, schoolId, { wondeSchoolId: "A1", token: fake.token, baseUrl: "http://192.0.2.1/" }, { box })).rejects.toMatchObject({ field: "baseUrl" });
    expect(await db.db.select().from(wondeFeeds)).toHaveLength(0);
  });

  it("connects with the token sealed, never stored or shown as given", async () => {
    expect(await connectWondeFeed(db.db, actor, schoolId, { wondeSchoolId: fake.schoolId, token: fake.token, baseUrl: fake.url }, { box })).toEqual({ wondeSchoolName: "Wonde Testing School" });
    const [row] = await db.db.select().from(wondeFeeds);
    expect(row!.tokenCiphertext).not.toContain(fake.token);
    expect(box.open(row!.tokenCiphertext, schoolId)).toBe(fake.token);
    const status = await wondeFeedStatus(db.db, schoolId, new Date());
    expect(JSON.stringify(status)).not.toContain(fake.token);
    expect(JSON.stringify(await db.db.select().from(auditEvents))).not.toContain(fake.token);
  });

  it("first sync: pupils with contacts in priority order, vulnerability flags, and every mark", async () => {
    const o = synced(await sync());
    expect(o).toMatchObject({ rows: 3 + 18, marksChanged: 18, pupilsChanged: 3 });
    const lucja = (await db.db.select().from(pupils).where(eq(pupils.upn, "T820200126001")))[0]!;
    expect(lucja).toMatchObject({ firstName: "Łucja", yearGroup: "4", className: "4N", wondeId: "S1001", vulnerabilities: ["child_protection_plan"] });
    const contacts = await db.db.select().from(familyContacts).where(eq(familyContacts.pupilId, lucja.id));
    expect(contacts.sort((a, b) => a.priority - b.priority).map((c) => `${c.priority} ${c.name} ${c.phone}`)).toEqual(["1 Anna Nowak 07700 900112", "2 Marek Nowak 07700 900111"]);
    expect(await marks()).toContain("2026-03-04 AM N");
    const status = await wondeFeedStatus(db.db, schoolId, new Date());
    expect(status).toMatchObject({ connected: true, state: "connected", lastRows: 21, lastMarksChanged: 18, lastError: null, syncing: false });
  });

  it("the same records again change nothing and leave no audit trace", async () => {
    const before = await auditCount();
    expect(synced(await sync())).toMatchObject({ marksChanged: 0, pupilsChanged: 0 });
    // Everything again from the start (the watermark forgotten): still nothing changes.
    await db.db.update(wondeFeeds).set({ watermark: null });
    expect(synced(await sync())).toMatchObject({ rows: 21, marksChanged: 0, pupilsChanged: 0, leavers: 0 });
    expect(await auditCount()).toBe(before);
  });

  it("asks only for what changed since the last sync, a few minutes overlapped", async () => {
    fake.requests.length = 0;
    await sync();
    const asked = fake.requests.find((r) => r.path.endsWith("/attendance/session"))!.query.updated_after!;
    const [feed] = await db.db.select().from(wondeFeeds);
    expect(new Date(`${asked}Z`).getTime()).toBeLessThan(feed!.watermark!.getTime() - 4 * 60_000);
  });

  it("a correction made after the fact (N replaced by I) reaches the marks, audited", async () => {
    fake.setMark("S1002", "2026-03-04", "AM", "I");
    expect(synced(await sync())).toMatchObject({ rows: 1, marksChanged: 1 });
    expect(await marks()).toContain("2026-03-04 AM I");
    const [corr] = await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "mark_corrected"), eq(auditEvents.schoolId, schoolId)));
    expect(corr).toMatchObject({ actorName: "Wonde feed", before: { code: "N" }, after: { code: "I" } });
  });

  it("a malformed record is refused naming the field, and nothing is written", async () => {
    fake.setMark("S1001", "2026-03-05", "AM", "H");
    fake.setMark("S1002", "2026-03-05", "AM", "N");
    const before = { marks: await marks(), audit: await auditCount() };
    const o = await sync();
    expect(o).toMatchObject({ status: "failed", state: "error", field: expect.stringMatching(/^attendance\[\d\]\.attendance_code$/) });
    expect(await marks()).toEqual(before.marks);
    expect(await auditCount()).toBe(before.audit);
    const status = await wondeFeedStatus(db.db, schoolId, new Date());
    expect(status).toMatchObject({ state: "error", lastError: expect.stringContaining('"H" is not a DfE attendance code') });
    fake.marks = fake.marks.filter((m) => !m.date.date.startsWith("2026-03-05"));
  });

  it("a mark on a day no register holds is refused before anything is saved, naming the record", async () => {
    fake.setMark("S1001", "2026-03-06", "AM", "N");
    const bad = fake.marks.find((m) => m.student === "S1001" && m.date.date.startsWith("2026-03-06"))!;
    bad.date = FakeWonde.date("1999-03-06");
    const before = { marks: await marks(), audit: await auditCount() };
    const o = await sync();
    expect(o).toMatchObject({ status: "failed", state: "error", field: expect.stringMatching(/^attendance\[\d+\]\.date\.date$/) });
    expect(await marks()).toEqual(before.marks);
    expect(await auditCount()).toBe(before.audit);
    fake.marks = fake.marks.filter((m) => m !== bad);
  });

  it("a leaver is marked as left, not deleted, with their marks kept", async () => {
    const s = structuredClone(fake.students.find((x) => x.id === "S1003")!);
    s.education_details.data.leaving_date = FakeWonde.date("2026-03-20");
    s.updated_at = FakeWonde.date(new Date());
    fake.leavers.push(s);
    expect(synced(await sync())).toMatchObject({ leavers: 1 });
    const [p] = await db.db.select().from(pupils).where(eq(pupils.upn, "W820200126003"));
    expect(p!.leftOn).toBe("2026-03-20");
    expect((await db.db.select().from(registerMarks).where(eq(registerMarks.pupilId, p!.id))).length).toBe(6);
    expect(synced(await sync())).toMatchObject({ leavers: 0 });
    // On the roll to the day they left; after it, no morning's list reads them.
    const upns = async (day: string) => (await loadSchoolDay(db.db, schoolId, day)).pupils.map((x) => x.upn);
    expect(await upns("2026-03-20")).toContain("W820200126003");
    expect(await upns("2026-03-23")).not.toContain("W820200126003");
  });

  it("carries the admission date when Wonde sends one, and keeps it when a later record does not", async () => {
    const s = fake.students.find((x) => x.id === "S1001")!;
    s.education_details.data.admission_date = FakeWonde.date("2026-03-02");
    s.updated_at = FakeWonde.date(new Date());
    expect(synced(await sync())).toMatchObject({ pupilsChanged: 1 });
    const admitted = async () => (await db.db.select({ on: pupils.admittedOn }).from(pupils).where(eq(pupils.upn, "T820200126001")))[0]!.on;
    expect(await admitted()).toBe("2026-03-02");
    delete s.education_details.data.admission_date;
    s.updated_at = FakeWonde.date(new Date());
    expect(synced(await sync())).toMatchObject({ pupilsChanged: 0 });
    expect(await admitted()).toBe("2026-03-02");
  });

  it("Wonde's 500s are retried within the sync", async () => {
    fake.failures.push({ path: /students$/, status: 500, times: 2 });
    expect((await sync()).status).toBe("synced");
  });

  it("one sync per school at a time: a held claim is answered busy", async () => {
    await db.db.update(wondeFeeds).set({ syncingSince: new Date() });
    expect(await sync()).toEqual({ status: "busy" });
    expect(await wondeFeedStatus(db.db, schoolId, new Date())).toMatchObject({ syncing: true });
    // A claim left by a killed instance is taken over once stale.
    await db.db.update(wondeFeeds).set({ syncingSince: new Date(Date.now() - 20 * 60_000) });
    expect((await sync()).status).toBe("synced");
  });

  it("refreshes the list kept for today when marks change", async () => {
    await db.db.insert(dailyRuns).values({ schoolId, day: londonDate(new Date()), startedAt: new Date() });
    fake.setMark("S1001", "2026-03-04", "PM", "N");
    expect(synced(await sync())).toMatchObject({ marksChanged: 1, listRefreshed: true });
  });

  it("updates the kept list for the pupils the sync touched only", async () => {
    fake.setMark("S1001", "2026-03-04", "PM", "I");
    expect(synced(await sync())).toMatchObject({ marksChanged: 1, listRefreshed: true });
    const updates = (await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), eq(auditEvents.action, "daily_list_updated")))).map((e) => e.after as { pupilsEvaluated: number });
    // The pupils with marks in the sync (Wonde's updated_after, overlapped by a few minutes, sends back the last test's too), not the whole roll of 3.
    expect(updates.at(-1)!.pupilsEvaluated).toBeLessThan(3);
  });

  it("a revoked token marks the feed access revoked, and changes nothing", async () => {
    fake.revoked = true;
    fake.setMark("S1001", "2026-03-04", "PM", "I");
    const before = await marks();
    expect(await sync()).toMatchObject({ status: "failed", state: "access_revoked" });
    expect(await marks()).toEqual(before);
    expect(await wondeFeedStatus(db.db, schoolId, new Date())).toMatchObject({ state: "access_revoked", lastError: expect.stringMatching(/revoked/) });
    fake.revoked = false;
  });
});

describe("the schedule", () => {
  it("syncs a feed when its slot has passed since the last try, and not again until the next slot", async () => {
    const { runDueWondeSyncs } = await import("../../../jobs/wonde-syncs");
    await db.db.update(wondeFeeds).set({ state: "connected", lastSyncAt: null, lastErrorAt: null, syncingSince: null });
    // Wednesday 9 December 2026, 09:00 in London (GMT).
    const clock = { now: new Date("2026-12-09T09:00:30Z") };
    const now = () => clock.now;
    expect((await runDueWondeSyncs(db, box, now)).map((r) => r.outcome.status)).toEqual(["synced"]);
    clock.now = new Date("2026-12-09T09:05:00Z");
    expect(await runDueWondeSyncs(db, box, now)).toEqual([]);
    expect(await wondeFeedStatus(db.db, schoolId, clock.now)).toMatchObject({ nextSync: "2026-12-09 09:10" });
    clock.now = new Date("2026-12-09T09:10:00Z");
    expect(await runDueWondeSyncs(db, box, now)).toHaveLength(1);
    // Saturday: no school, no sync; the next is Monday morning.
    clock.now = new Date("2026-12-12T09:00:00Z");
    expect(await runDueWondeSyncs(db, box, now)).toEqual([]);
    expect(await wondeFeedStatus(db.db, schoolId, clock.now)).toMatchObject({ nextSync: "2026-12-14 08:30" });
    // A revoked feed waits for the school.
    await db.db.update(wondeFeeds).set({ state: "access_revoked" });
    clock.now = new Date("2026-12-14T09:00:00Z");
    expect(await runDueWondeSyncs(db, box, now)).toEqual([]);
  });
});

describe("a school's first Wonde year (on PostgreSQL, written into the register as the pages are read)", () => {
  it("a bad mark on the last page leaves no pupil, mark or audit of the sync; put right, the next sync saves them all", async () => {
    const other = await new FakeWonde().start();
    try {
      const school = (await buildSchool(db)).id;
      await connectWondeFeed(db.db, actor, school, { wondeSchoolId: other.schoolId, token: other.token, baseUrl: other.url }, { box });
      const saved = async () => ({
        pupils: (await db.db.select().from(pupils).where(eq(pupils.schoolId, school))).length,
        marks: (await db.db.select().from(registerMarks).where(eq(registerMarks.schoolId, school))).length,
        audit: (await db.db.select().from(auditEvents).where(eq(auditEvents.schoolId, school))).length,
      });
      const before = await saved();
      // The fake pages two records at a time: this mark comes pages after the first are in.
      other.setMark("S1003", "2026-03-20", "PM", "H");
      const o = await syncWondeFeed(db, school, deps);
      expect(o).toMatchObject({ status: "failed", state: "error", field: expect.stringMatching(/^attendance\[\d+\]\.attendance_code$/) });
      expect(await saved()).toEqual(before);
      other.marks = other.marks.filter((m) => !m.date.date.startsWith("2026-03-20"));
      expect(synced(await syncWondeFeed(db, school, deps))).toMatchObject({ marksChanged: 18, pupilsChanged: 3 });
      const after = await saved();
      expect(after).toMatchObject({ pupils: 3, marks: 18 });
      expect(after.audit).toBeGreaterThan(before.audit);
    } finally {
      await other.stop();
    }
  });
});
