/** Burgh 7, through the real HTTP API: the background is checked with the DSL before the plan is lodged. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, familyContacts, pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};

async function as(key: string, schoolId: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never);
  ids[key] = s.id;
  c[key] = new TestClient(server.url);
  await c[key]!.login(s.email, TEST_PASSWORD);
}

/** A visit approved and teamed, ready to be planned but for the background check. */
async function approvedVisit(schoolId: string, head: TestClient, visitorIds: string[], name: string) {
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: `B${Math.random().toString().slice(2, 14)}`, firstName: name, lastName: "Okafor", addressLine1: "4 Fen Road", postcode: "PE21 0AA" }).returning();
  await db.db.insert(familyContacts).values({ schoolId, pupilId: p!.id, name: "Grace Okafor", relationship: "Mother", parentalResponsibility: true, phone: "07700 900111" });
  const made = await head.request("POST", "/api/visits", { pupilIds: [p!.id], purpose: "safe_and_well", date: "2026-11-25" });
  expect(made.status, made.text).toBe(201);
  const id = made.body.id as string;
  expect((await head.request("POST", "/api/visits/approve", { visitIds: [id], signedName: "Helen Marsh" })).status).toBe(200);
  expect((await head.request("PUT", `/api/visits/${id}/team`, { members: visitorIds.map((userId) => ({ userId })) })).status).toBe(200);
  return id;
}
const plan = (client: TestClient, id: string) => client.request("POST", `/api/visits/${id}/plan`, { startsAt: "2026-11-25T10:00:00Z", expectedBackAt: "2026-11-25T11:30:00Z" });

let burgh: string;
let coteford: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-11-23T08:00:00Z");
  burgh = (await buildSchool(db, { policyTemplateId: "burgh" })).id;
  coteford = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  await as("head", burgh, ["headteacher"]);
  await as("dsl", burgh, ["dsl"]);
  await as("lead", burgh, ["attendance_lead"]);
  await as("visitor", burgh, ["visitor"]);
  await as("otherDsl", coteford, ["dsl"]);
  await as("cotefordHead", coteford, ["headteacher"]);
  await as("cotefordVisitor", coteford, ["visitor"]);
  await as("cotefordVisitor2", coteford, ["visitor"]);
  for (const [client, who] of [["head", "visitor"], ["cotefordHead", "cotefordVisitor"], ["cotefordHead", "cotefordVisitor2"]] as const) {
    const r = await c[client]!.request("PUT", `/api/staff/${ids[who]}/checks`, { mobile: "07700 900123", dbsNumber: "001234567890", dbsIssuedOn: "2025-02-01", barredListCheckedOn: "2025-02-01" });
    expect(r.status, r.text).toBe(200);
  }
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("the background check with the DSL (burgh 7)", () => {
  it("refuses the plan until the DSL records the check, naming the clause, and the visit page says who records it", async () => {
    const id = await approvedVisit(burgh, c.head!, [ids.visitor!], "Chidi");
    const refused = await plan(c.head!, id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ clause: "burgh 7", field: "backgroundCheck" });
    expect(refused.body.message).toMatch(/Check relevant background with the DSL/);
    const page = await c.head!.request("GET", `/api/visits/${id}`);
    expect(page.body.state).toBe("approved");
    expect(page.body.backgroundCheck).toBeNull();
    expect(page.body.backgroundCheckRule).toMatchObject({ by: ["dsl", "deputy_dsl"], clause: "burgh 7" });

    const checked = await c.dsl!.request("POST", `/api/visits/${id}/background-check`, { note: "Known to early help; father may be hostile: go as a pair if he is home." });
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body.result).toBe("recorded");
    const seen = await c.visitor!.request("GET", `/api/visits/${id}`);
    expect(seen.body.backgroundCheck).toMatchObject({ checkedBy: ids.dsl, note: "Known to early help; father may be hostile: go as a pair if he is home." });
    expect((await plan(c.head!, id)).status).toBe(200);
  });

  it("is recorded once when sent twice, and an amended note keeps the first in the audit trail", async () => {
    const id = await approvedVisit(burgh, c.head!, [ids.visitor!], "Amara");
    const note = { note: "Nothing known beyond attendance." };
    expect((await c.dsl!.request("POST", `/api/visits/${id}/background-check`, note)).body.result).toBe("recorded");
    expect((await c.dsl!.request("POST", `/api/visits/${id}/background-check`, note)).body.result).toBe("unchanged");
    const amended = await c.dsl!.request("POST", `/api/visits/${id}/background-check`, { note: "Older sibling open to social care." });
    expect(amended.body.result).toBe("amended");
    const trail = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.entity, "visit"))).orderBy(auditEvents.id);
    const actions = trail.map((e) => e.action).filter((a) => a.startsWith("visit_background"));
    expect(actions).toEqual(["visit_background_checked", "visit_background_check_amended"]);
    const last = trail.find((e) => e.action === "visit_background_check_amended")!;
    expect(last.before).toMatchObject({ note: "Nothing known beyond attendance." });
    expect(last.after).toMatchObject({ note: "Older sibling open to social care.", clause: "burgh 7" });
  });

  it("is recorded by the DSL team only, and never across schools", async () => {
    const id = await approvedVisit(burgh, c.head!, [ids.visitor!], "Tobi");
    // The head may reach the route (a school may name the head), but Burgh names the DSL.
    const head = await c.head!.request("POST", `/api/visits/${id}/background-check`, { note: "" });
    expect(head.status).toBe(422);
    expect(head.body.clause).toBe("burgh 7");
    expect((await c.lead!.request("POST", `/api/visits/${id}/background-check`, { note: "" })).status).toBe(403);
    expect((await c.visitor!.request("POST", `/api/visits/${id}/background-check`, { note: "" })).status).toBe(403);
    expect((await c.otherDsl!.request("POST", `/api/visits/${id}/background-check`, { note: "" })).status).toBe(404);
    expect((await c.head!.request("GET", `/api/visits/${id}`)).body.backgroundCheck).toBeNull();
  });

  it("is not asked for where the policy does not ask (coteford)", async () => {
    // Coteford sends two staff.
    const id = await approvedVisit(coteford, c.cotefordHead!, [ids.cotefordVisitor!, ids.cotefordVisitor2!], "Ife");
    const page = await c.cotefordHead!.request("GET", `/api/visits/${id}`);
    expect(page.body.backgroundCheckRule).toBeNull();
    const planned = await plan(c.cotefordHead!, id);
    expect(planned.status, planned.text).toBe(200);
  });
});
