import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils, visitPupils, visits } from "../../../db/schema";
import { compliance, type ReplayInput } from "../../../domain/attendance/compliance";
import type { Mark } from "../../../domain/attendance/evaluation-input";
import { suppressSmall } from "../../../domain/attendance/small-numbers";
import { policyTemplates } from "../../../domain/policy/templates";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

/**
 * compliance.md's example, six times over in one Burgh school: six children
 * absent (N) from Monday 2 March 2026, called unreached on Monday and Tuesday;
 * only the first is visited and seen on Wednesday. The route's figures must be
 * the replay's on the same records, and a governor or trust administrator must
 * get counts only, small ones as "fewer than 5".
 */
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"];
const upns = Array.from({ length: 6 }, (_, i) => `A10000000000${i + 1}`);
const names = upns.map((_, i) => ({ firstName: `Zelda${i + 1}`, lastName: `Quarrington${i + 1}` }));

let db: DatabaseHandle;
let server: TestServer;
const as: Record<string, TestClient> = {};
let expected: ReturnType<typeof compliance>;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-03-10T09:00:00Z");
  const school = await buildSchool(db);
  const rows = await db.db
    .insert(pupils)
    .values(upns.map((upn, i) => ({ schoolId: school.id, upn, ...names[i]! })))
    .returning();
  for (const role of ["headteacher", "attendance_lead", "governor", "trust_admin", "visitor"] as const) {
    as[role] = new TestClient(server.url);
    await as[role].login((await buildStaff(db, school.id, [role])).email, TEST_PASSWORD);
  }
  const marks: Mark[] = [];
  for (const upn of upns) {
    marks.push({ upn, date: "2026-02-27", session: "AM", code: "/" }, { upn, date: "2026-02-27", session: "PM", code: "/" });
    for (const date of DAYS) marks.push({ upn, date, session: "AM", code: "N" });
  }
  const csv = `upn,date,session,code\n${marks.map((m) => `${m.upn},${m.date},${m.session},${m.code}`).join("\n")}\n`;
  const imported = await as.attendance_lead!.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: csv });
  expect(imported.status, imported.text).toBe(200);
  for (const p of rows) {
    for (const date of DAYS.slice(0, 2)) {
      const r = await as.attendance_lead!.request("POST", `/api/pupils/${p.id}/contacts`, { date, method: "phone", reached: false });
      expect(r.status, r.text).toBe(201);
    }
  }
  const [visit] = await db.db.insert(visits).values({ schoolId: school.id, purpose: "safe_and_well", state: "completed", day: "2026-03-04" }).returning();
  await db.db.insert(visitPupils).values({ visitId: visit!.id, pupilId: rows[0]!.id, outcome: "child_seen" });

  const input: ReplayInput = {
    from: "2026-03-02",
    to: "2026-03-06",
    nonSchoolDays: [],
    pupils: upns.map((upn) => ({ upn })),
    marks,
    contacts: upns.flatMap((upn) => DAYS.slice(0, 2).map((date) => ({ upn, date, reached: false }))),
    sightings: [],
    visits: [{ upn: upns[0]!, date: "2026-03-04", outcome: "child_seen" }],
  };
  expected = compliance(policyTemplates.burgh, input);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const RANGE = "/api/compliance?from=2026-03-02&to=2026-03-06";

describe("GET /api/compliance", () => {
  it("gives the head the replay's figures on the school's records, each episode with the child's name", async () => {
    const r = await as.headteacher!.request("GET", RANGE);
    expect(r.status, r.text).toBe(200);
    expect(r.body.named).toBe(true);
    expect(r.body.summary).toEqual(expected.summary);
    expect(r.body.summary.safe_and_well_visit).toMatchObject({ closedOnFirstDay: 1 });
    const key = (e: { upn: string; action: string; firstListed: string }) => `${e.upn} ${e.action} ${e.firstListed}`;
    expect(r.body.episodes.map(key).sort()).toEqual(expected.episodes.map(key).sort());
    const first = r.body.episodes.find((e: { upn: string; action: string }) => e.upn === upns[0] && e.action === "safe_and_well_visit");
    expect(first).toMatchObject({ firstName: "Zelda1", lastName: "Quarrington1", closed: true, schoolDays: 1 });
  });

  it.each(["governor", "trust_admin"])("gives a %s counts only: no child's UPN or name, numbers under 5 as 'fewer than 5'", async (role) => {
    const r = await as[role]!.request("GET", RANGE);
    expect(r.status, r.text).toBe(200);
    expect(r.body.named).toBe(false);
    expect(r.body.episodes).toEqual([]);
    for (const word of [...upns, ...names.flatMap((n) => [n.firstName, n.lastName]), "A1000000"]) expect(r.text).not.toContain(word);
    const suppressed = Object.fromEntries(
      Object.entries(expected.summary).map(([k, s]) => [k, { episodes: suppressSmall(s.episodes), closedOnFirstDay: suppressSmall(s.closedOnFirstDay), closedLater: suppressSmall(s.closedLater), open: suppressSmall(s.open) }]),
    );
    expect(r.body.summary).toEqual(suppressed);
    // One child visited in time, five not: the one is hidden, the five are shown.
    expect(r.body.summary.safe_and_well_visit).toMatchObject({ closedOnFirstDay: "fewer than 5", open: 5 });
  });

  it("reads a range to a Sunday as to the Friday, and this week on Sunday 8 March as Monday 2 to Friday 6", async () => {
    const sunday = await as.headteacher!.request("GET", "/api/compliance?from=2026-03-01&to=2026-03-08");
    expect(sunday.body).toMatchObject({ from: "2026-03-02", to: "2026-03-06", summary: expected.summary });
    server.clock.now = new Date("2026-03-08T09:00:00Z");
    const week = await as.headteacher!.request("GET", "/api/compliance?period=this_week");
    expect(week.body).toMatchObject({ from: "2026-03-02", to: "2026-03-06", summary: expected.summary });
  });

  it("refuses a visitor, and a range with no school day or running backwards, naming the field", async () => {
    expect((await as.visitor!.request("GET", RANGE)).status).toBe(403);
    const weekend = await as.headteacher!.request("GET", "/api/compliance?from=2026-03-07&to=2026-03-08");
    expect(weekend.status).toBe(400);
    expect(weekend.body.message).toContain("from: there is no school day");
    const backwards = await as.headteacher!.request("GET", "/api/compliance?from=2026-03-06&to=2026-03-02");
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toContain("to:");
  });
});
