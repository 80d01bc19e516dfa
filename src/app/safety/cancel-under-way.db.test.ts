/**
 * A visit cancelled while its team is out, through the real API: the pending
 * check-in is stood down so the sweeper raises nothing for a visit that is off,
 * but the team is still on the road: they can report checking in, leaving and
 * getting home (each sets the next deadline as usual), and the office board
 * keeps the visit until they are back. Cancelling twice tells the head once.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policyTemplates } from "../../domain/policy";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, documents, familyContacts, notifications, pupils, safetyDeadlines, visitPupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { sweepSafety } from "../../jobs/safety-sweeper";

let db: DatabaseHandle;
let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};
let schoolId: string;
let visitId: string;

const T0 = new Date("2026-11-24T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function as(name: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never);
  ids[name] = s.id;
  c[name] = new TestClient(server.url);
  await c[name]!.login(s.email, TEST_PASSWORD);
}

async function step(step: string, minutes: number, extra: Record<string, unknown> = {}) {
  server.clock.now = at(minutes);
  // Every seed asks for the ID card before departure.
  return c.fsw!.request("POST", `/api/visits/${visitId}/steps`, { id: randomUUID(), step, occurredAt: at(minutes).toISOString(), ...(step === "departed" ? { idCardWorn: true } : {}), ...extra });
}

async function onBoard() {
  return (await c.office!.request("GET", "/api/board")).body.visits.find((v: { visitId: string }) => v.visitId === visitId);
}

async function cancel(reason: string) {
  return c.head!.request("POST", `/api/visits/${visitId}/cancel`, { reason });
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = T0;
  schoolId = (await buildSchool(db, { policyTemplateId: "hunsbury-park" })).id;
  await as("head", ["headteacher"]);
  await as("office", ["office"]);
  await as("fsw", ["visitor"]);
  // Siblings at one address with a mother in common, and a father and a grandmother for one each.
  const [a, b] = await db.db
    .insert(pupils)
    .values([
      { schoolId, upn: "A100000000011", firstName: "Zoë", lastName: "Brontë", addressLine1: "7 Marsh View", postcode: "NN4 9BG" },
      { schoolId, upn: "A100000000012", firstName: "Łucja", lastName: "Brontë", addressLine1: "7 Marsh View", postcode: "NN4 9BG" },
    ])
    .returning();
  await db.db.insert(familyContacts).values([
    { schoolId, pupilId: a!.id, name: "Siobhán Brontë", relationship: "Mother", phone: "07700 900111", priority: 1, parentalResponsibility: true },
    { schoolId, pupilId: a!.id, name: "Piotr Brontë", relationship: "Father", phone: "07700 900222", priority: 2, parentalResponsibility: true },
    // Responsibility for one child of the address is responsibility shown at the door.
    { schoolId, pupilId: b!.id, name: "Siobhán Brontë", relationship: "Mother", phone: "07700 900111", priority: 1 },
    { schoolId, pupilId: b!.id, name: "Ó Ceallaigh Nan", relationship: "Grandmother", phone: "07700 900333", priority: 2 },
  ]);
  const v = await c.head!.request("POST", "/api/visits", { pupilIds: [a!.id, b!.id], purpose: "appointment", date: "2026-11-24" });
  visitId = v.body.id;
  await c.head!.request("PUT", `/api/staff/${ids.fsw}/checks`, { mobile: "07700 900555" });
  // The training the policy asks of whoever visits (hunsbury-park 3).
  for (const kind of policyTemplates["hunsbury-park"].conduct.requiredTraining!.value) {
    await c.head!.request("POST", `/api/staff/${ids.fsw}/training`, { kind, completedOn: "2026-01-10", expiresOn: null });
  }
  expect((await c.head!.request("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: ids.fsw }] })).status).toBe(200);
  const plan = await c.head!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: at(15).toISOString(), expectedBackAt: at(120).toISOString() });
  expect(plan.body.state, plan.text).toBe("planned");
  expect((await step("departed", 0)).status).toBe(200);
  expect((await step("arrived", 20)).body.nextDeadline).toMatchObject({ kind: "check_in", dueAt: at(140).toISOString() });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("the field view", () => {
  it("gives the time of each step and the contacts of every child on the visit, each person once", async () => {
    const r = await c.fsw!.request("GET", `/api/visits/${visitId}/field`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.events.map((e: { step: string; at: string }) => [e.step, e.at])).toEqual([
      ["departed", at(0).toISOString()],
      ["arrived", at(20).toISOString()],
    ]);
    expect(r.body.parents).toHaveLength(3);
    expect(r.body.parents).toEqual(
      expect.arrayContaining([
        { name: "Siobhán Brontë", relationship: "Mother", phone: "07700 900111", parentalResponsibility: true, children: expect.arrayContaining(["Zoë Brontë", "Łucja Brontë"]) },
        { name: "Piotr Brontë", relationship: "Father", phone: "07700 900222", parentalResponsibility: true, children: ["Zoë Brontë"] },
        { name: "Ó Ceallaigh Nan", relationship: "Grandmother", phone: "07700 900333", parentalResponsibility: false, children: ["Łucja Brontë"] },
      ]),
    );
    expect(r.body).toMatchObject({ teamOut: true, afterCancellation: null });
  });
});

describe("cancelling a visit under way", () => {
  it("cancels, names the clause that sends the reason to the head, and keeps the team's pending check-in", async () => {
    server.clock.now = at(30);
    const r = await cancel("Mother phoned: the family has gone to hospital");
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ ok: true, state: "cancelled", reason: "Mother phoned: the family has gone to hospital", clause: "hunsbury-park 4", duplicate: false, teamOut: true });
    const pending = await db.db.select().from(safetyDeadlines).where(and(eq(safetyDeadlines.visitId, visitId), eq(safetyDeadlines.state, "pending")));
    // The team is still out: the check-in due at 140 is still watched for.
    expect(pending.map((d) => d.kind)).toEqual(["check_in"]);
    const detail = (await c.head!.request("GET", `/api/visits/${visitId}`)).body;
    expect(detail.state).toBe("cancelled");
    expect(detail.cancellation).toEqual({ clause: "hunsbury-park 4", reason: "Mother phoned: the family has gone to hospital" });
  });

  it("cancelling again answers with the first cancellation and tells nobody twice", async () => {
    const again = await cancel("a second reason, typed after a lost reply");
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ ok: true, state: "cancelled", reason: "Mother phoned: the family has gone to hospital", clause: "hunsbury-park 4", duplicate: true });
    const audits = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, visitId), eq(auditEvents.action, "visit_cancel")));
    expect(audits).toHaveLength(1);
    const told = await db.db.select().from(notifications).where(and(eq(notifications.userId, ids.head!), eq(notifications.kind, "visit_cancelled")));
    expect(told).toHaveLength(1);
    const notices = await db.db.select().from(documents).where(and(eq(documents.visitId, visitId), eq(documents.kind, "cancellation_notice")));
    expect(notices).toHaveLength(1);
  });

  it("keeps the visit on the office board while the team is out", async () => {
    server.clock.now = at(35);
    const b = await onBoard();
    expect(b).toMatchObject({ state: "cancelled", teamOut: true, nextDeadline: { kind: "check_in" } });
    const field = (await c.fsw!.request("GET", `/api/visits/${visitId}/field`)).body;
    expect(field.afterCancellation).toEqual({ reason: "Mother phoned: the family has gone to hospital", steps: ["check_in", "left", "returned", "home_safe"] });
  });

  it("takes the team's word, each step setting the next deadline, but not setting out again", async () => {
    // A step the phone queued without signal before the cancellation reached it is still recorded.
    server.clock.now = at(40);
    const queued = await c.fsw!.request("POST", `/api/visits/${visitId}/steps`, { id: randomUUID(), step: "at_door", occurredAt: at(28).toISOString() });
    expect(queued.status, queued.text).toBe(200);
    const again = await step("departed", 40);
    expect(again.status).toBe(422);
    expect(again.body.field).toBe("step");
    const checkIn = await step("check_in", 41);
    expect(checkIn.status, checkIn.text).toBe(200);
    expect(checkIn.body.nextDeadline).toMatchObject({ kind: "check_in", dueAt: at(161).toISOString() });
    expect((await onBoard()).nextDeadline).toMatchObject({ dueAt: at(161).toISOString() });
    const left = await step("left", 45);
    expect(left.body.nextDeadline).toMatchObject({ kind: "return" });
    // Word from the team is still watched for: the return deadline fires if it is missed.
    const fired = await sweepSafety(db.db, new Date(Date.parse(left.body.nextDeadline.dueAt) + 60_000));
    expect(fired.fired.filter((f) => f.visitId === visitId)).toHaveLength(1);
  });

  it("home safe takes the visit off the board and leaves it cancelled, with its children's outcome unchanged", async () => {
    const home = await step("home_safe", 200, { outcome: "child_seen" });
    expect(home.status, home.text).toBe(200);
    expect(home.body.nextDeadline).toBeNull();
    expect(home.body.stoodDown).toHaveLength(1);
    expect((await c.head!.request("GET", `/api/visits/${visitId}`)).body.state).toBe("cancelled");
    const outcomes = await db.db.select({ outcome: visitPupils.outcome }).from(visitPupils).where(eq(visitPupils.visitId, visitId));
    expect(outcomes.map((o) => o.outcome)).toEqual(["cancelled", "cancelled"]);
    // The board keeps a visit with an open alert; the late word stood it down, so it is gone.
    expect(await onBoard()).toBeUndefined();
    expect((await sweepSafety(db.db, at(5000))).fired.filter((f) => f.visitId === visitId)).toHaveLength(0);
    const after = await step("check_in", 210);
    expect(after.status).toBe(422);
  });
});
