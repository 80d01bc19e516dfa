import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils, safetyAlerts, staffChecks, visitPupils, visits } from "../../../db/schema";
import { figuresOutput } from "../../../app/oversight/figures-output";
import { pdfText } from "../../../rendering/test-support";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

/**
 * Six children in Year 3, absent (N) from Monday 2 March 2026, called
 * unreached on Monday and Tuesday; the first visited and seen on Wednesday.
 * Names a PDF's standard fonts could not print, so a leak would show.
 */
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"];
const upns = Array.from({ length: 6 }, (_, i) => `B20000000000${i + 1}`);
const names = upns.map((_, i) => ({ firstName: `Łucja${i + 1}`, lastName: `Ó Ceallaigh${i + 1}` }));
const RANGE = "from=2026-03-02&to=2026-03-10";

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;
const as: Record<string, TestClient> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-03-10T09:00:00Z");
  const school = await buildSchool(db);
  schoolId = school.id;
  const rows = await db.db
    .insert(pupils)
    .values(upns.map((upn, i) => ({ schoolId, upn, yearGroup: "Year 3", addressLine1: `${i + 1} Quarrington Row`, postcode: "PE24 5ZZ", ...names[i]! })))
    .returning();
  for (const role of ["headteacher", "attendance_lead", "governor", "visitor"] as const) {
    as[role] = new TestClient(server.url);
    const staff = await buildStaff(db, schoolId, [role]);
    await as[role].login(staff.email, TEST_PASSWORD);
    // The head's DBS was issued three years before 1 April 2026: a recheck due within the look-ahead.
    if (role === "headteacher") await db.db.insert(staffChecks).values({ userId: staff.id, dbsIssuedOn: "2023-04-01" });
  }
  const lines = ["upn,date,session,code"];
  for (const upn of upns) {
    lines.push(`${upn},2026-02-27,AM,/`, `${upn},2026-02-27,PM,/`);
    for (const date of DAYS) lines.push(`${upn},${date},AM,N`, `${upn},${date},PM,N`);
  }
  const imported = await as.attendance_lead!.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: `${lines.join("\n")}\n` });
  expect(imported.status, imported.text).toBe(200);
  for (const p of rows) {
    for (const date of DAYS.slice(0, 2)) {
      const r = await as.attendance_lead!.request("POST", `/api/pupils/${p.id}/contacts`, { date, method: "phone", reached: false });
      expect(r.status, r.text).toBe(201);
    }
  }
  const [visit] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "completed", day: "2026-03-04" }).returning();
  await db.db.insert(visitPupils).values({ visitId: visit!.id, pupilId: rows[0]!.id, outcome: "child_seen" });
  // A visit proposed for tomorrow, with no team and no risk assessment yet.
  await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "proposed", day: "2026-03-11" });
  const [planned] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "under_way", day: "2026-03-10" }).returning();
  await db.db.insert(safetyAlerts).values({ visitId: planned!.id, schoolId, kind: "overdue", level: "amber", raisedAt: new Date("2026-03-10T08:30:00Z"), acknowledgements: [{ level: "amber", by: "x", at: "2026-03-10T08:33:00Z" }] });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const forbidden = () => [...upns, "B2000000", ...names.flatMap((n) => [n.firstName, n.lastName]), "Łucja", "Ceallaigh", "Quarrington"];

describe("the head's dashboard", () => {
  it("counts today's actions by kind, visits not ready, open alerts, overdue actions by name, checks running out, the policy review", async () => {
    const r = await as.headteacher!.request("GET", "/api/dashboard");
    expect(r.status, r.text).toBe(200);
    expect(r.body.day).toBe("2026-03-10");
    expect(r.body.actionCount).toBeGreaterThan(0);
    expect(r.body.visitsWaiting).toEqual({ approval: 1, riskAssessment: 2, team: 2 });
    expect(r.body.openAlerts).toBe(1);
    expect(r.body.overdue.length).toBeGreaterThan(0);
    for (const o of r.body.overdue) expect(o.firstListed < "2026-03-10").toBe(true);
    expect(r.body.overdue.map((o: { firstName: string }) => o.firstName)).toContain("Łucja2");
    expect(r.body.checksRunningOut).toEqual([expect.objectContaining({ check: "Enhanced DBS", endsOn: "2026-04-01", lapsed: false })]);
    expect(r.body.policy.review.due).toMatch(/^\d{4}-\d{2}/);
    // Case samples and decision lists still to work through, each linking to its list.
    expect(r.body.caseSampling.toReview).toBeLessThanOrEqual(r.body.caseSampling.sampled);
    expect(r.body.decisions.undecided).toBeLessThanOrEqual(r.body.decisions.listed);
  });

  it("is not for a governor or a visitor", async () => {
    expect((await as.governor!.request("GET", "/api/dashboard")).status).toBe(403);
    expect((await as.visitor!.request("GET", "/api/dashboard")).status).toBe(403);
  });
});

describe("figures for a range", () => {
  it("are the figures `doorstep figures` prints for the same range, with the unseen children by name for the head", async () => {
    const r = await as.headteacher!.request("GET", `/api/figures?${RANGE}`);
    expect(r.status, r.text).toBe(200);
    const { figures, ...cli } = await figuresOutput(db.db, schoolId, "2026-03-02", "2026-03-10", "school_leaders", "2026-03-10");
    expect({ from: r.body.from, to: r.body.to, policyName: r.body.policyName, sections: r.body.sections }).toEqual(cli);
    expect(r.body.unseen).toEqual(figures!.compliance.unseen);
    const attendance = r.body.sections.find((s: { heading: string }) => s.heading === "Attendance");
    // Present on the Friday before, absent every session of the range: 0% and severely absent.
    expect(attendance.table.rows[0]).toEqual(["Year 3", "6", "0%", "6", "6"]);
    const safety = r.body.sections.find((s: { heading: string }) => s.heading === "Safety on visits");
    expect(safety.table.rows).toContainEqual(["Check-ins missed", "1"]);
    expect(safety.table.rows).toContainEqual(["Median minutes to acknowledge", "3"]);
  });
});

describe("the governors' report", () => {
  it("holds no child's name, address or UPN, and shows counts from 1 to 4 as 'fewer than 5'", async () => {
    const r = await as.governor!.request("GET", `/api/governors/report?${RANGE}`);
    expect(r.status, r.text).toBe(200);
    for (const word of forbidden()) expect(r.text).not.toContain(word);
    const cli = await figuresOutput(db.db, schoolId, "2026-03-02", "2026-03-10", "governors", "2026-03-10");
    expect(r.body.sections).toEqual(cli.sections);
    expect(cli.figures).toBeNull();
    const safety = r.body.sections.find((s: { heading: string }) => s.heading === "Safety on visits");
    expect(safety.table.rows).toContainEqual(["Check-ins missed", "fewer than 5"]);
    const attendance = r.body.sections.find((s: { heading: string }) => s.heading === "Attendance");
    expect(attendance.table.rows[0]).toEqual(["Year 3", "6", "0%", "6", "6"]);
  });

  it("as a PDF: the same figures and chart, no child's name or UPN in its text", async () => {
    const res = await fetch(`${server.url}/api/governors/report.pdf?${RANGE}`, { headers: { cookie: (as.governor as unknown as { cookie: string }).cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Governors' report");
    expect(text).toContain("Episodes by the week they began");
    expect(text).toContain("fewer than 5");
    for (const word of forbidden()) expect(text).not.toContain(word);
  });

  it("is refused to a visitor", async () => {
    expect((await as.visitor!.request("GET", `/api/governors/report?${RANGE}`)).status).toBe(403);
    expect((await as.governor!.request("GET", `/api/figures?${RANGE}`)).status).toBe(403);
  });
});
