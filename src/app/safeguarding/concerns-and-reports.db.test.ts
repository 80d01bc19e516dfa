/**
 * Through the real API with a real SMTP listener: the DSL team sees who raised
 * each concern by name; the email they get links to the concerns page and says
 * nothing about the child; a visit report that contradicts itself (not seen,
 * yet "child seen") is refused, naming the field, and records nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { pupils, sightings, visitPupils, visits, visitTeam } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { startSmtpListener } from "../../test/smtp-listener";

let db: DatabaseHandle;
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let schoolId: string;
let pupilId: string;
const c: Record<string, TestClient> = {};
const emails: Record<string, string> = {};
const ids: Record<string, string> = {};

async function signIn(name: string, roles: ("dsl" | "visitor")[]) {
  const s = await buildStaff(db, schoolId, roles, `${name}@school.example`);
  emails[name] = s.email;
  ids[name] = s.id;
  c[name] = new TestClient(server.url);
  expect((await c[name]!.login(s.email, TEST_PASSWORD)).status).toBe(200);
}

/** The message as a reader sees it: quoted-printable soft line breaks joined. */
const readable = (raw: string) => raw.replace(/=\r?\n/g, "");

beforeAll(async () => {
  smtp = await startSmtpListener();
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SMTP_URL: smtp.url });
  server.clock.now = new Date("2026-11-17T09:00:00Z");
  schoolId = (await buildSchool(db, { name: "Burgh Test School" })).id;
  await signIn("dsl", ["dsl"]);
  await signIn("visitor", ["visitor"]);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Łucja", lastName: "Nowak", addressLine1: "3 Station Road", town: "Burgh le Marsh" }).returning();
  pupilId = p!.id;
  // A database, a server and sign-ins: slow on a busy machine.
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
  await smtp?.close();
});

describe("safeguarding concerns", () => {
  it("the DSL's email links to the concerns page, names who raised it and carries nothing about the child", async () => {
    smtp.received.length = 0;
    const r = await c.visitor!.request("POST", "/api/concerns", { pupilId, summary: "Bruise on the child's arm", details: "Seen at the door when the mother answered." });
    expect(r.status, r.text).toBe(201);
    await expect.poll(() => smtp.received.length).toBe(1);
    const mail = smtp.received[0]!;
    expect(mail.rcptTo).toEqual([emails.dsl]);
    const text = readable(mail.raw);
    expect(text).toContain(`${server.url}/concerns`);
    expect(text).not.toContain(`/concerns/`);
    expect(text).toContain("Test visitor");
    for (const secret of ["Bruise", "mother answered", "Nowak", "Station Road", pupilId]) expect(text).not.toContain(secret);
    // The in-app notice opens the same page.
    const notices = (await c.dsl!.request("GET", "/api/notifications")).body.notifications;
    expect(notices.find((n: { kind: string }) => n.kind === "safeguarding_concern")).toMatchObject({ link: "/concerns" });
  });

  it("the DSL's list names the member of staff who raised each concern", async () => {
    const list = await c.dsl!.request("GET", "/api/concerns");
    expect(list.status, list.text).toBe(200);
    expect(list.body.concerns[0]).toMatchObject({ summary: "Bruise on the child's arm", raisedBy: expect.any(String), raisedByName: "Test visitor" });
    expect((await c.dsl!.request("GET", `/api/pupils/${pupilId}/record`)).body.concerns[0]).toMatchObject({ raisedByName: "Test visitor" });
  });
});

describe("visit report validation", () => {
  const report = (child: { seen: boolean; outcome: string }) => ({
    reason: "Day 6 without eyes on (burgh 6.3)",
    peoplePresent: "Mother",
    summary: "Mother answered; Łucja was upstairs asleep.",
    actionsAgreed: "Łucja back on Thursday.",
    followUpActions: "Call on Thursday.",
    children: [{ pupilId, ...child }],
  });

  it("refuses a child not seen with the outcome 'child seen', naming the field, and records no sighting", async () => {
    const [v] = await db.db.insert(visits).values({ schoolId, purpose: "eyes_on", state: "under_way", day: "2026-11-17" }).returning();
    await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId });
    // The visitor writing the report is on the visit (reach: src/domain/people/visit-reach.ts).
    await db.db.insert(visitTeam).values({ visitId: v!.id, userId: ids.visitor! });

    const refused = await c.visitor!.request("POST", `/api/visits/${v!.id}/report`, report({ seen: false, outcome: "child_seen" }));
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_input", field: "children[0].outcome" });
    expect(refused.body.message).toMatch(/not seen/);
    const seenButNoContact = await c.visitor!.request("POST", `/api/visits/${v!.id}/report`, report({ seen: true, outcome: "no_contact" }));
    expect(seenButNoContact.body).toMatchObject({ error: "invalid_input", field: "children[0].outcome" });
    const twice = await c.visitor!.request("POST", `/api/visits/${v!.id}/report`, { ...report({ seen: false, outcome: "no_contact" }), children: [{ pupilId, seen: false, outcome: "no_contact" }, { pupilId, seen: true, outcome: "child_seen" }] });
    expect(twice.body).toMatchObject({ error: "invalid_input", field: "children[1].pupilId" });

    expect((await c.visitor!.request("GET", `/api/visits/${v!.id}/report`)).body.report).toBeNull();
    expect(await db.db.select().from(sightings).where(and(eq(sightings.pupilId, pupilId)))).toHaveLength(0);

    const ok = await c.visitor!.request("POST", `/api/visits/${v!.id}/report`, report({ seen: false, outcome: "parent_seen_child_not_seen" }));
    expect(ok.status, ok.text).toBe(201);
  });
});

describe("no answer at a Day-6 visit (burgh Appendix A Day 6: escalate to DSL)", () => {
  const noAnswer = { reason: "Day 6", peoplePresent: "Nobody answered", summary: "No answer; card left.", actionsAgreed: "None", followUpActions: "DSL to decide", children: [{ pupilId, seen: false, outcome: "no_contact" }] };

  async function underWay(purpose: "eyes_on" | "safe_and_well") {
    const [v] = await db.db.insert(visits).values({ schoolId, purpose, state: "under_way", day: "2026-11-17" }).returning();
    await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId });
    await db.db.insert(visitTeam).values({ visitId: v!.id, userId: ids.visitor! });
    return v!.id;
  }

  it("tells the DSL at once, in the app and by an email that names no child; a safe-and-well visit with no answer does not", async () => {
    smtp.received.length = 0;
    const quiet = await underWay("safe_and_well");
    expect((await c.visitor!.request("POST", `/api/visits/${quiet}/report`, { ...noAnswer, children: [{ pupilId, seen: false, outcome: "no_contact" }] })).status).toBe(201);
    const visitId = await underWay("eyes_on");
    const r = await c.visitor!.request("POST", `/api/visits/${visitId}/report`, { ...noAnswer, children: [{ pupilId, seen: false, outcome: "no_contact" }] });
    expect(r.status, r.text).toBe(201);
    expect((await db.db.select().from(visits).where(eq(visits.id, visitId)))[0]!.state).toBe("no_contact");

    const notices = (await c.dsl!.request("GET", "/api/notifications")).body.notifications.filter((n: { kind: string }) => n.kind === "visit_no_answer");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: `/visits/${visitId}`, body: expect.stringContaining("burgh Appendix A Day 6") });
    await expect.poll(() => smtp.received.length).toBe(1);
    const mail = smtp.received[0]!;
    expect(mail.rcptTo).toEqual([emails.dsl]);
    const text = readable(mail.raw);
    expect(text).toContain("eyes-on visit of 2026-11-17 got no answer");
    for (const secret of ["Nowak", "Łucja", "Station Road", pupilId]) expect(text).not.toContain(secret);
  });
});
