/**
 * On the doorstep, through the real API: check-ins set deadlines from the
 * template, a missed one escalates amber → red → police prompt on the sweeper,
 * a late check-in stands it down and says so, replays are recorded once, the
 * alarm stays until a named person closes it, and deadlines that passed while
 * the server was down fire on the first sweep.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policyTemplates } from "../../domain/policy";
import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { pupils, safetyAlerts, visitEvents } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { sweepSafety } from "../../jobs/safety-sweeper";
import { pushAlert } from "./alert-emails";
import type { PushMessage } from "../notify/push";
import { startSmtpListener } from "../../test/smtp-listener";

let db: DatabaseHandle;
let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};
const emails: Record<string, string> = {};
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let schoolId: string;
let visitId: string;

const T0 = new Date("2026-11-24T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function as(name: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never);
  ids[name] = s.id;
  emails[name] = s.email;
  c[name] = new TestClient(server.url);
  await c[name]!.login(s.email, TEST_PASSWORD);
}

async function step(who: string, step: string, minutes: number, extra: Record<string, unknown> = {}, id = randomUUID()) {
  server.clock.now = at(minutes);
  // Every seed asks for the ID card before departure (hunsbury-park 4).
  return c[who]!.request("POST", `/api/visits/${visitId}/steps`, { id, step, occurredAt: at(minutes).toISOString(), ...(step === "departed" ? { idCardWorn: true } : {}), ...extra });
}

async function board() {
  return (await c.office!.request("GET", "/api/board")).body.visits.find((v: { visitId: string }) => v.visitId === visitId);
}

beforeAll(async () => {
  smtp = await startSmtpListener();
  db = await openTestDatabase();
  // The clock jumps hours between steps that a person would take with requests (or the board's stream) in between: no idle sign-out here.
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SMTP_URL: smtp.url, SESSION_IDLE_MINUTES: "100000" });
  server.clock.now = T0;
  schoolId = (await buildSchool(db, { policyTemplateId: "hunsbury-park" })).id;
  await as("head", ["headteacher"]);
  await as("office", ["office"]);
  await as("fsw", ["visitor"]);
  await as("other", ["visitor"]);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Zoë", lastName: "Brontë", addressLine1: "7 Marsh View", postcode: "NN4 9BG" }).returning();
  const v = await c.head!.request("POST", "/api/visits", { pupilIds: [p!.id], purpose: "appointment", date: "2026-11-24" });
  visitId = v.body.id;
  await c.head!.request("PUT", `/api/staff/${ids.fsw}/checks`, { mobile: "07700 900555" });
  // The training the policy asks of whoever visits (hunsbury-park 3).
  for (const kind of policyTemplates["hunsbury-park"].conduct.requiredTraining!.value) {
    await c.head!.request("POST", `/api/staff/${ids.fsw}/training`, { kind, completedOn: "2026-01-10", expiresOn: null });
  }
  expect((await c.head!.request("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: ids.fsw }] })).status).toBe(200);
  const plan = await c.head!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: at(30).toISOString(), expectedBackAt: at(300).toISOString() });
  expect(plan.body.state, plan.text).toBe("planned");
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await smtp?.close();
});

describe("on the doorstep (hunsbury-park: check in every two hours)", () => {
  it("only the team reports steps, and departing starts the visit", async () => {
    // A visitor not on the team does not reach the visit at all; the office reaches it (planned) but may not report its steps.
    expect((await step("other", "departed", 0)).status).toBe(404);
    expect((await step("office", "departed", 0)).status).toBe(422);
    const r = await step("fsw", "departed", 0);
    expect(r.status, r.text).toBe(200);
    expect((await board()).state).toBe("under_way");
  });

  it("sets the next check-in from the template on arrival", async () => {
    const r = await step("fsw", "arrived", 20);
    expect(r.body.nextDeadline).toMatchObject({ kind: "check_in", dueAt: at(140).toISOString(), clause: "hunsbury-park 2, 4" });
  });

  it("records a replayed step once", async () => {
    const id = randomUUID();
    expect((await step("fsw", "at_door", 25, {}, id)).body.duplicate).toBe(false);
    expect((await step("fsw", "at_door", 25, {}, id)).body.duplicate).toBe(true);
    expect((await db.db.select().from(visitEvents).where(eq(visitEvents.id, id))).length).toBe(1);
  });

  it("a missed check-in turns amber at once, red after 10 minutes, then prompts a call to the police; nothing fires twice", async () => {
    expect((await sweepSafety(db.db, at(144))).fired).toHaveLength(0);
    const first = await sweepSafety(db.db, at(146));
    expect(first.fired).toHaveLength(1);
    expect((await sweepSafety(db.db, at(146))).fired).toHaveLength(0);
    expect((await board()).status).toBe("amber");
    expect((await c.office!.request("GET", "/api/notifications")).body.notifications[0].title).toMatch(/Check-in overdue/);
    // The office's devices get the push; it names the staff, never the child or the address.
    const pushed: { userIds: string[]; message: PushMessage }[] = [];
    const outcome = await pushAlert(
      db.db,
      async (userIds, message) => {
        pushed.push({ userIds, message });
        return { sent: 1, failed: 0 };
      },
      first.fired[0]!.alertId,
      "amber",
    );
    expect(outcome).toBe("sent");
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.userIds).toEqual([ids.office]);
    expect(pushed[0]!.message).toMatchObject({ title: "Check-in overdue on a home visit", link: "/board" });
    expect(JSON.stringify(pushed)).not.toMatch(/Zoë|Brontë|Marsh View/);
    // The phone keeps showing the missed check-in, overdue, until the team is heard from.
    server.clock.now = at(150);
    expect((await c.fsw!.request("GET", `/api/visits/${visitId}/field`)).body.nextDeadline).toMatchObject({ kind: "check_in", dueAt: at(145).toISOString(), overdue: true });

    expect((await sweepSafety(db.db, at(156))).escalated).toEqual([{ alertId: first.fired[0]!.alertId, level: "red" }]);
    expect((await board()).status).toBe("red");
    expect((await c.head!.request("POST", `/api/alerts/${first.fired[0]!.alertId}/acknowledge`)).status).toBe(200);
    expect((await board()).alerts[0].acknowledgements).toEqual([{ level: "red", by: expect.stringContaining("Test"), at: expect.any(String) }]);
    expect((await c.fsw!.request("POST", `/api/alerts/${first.fired[0]!.alertId}/acknowledge`)).status).toBe(403);
  });

  it("a late check-in stands the alert down and says how late", async () => {
    const r = await step("fsw", "check_in", 160);
    expect(r.body.stoodDown[0]).toMatch(/15 minutes after the check-in was due/);
    expect((await c.fsw!.request("GET", `/api/visits/${visitId}/field`)).body.nextDeadline).toMatchObject({ kind: "check_in", overdue: false });
    const b = await board();
    expect(b.status).toBe("on_time");
    expect(b.alerts[0].stoodDownNote).toMatch(/15 minutes/);
    expect((await sweepSafety(db.db, at(200))).escalated).toHaveLength(0);
  });

  it("a deadline that passed while the server was down fires on the first sweep after it starts", async () => {
    // Next check-in due at 160 + 120 = 280. The server is "down" until 400.
    const r = await sweepSafety(db.db, at(400));
    expect(r.fired).toHaveLength(1);
    expect(r.fired[0]!.dueAt).toEqual(at(280));
    expect(r.escalated.map((e) => e.level)).toEqual(["red"]);
  });

  it("the alarm turns the board to alarm at once and stays until a named person closes it with a note", async () => {
    server.clock.now = at(401);
    const alarm = await c.fsw!.request("POST", `/api/visits/${visitId}/alarm`, { id: randomUUID(), occurredAt: at(401).toISOString(), latitude: 52.21, longitude: -0.91 });
    expect(alarm.status).toBe(201);
    const b = await board();
    expect(b.status).toBe("alarm");
    expect(b.team[0]).toMatchObject({ name: expect.any(String), mobile: "07700 900555" });
    expect(b.alerts[0]).toMatchObject({ kind: "alarm", latitude: "52.21" });
    expect((await c.office!.request("GET", "/api/notifications")).body.notifications[0].title).toMatch(/IMMEDIATE DANGER/);
    await expect.poll(() => smtp.received.find((m) => m.raw.includes("IMMEDIATE DANGER"))?.rcptTo.sort()).toEqual([emails.head, emails.office].sort());
    expect(smtp.received.find((m) => m.raw.includes("IMMEDIATE DANGER"))!.raw).not.toContain("Bront");
    expect((await c.office!.request("POST", `/api/alerts/${alarm.body.alertId}/close`, { note: "" })).status).toBe(400);
    expect((await c.office!.request("POST", `/api/alerts/${alarm.body.alertId}/close`, { note: "Spoke to Zoë's FSW: safe, police attended." })).status).toBe(200);
    const [row] = await db.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, alarm.body.alertId));
    expect(row!.closedNote).toMatch(/police attended/);
  });

  it("closing an overdue alert while the team is out sets their next check-in from now, so the office keeps watching", async () => {
    const [overdue] = await db.db.select().from(safetyAlerts).where(and(eq(safetyAlerts.visitId, visitId), eq(safetyAlerts.kind, "overdue"), isNull(safetyAlerts.closedAt), isNull(safetyAlerts.stoodDownAt)));
    expect(overdue).toBeDefined();
    expect((await board()).nextDeadline).toBeNull();
    server.clock.now = at(402);
    const closed = await c.office!.request("POST", `/api/alerts/${overdue!.id}/close`, { note: "Rang Sam's mobile: in the house, all fine, phone battery was flat." });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.nextDeadline).toEqual({ kind: "check_in", dueAt: at(522).toISOString(), clause: "hunsbury-park 2, 4" });
    const b = await board();
    expect(b.status).toBe("on_time");
    expect(b.nextDeadline).toMatchObject({ kind: "check_in", dueAt: at(522).toISOString() });
    expect((await c.fsw!.request("GET", `/api/visits/${visitId}/field`)).body.nextDeadline).toMatchObject({ dueAt: at(522).toISOString(), overdue: false });
  });

  it("a late check-in still records the missed one, even before the sweeper has seen it", async () => {
    expect((await step("fsw", "check_in", 405)).body.nextDeadline.dueAt).toBe(at(525).toISOString());
    const late = await step("fsw", "check_in", 530);
    expect(late.body.stoodDown[0]).toMatch(/5 minutes after the check-in was due/);
    expect((await board()).alerts.filter((a: { dueAt: string }) => a.dueAt === at(525).toISOString())).toHaveLength(1);
  });

  it("returning home safe ends the visit and its deadlines", async () => {
    const r = await step("fsw", "home_safe", 540, { outcome: "child_seen" });
    expect(r.body.nextDeadline).toBeNull();
    expect((await sweepSafety(db.db, at(2000))).fired).toHaveLength(0);
  });
});
