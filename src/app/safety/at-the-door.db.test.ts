/**
 * The door rules through the real API, under each template: the server checks
 * the going-in answers again at "went in" (refusing with the field and clause,
 * or asking for a reason) and keeps them with the step; "departed" needs the ID
 * card; the alarm tells the office what its own policy says about the police,
 * and under transform-trust 2.5 asks for a full report until one is filed.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { appointments, auditEvents, notifications, visitEvents, visits, visitTeam } from "../../db/schema";
import type { PolicyId } from "../../domain/policy";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { startSmtpListener } from "../../test/smtp-listener";

let db: DatabaseHandle;
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
const NOW = new Date("2026-11-24T10:00:00Z");

interface School {
  id: string;
  head: TestClient;
  headId: string;
  visitor: TestClient;
  visitorId: string;
}
const schools: Partial<Record<PolicyId, School>> = {};

async function school(template: PolicyId): Promise<School> {
  const id = (await buildSchool(db, { policyTemplateId: template })).id;
  const head = await buildStaff(db, id, ["headteacher"]);
  const visitor = await buildStaff(db, id, ["visitor"]);
  await buildStaff(db, id, ["office"]);
  const s = { id, head: new TestClient(server.url), headId: head.id, visitor: new TestClient(server.url), visitorId: visitor.id };
  await s.head.login(head.email, TEST_PASSWORD);
  await s.visitor.login(visitor.email, TEST_PASSWORD);
  return s;
}

/** A visit of `s` with its visitor on the team, in `state`, and an appointment if asked. */
async function visit(s: School, state: "planned" | "under_way", opts: { appointment?: boolean } = {}) {
  const [v] = await db.db.insert(visits).values({ schoolId: s.id, purpose: "appointment", state, day: "2026-11-24", address: "7 Marsh View", startsAt: NOW, expectedBackAt: new Date(NOW.getTime() + 3_600_000) }).returning();
  await db.db.insert(visitTeam).values({ visitId: v!.id, userId: s.visitorId });
  if (opts.appointment) await db.db.insert(appointments).values({ visitId: v!.id, startsAt: NOW, place: "Home", agreedWith: "Mother", agreedBy: s.headId });
  return v!.id;
}

function step(s: School, visitId: string, body: Record<string, unknown>) {
  return s.visitor.request("POST", `/api/visits/${visitId}/steps`, { id: randomUUID(), occurredAt: NOW.toISOString(), ...body });
}

const yes = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, "yes"]));
const COTEFORD_YES = yes("appointment_kept", "parent_present", "both_staff_going_in", "animals_secured", "feel_safe");
const BURGH_OK = { invited_by_responsible_adult: "yes", only_child_present: "no", adult_has_parental_responsibility: "yes", ground_floor_only: "yes", animals_secured: "yes", feel_safe: "yes" };

async function recorded(id: string) {
  return db.db.select().from(visitEvents).where(eq(visitEvents.id, id));
}

beforeAll(async () => {
  smtp = await startSmtpListener();
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SMTP_URL: smtp.url, SESSION_IDLE_MINUTES: "100000" });
  server.clock.now = NOW;
  for (const t of ["coteford", "burgh", "hunsbury-park", "transform-trust"] as const) schools[t] = await school(t);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await smtp?.close();
});

describe("going in (coteford 2.6)", () => {
  it("refuses \"went in\" on a visit with no appointment, even with every answer yes, and records nothing", async () => {
    const s = schools.coteford!;
    const v = await visit(s, "under_way");
    const id = randomUUID();
    const r = await step(s, v, { id, step: "entered", answers: COTEFORD_YES });
    expect(r.status, r.text).toBe(422);
    expect(r.body).toMatchObject({ error: "policy_violation", field: "appointment", clause: "coteford 2.6" });
    expect(r.body.message).toMatch(/no appointment is recorded/);
    expect(await recorded(id)).toEqual([]);
  });

  it("refuses without the answers, and without a parent present, naming the answer", async () => {
    const s = schools.coteford!;
    const v = await visit(s, "under_way", { appointment: true });
    const none = await step(s, v, { step: "entered" });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ field: "answers.appointment_kept", clause: "coteford 2.6" });
    const noParent = await step(s, v, { step: "entered", answers: { ...COTEFORD_YES, parent_present: "no" } });
    expect(noParent.status).toBe(422);
    expect(noParent.body).toMatchObject({ field: "answers.parent_present", clause: "coteford 2.6, 3.5" });
    // Coteford gives no exception: a reason does not open the door.
    const withReason = await step(s, v, { step: "entered", answers: { ...COTEFORD_YES, parent_present: "no" }, reason: "Aunt was there" });
    expect(withReason.status).toBe(422);
  });

  it("records \"went in\" with an appointment and the answers, on the step and in its audit event", async () => {
    const s = schools.coteford!;
    const v = await visit(s, "under_way", { appointment: true });
    const id = randomUUID();
    const r = await step(s, v, { id, step: "entered", answers: COTEFORD_YES });
    expect(r.status, r.text).toBe(200);
    const [row] = await recorded(id);
    expect(row!.note).toContain("Is the parent or carer at home now (not still on their way)? yes (coteford 2.6, 3.5)");
    const [audit] = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, v), eq(auditEvents.action, "field_entered")));
    expect(audit!.after).toMatchObject({ doorAnswers: COTEFORD_YES, doorReason: null, goingInClause: "coteford 2.6" });
    // The head reads them back on the visit page.
    const page = (await s.head.request("GET", `/api/visits/${v}`)).body;
    expect(page.steps).toEqual([expect.objectContaining({ step: "entered", note: expect.stringContaining("at home now (not still on their way)? yes") })]);
  });

  it("keeps the answers given with \"did not go in\", without refusing it", async () => {
    const s = schools.coteford!;
    const v = await visit(s, "under_way");
    const id = randomUUID();
    const r = await step(s, v, { id, step: "not_entered", answers: { ...COTEFORD_YES, parent_present: "no" } });
    expect(r.status, r.text).toBe(200);
    expect((await recorded(id))[0]!.note).toContain("at home now (not still on their way)? no");
  });
});

describe("going in (burgh 8)", () => {
  it("needs no appointment, but an adult not listed with parental responsibility needs a reason", async () => {
    const s = schools.burgh!;
    const v = await visit(s, "under_way");
    expect((await step(s, v, { step: "entered", answers: BURGH_OK })).status).toBe(200);
    const v2 = await visit(s, "under_way");
    const noReason = await step(s, v2, { step: "entered", answers: { ...BURGH_OK, adult_has_parental_responsibility: "no" } });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ field: "reason", clause: "burgh 8" });
    const id = randomUUID();
    const withReason = await step(s, v2, { id, step: "entered", answers: { ...BURGH_OK, adult_has_parental_responsibility: "no" }, reason: "Grandmother, with the mother's written authority" });
    expect(withReason.status, withReason.text).toBe(200);
    expect((await recorded(id))[0]!.note).toContain("Reason: Grandmother, with the mother's written authority");
  });

  it("never goes in when only a child is at home, reason or not", async () => {
    const s = schools.burgh!;
    const v = await visit(s, "under_way");
    const r = await step(s, v, { step: "entered", answers: { ...BURGH_OK, only_child_present: "yes" }, reason: "The child said to come in" });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ field: "answers.only_child_present", clause: "burgh 8" });
  });
});

describe("ID cards before departure", () => {
  it("refuses \"departed\" without the ID card confirmed, naming the field, and records nothing", async () => {
    const s = schools.coteford!;
    const v = await visit(s, "planned", { appointment: true });
    const id = randomUUID();
    const r = await step(s, v, { id, step: "departed" });
    expect(r.status, r.text).toBe(422);
    expect(r.body).toMatchObject({ field: "idCardWorn", clause: "coteford 3.7" });
    expect(await recorded(id)).toEqual([]);
    expect((await step(s, v, { step: "departed", idCardWorn: false })).body.field).toBe("idCardWorn");
  });

  it("records the ID card on the step it was confirmed with", async () => {
    // Under way already: the second member of a team reports departing too.
    const s = schools["hunsbury-park"]!;
    const v = await visit(s, "under_way");
    const id = randomUUID();
    expect((await step(s, v, { id, step: "departed", idCardWorn: true })).status).toBe(200);
    expect((await recorded(id))[0]!.note).toBe("ID card worn (hunsbury-park 4)");
  });
});

describe("the danger procedure follows each policy", () => {
  async function alarm(s: School, v: string) {
    const r = await s.visitor.request("POST", `/api/visits/${v}/alarm`, { id: randomUUID(), occurredAt: NOW.toISOString() });
    expect(r.status, r.text).toBe(201);
    return r.body;
  }
  async function notices(c: TestClient) {
    return (await c.request("GET", "/api/notifications")).body.notifications as { kind: string; title: string; body: string; link: string | null }[];
  }

  it("coteford 2.8: staff call the police first; the office is told so, by notice and email", async () => {
    const s = schools.coteford!;
    const v = await visit(s, "under_way", { appointment: true });
    const raised = await alarm(s, v);
    expect(raised.procedure).toMatchObject({ policeCalledBy: "staff", clause: "coteford 2.8" });
    expect(raised.procedure.phone).toMatch(/^Call the police now \(999\), then tell the office/);
    const alarmNotice = (await notices(s.head)).find((n) => n.kind === "alarm")!;
    expect(alarmNotice.body).toContain("Staff call the police themselves first (coteford 2.8)");
    expect(alarmNotice.body).not.toMatch(/^Call 999 now/);
    expect((await s.head.request("GET", `/api/visits/${v}`)).body.dangerReport).toBeNull();
    await expect.poll(() => smtp.received.find((m) => m.raw.includes("coteford 2.8"))?.raw ?? "").toContain("IMMEDIATE DANGER on a home visit: staff call the police");
  });

  it("hunsbury-park 2: the office calls the police", async () => {
    const s = schools["hunsbury-park"]!;
    const v = await visit(s, "under_way");
    const raised = await alarm(s, v);
    expect(raised.procedure).toMatchObject({ policeCalledBy: "office", clause: "hunsbury-park 2" });
    expect((await notices(s.head)).find((n) => n.kind === "alarm")!.body).toMatch(/^Call the police now \(999\): the policy says the office calls them \(hunsbury-park 2\)/);
    const field = (await s.visitor.request("GET", `/api/visits/${v}/field`)).body;
    expect(field.rules.immediateDanger).toMatchObject({ policeCalledBy: "office", phone: "Get to safety. The office has the alarm and calls the police." });
    expect(field.dangerReport).toBeNull();
  });

  it("burgh 8: staff call 999", async () => {
    const s = schools.burgh!;
    const raised = await alarm(s, await visit(s, "under_way"));
    expect(raised.procedure).toMatchObject({ policeCalledBy: "staff", phone: "Leave now and call 999.", clause: "burgh 8" });
  });

  it("transform-trust 2.5: get out, then a full report, asked of the officer and the head until an incident report on the visit follows the alarm", async () => {
    const s = schools["transform-trust"]!;
    const v = await visit(s, "under_way");
    const raised = await alarm(s, v);
    expect(raised.procedure).toMatchObject({ policeCalledBy: "not_stated", fullReportRequired: true, clause: "transform-trust 2.5" });
    for (const c of [s.visitor, s.head]) {
      expect((await notices(c)).find((n) => n.kind === "danger_report")).toMatchObject({ title: "Full report needed: immediate danger on a visit (transform-trust 2.5)", link: `/visits/${v}` });
    }
    const field = async () => (await s.visitor.request("GET", `/api/visits/${v}/field`)).body.dangerReport;
    expect(await field()).toEqual({ alarms: 1, outstanding: 1, clause: "transform-trust 2.5" });
    const onVisitPage = async () => (await s.head.request("GET", `/api/visits/${v}`)).body.dangerReport;
    expect(await onVisitPage()).toEqual({ alarms: 1, outstanding: 1, clause: "transform-trust 2.5" });
    const report = await s.visitor.request("POST", "/api/incidents", { visitId: v, kind: "incident", occurredAt: NOW.toISOString(), description: "Adult became aggressive at the door; I left and drove to the school." });
    expect(report.status, report.text).toBe(201);
    expect(await field()).toEqual({ alarms: 1, outstanding: 0, clause: "transform-trust 2.5" });
    expect(await onVisitPage()).toMatchObject({ outstanding: 0 });
  });

  it("the officer gets one report notice for the alarm", async () => {
    const s = schools["transform-trust"]!;
    expect((await db.db.select().from(notifications).where(and(eq(notifications.userId, s.visitorId), eq(notifications.kind, "danger_report")))).length).toBe(1);
  });
});
