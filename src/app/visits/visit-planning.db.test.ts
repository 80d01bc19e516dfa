/** Visit planning under the Coteford template, through the real HTTP API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { familyContacts, pupils, visits } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};
let pupilIds: string[] = [];
const visitIds: string[] = [];

async function as(role: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never);
  ids[role] = s.id;
  c[role] = new TestClient(server.url);
  await c[role]!.login(s.email, TEST_PASSWORD);
}
let schoolId: string;

const qualify = async (userId: string, opts: { dbs?: boolean } = {}) => {
  expect((await c.sbm!.request("PUT", `/api/staff/${userId}/checks`, { mobile: "07700 900123", ...(opts.dbs === false ? {} : { dbsNumber: "001234567890", dbsIssuedOn: "2025-02-01", barredListCheckedOn: "2025-02-01" }) })).status).toBe(200);
};

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-11-23T08:00:00Z");
  schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  await as("head", ["headteacher"]);
  await as("sbm", ["business_manager"]);
  await as("lead", ["attendance_lead"]);
  await as("v1", ["visitor"]);
  await as("v2", ["visitor"]);
  await as("new", ["visitor"]);
  const rows = await db.db
    .insert(pupils)
    .values([1, 2, 3].map((i) => ({ schoolId, upn: `A10000000000${i}`, firstName: ["Łucja", "Zoë", "Siobhán"][i - 1]!, lastName: "Nowak", addressLine1: `${i} Mill Lane`, postcode: "UB10 0AA" })))
    .returning();
  pupilIds = rows.map((r) => r.id);
  for (const p of rows) await db.db.insert(familyContacts).values({ schoolId, pupilId: p.id, name: `Parent of ${p.firstName}`, relationship: "Mother", parentalResponsibility: true, phone: "07700 900999", email: "parent@example.org" });
  await qualify(ids.v1!);
  await qualify(ids.v2!);
  await qualify(ids.new!, { dbs: false });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("visit planning on the Coteford template", () => {
  it("lists proposed visits with the pupil, address, parents and attendance record (coteford 3.2)", async () => {
    for (const id of pupilIds) {
      const r = await c.lead!.request("POST", "/api/visits", { pupilIds: [id], purpose: "appointment", date: "2026-11-25" });
      expect(r.status, r.text).toBe(201);
      visitIds.push(r.body.id);
    }
    const list = await c.head!.request("GET", "/api/visits?state=proposed");
    expect(list.body.visits).toHaveLength(3);
    const v = list.body.visits[0];
    expect(v.address).toMatch(/Mill Lane/);
    expect(v.pupils[0].parents[0]).toMatchObject({ relationship: "Mother", phone: "07700 900999" });
    expect(v.pupils[0].attendance).toHaveProperty("sessionsMissed");
  });

  it("refuses planning before the head signs, and a signature by the wrong role", async () => {
    const early = await c.lead!.request("PUT", `/api/visits/${visitIds[0]}/team`, { members: [{ userId: ids.v1 }, { userId: ids.v2 }] });
    expect(early.status).toBe(200);
    const plan = await c.lead!.request("POST", `/api/visits/${visitIds[0]}/plan`, { startsAt: "2026-11-25T10:00:00Z", expectedBackAt: "2026-11-25T11:30:00Z" });
    expect(plan.status).toBe(422);
    expect(plan.body.clause).toBe("coteford 2.1, 3.2-3.3");
    const notHead = await c.lead!.request("POST", "/api/visits/approve", { visitIds, signedName: "Aoife" });
    expect(notHead.status).toBe(422);
    expect(notHead.body.message).toMatch(/Only the Headteacher or Deputy headteacher may approve/);
  });

  it("the head approves and signs a list of three visits", async () => {
    const unsigned = await c.head!.request("POST", "/api/visits/approve", { visitIds, signedName: "  " });
    expect(unsigned.status).toBe(400);
    const r = await c.head!.request("POST", "/api/visits/approve", { visitIds, signedName: "Helen Marsh" });
    expect(r.status, r.text).toBe(200);
    expect(r.body.approved).toBe(3);
    const v = (await c.head!.request("GET", `/api/visits/${visitIds[0]}`)).body;
    expect(v.state).toBe("approved");
    expect(v.approval).toMatchObject({ signedName: "Helen Marsh", role: "headteacher", current: true, listId: r.body.listId });
  });

  it("refuses a team with an unqualified member or one person alone, saying exactly why", async () => {
    const alone = await c.lead!.request("PUT", `/api/visits/${visitIds[1]}/team`, { members: [{ userId: ids.v1 }] });
    expect(alone.status).toBe(422);
    expect(alone.body.message).toMatch(/Two members of staff must make this visit \(coteford 2\.10\)/);
    const unqualified = await c.lead!.request("PUT", `/api/visits/${visitIds[1]}/team`, { members: [{ userId: ids.v1 }, { userId: ids.new }] });
    expect(unqualified.status).toBe(422);
    expect(unqualified.body.message).toMatch(/no enhanced DBS certificate is recorded/);
    expect(unqualified.body.message).toMatch(/no barred list check is recorded/);
    const driver = await c.lead!.request("PUT", `/api/visits/${visitIds[1]}/team`, { members: [{ userId: ids.v1, driver: true }, { userId: ids.v2 }] });
    expect(driver.status).toBe(422);
    expect(driver.body.message).toMatch(/vehicle's make, model, registration and colour/);
  });

  it("needs the business manager's risk assessment before the visit starts (coteford 2.5)", async () => {
    const ra = { knownHistory: "None known", previousIncidents: "None", animals: "Large dog", environment: "Flat, 3rd floor", occupants: "Mother, two children", loneWorking: "Not applicable: two staff", pairDecision: true, riskLevel: "medium" };
    expect((await c.lead!.request("POST", `/api/visits/${visitIds[0]}/risk-assessment`, ra)).body.clause).toBe("coteford 2.5");
    expect((await c.sbm!.request("POST", `/api/visits/${visitIds[0]}/risk-assessment`, ra)).status).toBe(201);
    const plan = await c.lead!.request("POST", `/api/visits/${visitIds[0]}/plan`, { startsAt: "2026-11-25T10:00:00Z", expectedBackAt: "2026-11-25T11:30:00Z" });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body.state).toBe("planned");
  });

  it("sends a visit back to the head, who is notified, when its time changes after approval (coteford 3.6)", async () => {
    const moved = await c.lead!.request("POST", `/api/visits/${visitIds[0]}/plan`, { startsAt: "2026-11-25T14:00:00Z", expectedBackAt: "2026-11-25T15:30:00Z" });
    expect(moved.status).toBe(200);
    expect(moved.body.state).toBe("proposed");
    expect(moved.body.approval.current).toBe(false);
    const notes = await c.head!.request("GET", "/api/notifications");
    expect(notes.body.notifications[0].title).toMatch(/Visit changed after approval/);
    expect((await c.lead!.request("GET", "/api/notifications")).body.notifications).toHaveLength(0);
  });

  it("cancels with a reason that reaches the head", async () => {
    expect((await c.lead!.request("POST", `/api/visits/${visitIds[2]}/cancel`, { reason: "" })).status).toBe(422);
    const cancelled = await c.lead!.request("POST", `/api/visits/${visitIds[2]}/cancel`, { reason: "Dogs not put away (coteford 3.9)" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: "cancelled", clause: "coteford 3.8, 3.9", duplicate: false, teamOut: false });
    expect((await c.head!.request("GET", `/api/visits/${visitIds[2]}`)).body.cancellation).toEqual({ clause: "coteford 3.8, 3.9", reason: "Dogs not put away (coteford 3.9)" });
    const notes = await c.head!.request("GET", "/api/notifications");
    expect(notes.body.notifications.map((n: { body: string }) => n.body).join()).toMatch(/Dogs not put away/);
  });

  it("gives each member of staff a secret, revocable calendar of their visits", async () => {
    const issued = await c.v1!.request("POST", "/api/my/calendar-feed");
    const feed = await fetch(server.url + issued.body.path);
    expect(feed.headers.get("content-type")).toMatch(/text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("Mill Lane");
    expect(ics).not.toContain("Łucja");
    // A bare carriage return in an imported address must not start a line of its own (RFC 5545 3.3.11).
    const before = await db.db.select({ id: visits.id, address: visits.address }).from(visits).where(eq(visits.schoolId, schoolId));
    await db.db.update(visits).set({ address: "1 Mill Lane\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Injected; a, b\\c\r\nx\ny" }).where(eq(visits.schoolId, schoolId));
    const injected = await (await fetch(server.url + issued.body.path)).text();
    for (const v of before) await db.db.update(visits).set({ address: v.address }).where(eq(visits.id, v.id));
    const lines = injected.split("\r\n");
    expect(lines.every((l) => !/[\r\n]/.test(l)), "no line holds a CR or LF").toBe(true);
    expect(lines.filter((l) => l.startsWith("SUMMARY:Injected"))).toEqual([]);
    expect(lines).toContain("LOCATION:1 Mill Lane\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Injected\\; a\\, b\\\\c\\nx\\ny");
    await c.v1!.request("DELETE", "/api/my/calendar-feed");
    expect((await fetch(server.url + issued.body.path)).status).toBe(404);
  });

  it("lists staff whose checks or training run out within 30 days", async () => {
    await c.sbm!.request("POST", `/api/staff/${ids.v1}/training`, { kind: "First aid", completedOn: "2023-12-01", expiresOn: "2026-12-01" });
    const r = await c.sbm!.request("GET", "/api/staff/records");
    expect(r.body.expiringSoon.map((e: { what: string }) => e.what)).toContain("first aid training");
    const [row] = await db.db.select().from(pupils).where(eq(pupils.id, pupilIds[0]!));
    expect(row).toBeDefined();
  });

  it("gives each training record its id, so it can be removed", async () => {
    const added = await c.sbm!.request("POST", `/api/staff/${ids.v2}/training`, { kind: "Manual handling", completedOn: "2026-01-05", expiresOn: null });
    const records = (await c.sbm!.request("GET", "/api/staff/records")).body.records;
    const training = records.find((r: { userId: string }) => r.userId === ids.v2).training;
    expect(training).toEqual([{ id: added.body.id, kind: "manual handling", completedOn: "2026-01-05", expiresOn: null }]);
    expect((await c.sbm!.request("DELETE", `/api/staff/${ids.v2}/training/${added.body.id}`)).status).toBe(200);
  });

  it("shows whoever picks the team the staff they can pick and what the team check reads, without the staff file", async () => {
    const r = await c.lead!.request("GET", "/api/visits/staff-options?date=2026-11-25");
    expect(r.status, r.text).toBe(200);
    const v1 = r.body.staff.find((s: { id: string }) => s.id === ids.v1);
    expect(v1).toEqual({
      id: ids.v1,
      name: expect.any(String),
      roles: ["visitor"],
      mobile: "07700 900123",
      dbs: { issuedOn: "2025-02-01", current: true },
      barredListCheckedOn: "2025-02-01",
      training: [{ id: expect.any(String), kind: "first aid", completedOn: "2023-12-01", expiresOn: "2026-12-01" }],
      vehicle: null,
      // The team check's own verdict for the day: fit to go, but not to drive without a vehicle on record.
      shortfalls: {
        passenger: [],
        driver: [{ message: "drives to the visit but the vehicle's make, model, registration and colour are not all recorded", clause: "coteford 2.9" }],
      },
    });
    expect(r.body.staff.find((s: { id: string }) => s.id === ids.new)).toMatchObject({
      dbs: null,
      barredListCheckedOn: null,
      shortfalls: { passenger: expect.arrayContaining([{ message: "no enhanced DBS certificate is recorded", clause: "coteford 5.1" }, { message: "no barred list check is recorded", clause: "coteford 5.1" }]) },
    });
    expect(r.text).not.toContain("001234567890");
    expect(r.text).not.toContain("@");
    // Judged on the day asked about: the certificate is out of its re-check period by 2028-03.
    expect((await c.lead!.request("GET", "/api/visits/staff-options?date=2028-03-01")).body.staff.find((s: { id: string }) => s.id === ids.v1).dbs.current).toBe(false);
  });

  it("lists my visits with mine=true, and every visit I reach with mine=false", async () => {
    const mine = await c.v1!.request("GET", "/api/visits?mine=true");
    expect(mine.body.visits.map((v: { id: string }) => v.id)).toEqual([visitIds[0]]);
    const all = await c.lead!.request("GET", "/api/visits?mine=false");
    expect(all.status).toBe(200);
    expect(all.body.visits.map((v: { id: string }) => v.id).sort()).toEqual([...visitIds].sort());
    // A visitor reaches only the visits whose team they are on (src/domain/people/visit-reach.ts).
    expect((await c.v1!.request("GET", "/api/visits?mine=false")).body.visits.map((v: { id: string }) => v.id)).toEqual([visitIds[0]]);
    expect((await c.v1!.request("GET", "/api/visits?mine=yes")).status).toBe(400);
  });

  it("proposes a visit with safeguarding involved when asked, and without by default", async () => {
    const flagged = await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilIds[1]], purpose: "safe_and_well", date: "2026-11-26", safeguarding: true });
    expect(flagged.status, flagged.text).toBe(201);
    expect((await c.head!.request("GET", `/api/visits/${flagged.body.id}`)).body.safeguarding).toBe(true);
    const plain = await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilIds[1]], purpose: "safe_and_well", date: "2026-11-26" });
    expect((await c.head!.request("GET", `/api/visits/${plain.body.id}`)).body.safeguarding).toBe(false);
    expect((await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilIds[1]], purpose: "safe_and_well", date: "2026-11-26", safeguarding: "yes" })).status).toBe(400);
  });
});
