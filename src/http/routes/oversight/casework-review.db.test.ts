import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, pupils, safetyAlerts, safetyDeadlines, visitPupils, visitReports, visits } from "../../../db/schema";
import { pdfText } from "../../../rendering/test-support";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

/**
 * Eight children in Year 4 over two weeks from Monday 2 March 2026: the first
 * three absent (N) most days, the rest in. Ten visits made in the range, one
 * with a full report, one with a missed check-in. A second school in the same
 * trust, and a school of another trust the trust administrator must not see.
 */
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"];
const upns = Array.from({ length: 8 }, (_, i) => `C30000000000${i + 1}`);
const names = upns.map((_, i) => ({ firstName: `Siobhán${i + 1}`, lastName: `Wiśniewska${i + 1}` }));
const RANGE = { from: "2026-03-02", to: "2026-03-13" };

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;
let sisterId: string;
let strangerId: string;
let childIds: string[];
let visitIds: string[];
const as: Record<string, TestClient> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-03-13T15:00:00Z");
  const school = await buildSchool(db);
  schoolId = school.id;
  sisterId = (await buildSchool(db, { name: "Sister Academy", trustId: school.trustId })).id;
  strangerId = (await buildSchool(db, { name: "Stranger School" })).id;
  const rows = await db.db
    .insert(pupils)
    .values(upns.map((upn, i) => ({ schoolId, upn, yearGroup: "Year 4", addressLine1: `${i + 1} Tattershall Close`, postcode: "PE22 0ZZ", ...names[i]! })))
    .returning();
  childIds = rows.map((r) => r.id);
  for (const role of ["headteacher", "dsl", "attendance_lead", "governor", "trust_admin"] as const) {
    as[role] = new TestClient(server.url);
    const staff = await buildStaff(db, schoolId, [role]);
    await as[role].login(staff.email, TEST_PASSWORD);
  }
  const lines = ["upn,date,session,code"];
  upns.forEach((upn, i) => {
    // Child 1 away 8 of 10 days, child 2 away 5, child 3 away 2 (80%: below 90%), the rest in.
    const away = [8, 5, 2][i] ?? 0;
    DAYS.forEach((date, d) => lines.push(`${upn},${date},AM,${d < away ? "N" : "/"}`, `${upn},${date},PM,${d < away ? "N" : "/"}`));
  });
  const imported = await as.attendance_lead!.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: `${lines.join("\n")}\n` });
  expect(imported.status, imported.text).toBe(200);

  visitIds = [];
  for (let i = 0; i < 10; i++) {
    const [v] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: i % 3 === 0 ? "no_contact" : "completed", day: DAYS[i]! }).returning();
    await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId: childIds[i % 8]!, outcome: "child_seen" });
    visitIds.push(v!.id);
  }
  // Not made: never sampled.
  await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "proposed", day: "2026-03-12" });
  await db.db.insert(visitReports).values({
    visitId: visitIds[1]!,
    schoolId,
    reason: "Day 3, no contact",
    peoplePresent: "Mother",
    summary: "Child seen, well",
    actionsAgreed: "Back on Monday",
    followUpActions: "Call on Monday",
    children: [{ pupilId: childIds[1]!, name: "x", seen: true, outcome: "child_seen", attendance: null }],
    staffPresent: ["A"],
    completedBy: (await buildStaff(db, schoolId, ["visitor"])).id,
    completedName: "A",
    completedRole: "visitor",
    completedOn: DAYS[1]!,
    submittedAt: new Date("2026-03-03T12:00:00Z"),
  });
  const [deadline] = await db.db.insert(safetyDeadlines).values({ visitId: visitIds[2]!, schoolId, kind: "check_in", dueAt: new Date("2026-03-04T10:00:00Z"), clause: "burgh 8", state: "fired" }).returning();
  await db.db.insert(safetyAlerts).values({ visitId: visitIds[2]!, schoolId, kind: "overdue", deadlineId: deadline!.id, level: "amber", raisedAt: new Date("2026-03-04T10:00:00Z") });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const forbidden = () => [...upns, "C3000000", ...names.flatMap((n) => [n.firstName, n.lastName]), "Siobhán", "Wiśniewska", "Tattershall"];

describe("case sampling (burgh 13)", () => {
  let sampleId: string;

  it("draws a random sample of the visits made, keeps its seed, and a repeat of the same draw is one sample", async () => {
    sampleId = randomUUID();
    const body = { id: sampleId, ...RANGE, size: 5, seed: 20260313 };
    const r = await as.headteacher!.request("POST", "/api/case-samples", body);
    expect(r.status, r.text).toBe(201);
    expect((await as.headteacher!.request("POST", "/api/case-samples", body)).body).toEqual({ id: sampleId, duplicate: true });
    const view = await as.headteacher!.request("GET", `/api/case-samples/${sampleId}`);
    expect(view.status, view.text).toBe(200);
    expect(view.body).toMatchObject({ seed: 20260313, poolSize: 10, sizeAsked: 5 });
    expect(view.body.visits).toHaveLength(5);
    for (const v of view.body.visits) expect(visitIds).toContain(v.visitId);
    // The same seed over the same visits draws the same sample: anyone can check the draw.
    const again = randomUUID();
    await as.dsl!.request("POST", "/api/case-samples", { ...body, id: again });
    const second = await as.dsl!.request("GET", `/api/case-samples/${again}`);
    expect(second.body.visits.map((v: { visitId: string }) => v.visitId)).toEqual(view.body.visits.map((v: { visitId: string }) => v.visitId));
    // Without a seed, Doorstep picks one and shows it.
    const third = randomUUID();
    await as.dsl!.request("POST", "/api/case-samples", { id: third, ...RANGE, size: 10 });
    const all = await as.dsl!.request("GET", `/api/case-samples/${third}`);
    expect(typeof all.body.seed).toBe("number");
    expect(all.body.visits.map((v: { visitId: string }) => v.visitId).sort()).toEqual([...visitIds].sort());
    // Prefilled from the record: the one full report, the one missed check-in.
    const byId = new Map(all.body.visits.map((v: { visitId: string }) => [v.visitId, v]));
    expect(byId.get(visitIds[1]!)).toMatchObject({ clause: "burgh 6.2", prefill: { reportComplete: true, checkInsKept: true } });
    expect(byId.get(visitIds[2]!)).toMatchObject({ prefill: { reportComplete: false, checkInsKept: false, checkInsWhy: "1 of 1 check-ins were missed (an overdue alert was raised)." } });
    expect(byId.get(visitIds[0]!)).toMatchObject({ prefill: { reportWhy: "No visit report was submitted." } });
  });

  it("records a finding per visit with the reviewer, audited; the governors' report counts them and names nobody", async () => {
    const view = await as.headteacher!.request("GET", `/api/case-samples/${sampleId}`);
    for (const [i, v] of (view.body.visits as { visitId: string }[]).entries()) {
      const r = await as.headteacher!.request("PUT", `/api/case-samples/${sampleId}/visits/${v.visitId}/finding`, { reportComplete: i > 0, clauseFollowed: true, checkInsKept: true, note: i === 0 ? "No report on file" : undefined });
      expect(r.status, r.text).toBe(200);
      expect(r.body.duplicate).toBe(false);
    }
    const repeat = await as.headteacher!.request("PUT", `/api/case-samples/${sampleId}/visits/${view.body.visits[1].visitId}/finding`, { reportComplete: true, clauseFollowed: true, checkInsKept: true });
    expect(repeat.body.duplicate).toBe(true);
    const after = await as.headteacher!.request("GET", `/api/case-samples/${sampleId}`);
    expect(after.body.visits[0].finding).toMatchObject({ reportComplete: false, note: "No report on file", reviewedName: "Test headteacher" });
    const audited = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, sampleId), eq(auditEvents.action, "case_finding_recorded")));
    expect(audited).toHaveLength(5);
    const drawn = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, sampleId), eq(auditEvents.action, "case_sample_drawn")));
    expect(drawn).toHaveLength(1);

    const report = await as.governor!.request("GET", `/api/governors/report?from=${RANGE.from}&to=${RANGE.to}`);
    expect(report.status, report.text).toBe(200);
    const section = report.body.sections.find((s: { heading: string }) => s.heading === "Case sampling");

    expect(Object.fromEntries(section.table.rows)).toMatchObject({ "Visits reviewed": "5", "Report complete": "fewer than 5", "Policy clause followed": "5", "Visits sampled": "20" });
    for (const word of forbidden()) expect(report.text).not.toContain(word);
  });

  it("is the head's and DSL's: a governor or the attendance lead cannot see a sample, and another school's sample is not found", async () => {
    expect((await as.governor!.request("GET", "/api/case-samples")).status).toBe(403);
    expect((await as.attendance_lead!.request("POST", "/api/case-samples", { id: randomUUID(), ...RANGE, size: 3 })).status).toBe(403);
    expect((await as.headteacher!.request("GET", `/api/case-samples/${randomUUID()}`)).status).toBe(404);
    const bad = await as.headteacher!.request("POST", "/api/case-samples", { id: randomUUID(), ...RANGE, size: 31 });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("size");
  });
});

describe("the half-term decision list (transform-trust 4.2)", () => {
  let listId: string;

  it("lists the pupils below 90% over the range, lowest first", async () => {
    listId = randomUUID();
    const r = await as.attendance_lead!.request("POST", "/api/decision-lists", { id: listId, criterion: "below_90_percent", ...RANGE });
    expect(r.status, r.text).toBe(201);
    expect((await as.attendance_lead!.request("POST", "/api/decision-lists", { id: listId, criterion: "below_90_percent", ...RANGE })).body.duplicate).toBe(true);
    const view = await as.attendance_lead!.request("GET", `/api/decision-lists/${listId}`);
    expect(view.status, view.text).toBe(200);
    expect(view.body.pupils.map((p: { pupilId: string; attendancePercent: number }) => [p.pupilId, p.attendancePercent])).toEqual([
      [childIds[0], 20],
      [childIds[1], 50],
      [childIds[2], 80],
    ]);
  });

  it("a visit decision joins the visit list as a proposed visit, once; the others are recorded with who decided", async () => {
    const before = (await db.db.select().from(visits).where(eq(visits.schoolId, schoolId))).length;
    const visit = await as.attendance_lead!.request("PUT", `/api/decision-lists/${listId}/pupils/${childIds[0]}/decision`, { decision: "visit", visitPurpose: "appointment", note: "Agreed at the half-term meeting" });
    expect(visit.status, visit.text).toBe(200);
    expect(visit.body.visitId).toBeTruthy();
    const again = await as.attendance_lead!.request("PUT", `/api/decision-lists/${listId}/pupils/${childIds[0]}/decision`, { decision: "visit", visitPurpose: "appointment", note: "Agreed at the half-term meeting" });
    expect(again.body).toEqual({ ok: true, duplicate: true, visitId: visit.body.visitId });
    expect((await db.db.select().from(visits).where(eq(visits.schoolId, schoolId))).length).toBe(before + 1);
    const list = await as.attendance_lead!.request("GET", "/api/visits?state=proposed");
    expect(JSON.stringify(list.body)).toContain(visit.body.visitId);
    const [made] = await db.db.select().from(visits).where(eq(visits.id, visit.body.visitId));
    // 13 March 2026 is a Friday: the visit is proposed for that school day.
    expect(made).toMatchObject({ state: "proposed", purpose: "appointment", day: "2026-03-13" });
    const proposedAudit = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, visit.body.visitId), eq(auditEvents.action, "visit_proposed")));
    expect(JSON.stringify(proposedAudit[0]!.after)).toContain("transform-trust 4.2");

    const letter = await as.attendance_lead!.request("PUT", `/api/decision-lists/${listId}/pupils/${childIds[1]}/decision`, { decision: "letter" });
    expect(letter.body).toEqual({ ok: true, duplicate: false, visitId: null });
    const changed = await as.attendance_lead!.request("PUT", `/api/decision-lists/${listId}/pupils/${childIds[0]}/decision`, { decision: "monitor" });
    expect(changed.status).toBe(400);
    expect(changed.text).toContain("decision");
    const view = await as.attendance_lead!.request("GET", `/api/decision-lists/${listId}`);
    expect(view.body.pupils[1]).toMatchObject({ decision: "letter", decidedName: "Test attendance_lead" });
    const summary = await as.attendance_lead!.request("GET", "/api/decision-lists");
    expect(summary.body.lists[0]).toMatchObject({ id: listId, pupils: 3, decided: 2 });
    expect((await as.governor!.request("GET", `/api/decision-lists/${listId}`)).status).toBe(403);
    expect((await as.attendance_lead!.request("PUT", `/api/decision-lists/${listId}/pupils/${childIds[6]}/decision`, { decision: "letter" })).status).toBe(404);
  });
});

describe("the trust's schools side by side", () => {
  it("shows the trust's schools only, on the same figures, no child named", async () => {
    const r = await as.trust_admin!.request("GET", `/api/trust/figures?from=${RANGE.from}&to=${RANGE.to}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.schools.map((s: { schoolId: string }) => s.schoolId).sort()).toEqual([schoolId, sisterId].sort());
    const mine = r.body.schools.find((s: { schoolId: string }) => s.schoolId === schoolId);
    expect(mine).toMatchObject({ pupils: 8, persistentlyAbsent: "fewer than 5", visits: 12, casesReviewed: 5 });
    for (const word of forbidden()) expect(r.text).not.toContain(word);
    expect(r.body.columns.length).toBe(15);
    for (const c of r.body.columns) expect(c.definition.length).toBeGreaterThan(5);
  });

  it("drills into a school of the trust, never another trust's", async () => {
    const r = await as.trust_admin!.request("GET", `/api/trust/schools/${sisterId}/report?from=${RANGE.from}&to=${RANGE.to}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.schoolName).toBe("Sister Academy");
    expect((await as.trust_admin!.request("GET", `/api/trust/schools/${strangerId}/report`)).status).toBe(404);
    expect((await as.headteacher!.request("GET", "/api/trust/figures")).status).toBe(403);
  });

  it("prints the trust's figures as a PDF with no child in it", async () => {
    const res = await fetch(`${server.url}/api/trust/figures.pdf?from=${RANGE.from}&to=${RANGE.to}`, { headers: { cookie: (as.trust_admin as unknown as { cookie: string }).cookie } });
    expect(res.status).toBe(200);
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Sister");
    expect(text).toContain("Alarms");
    expect(text).toContain("Cases reviewed");
    for (const word of forbidden()) expect(text).not.toContain(word);
  });
});
