/**
 * Multi-agency checks and alternative venues (burgh Appendix A Day 3; burgh 3, 9)
 * through the HTTP API under the Burgh template: recorded about a child, routed to
 * the DSL team, the head and the attendance lead, audited without their content,
 * listed on the visit and the child's record only to those it went to, and never
 * to another school.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, pupils, visitPupils, visits, visitTeam } from "../../db/schema";
import type { Role } from "../../domain/people/roles";
import { buildSchool, buildStaff, schoolWithSignedInStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { openDbAndServer } from "../../test/db-and-server";
import type { TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
let pupilId: string;
let visitId: string;
const c: Record<string, TestClient> = {};
const PEOPLE: Record<string, Role[]> = { dsl: ["dsl"], head: ["headteacher"], lead: ["attendance_lead"], sbm: ["business_manager"], visitor: ["visitor"] };
const AT = "2026-11-23T10:00:00Z";
const CHECK = { kind: "agency_check", agency: "childrens_social_care", organisation: "Lincolnshire Children's Services", contactName: "Sam Reed, social worker", response: "Known to them; seen at home on Friday", jointVisitProposed: true };

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T12:00:00Z")));
  const schoolId = (await buildSchool(db, { policyTemplateId: "burgh" })).id;
  const ids: Record<string, string> = {};
  for (const [name, roles] of Object.entries(PEOPLE)) {
    const s = await buildStaff(db, schoolId, roles);
    ids[name] = s.id;
    c[name] = new TestClient(server.url);
    expect((await c[name].login(s.email, TEST_PASSWORD)).status).toBe(200);
  }
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "B100000000001", firstName: "Ben", lastName: "Hale", addressLine1: "2 Sea Lane", postcode: "PE24 5AA" }).returning();
  pupilId = p!.id;
  const [v] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "under_way", day: "2026-11-23" }).returning();
  visitId = v!.id;
  await db.db.insert(visitPupils).values({ visitId, pupilId });
  await db.db.insert(visitTeam).values({ visitId, userId: ids.visitor! });
});
afterAll(async () => close?.());

const listOf = async (who: string, query = "") => (await c[who]!.request("GET", `/api/visit-records${query}`)).body.records as { id: string; kind: string; facts: [string, string][] }[];

describe("a multi-agency check (burgh Appendix A Day 3; burgh 9)", () => {
  it("is recorded about a child on a visit, routed to the DSL team, the head and the attendance lead, and audited without what was said", async () => {
    const r = await c.visitor!.request("POST", "/api/visit-records", { visitId, pupilId, occurredAt: AT, details: CHECK });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ kind: "agency_check", routedTo: ["dsl", "deputy_dsl", "headteacher", "attendance_lead"], clause: "burgh Appendix A Day 3; burgh 9" });
    const [audit] = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, r.body.id), eq(auditEvents.action, "visit_record_made")));
    expect(audit!.after).toMatchObject({ kind: "agency_check", pupilId, visitId });
    expect(JSON.stringify(audit!.after)).not.toMatch(/Friday|Sam Reed/);
  });

  it("shows on the visit and on the child's record to the attendance lead, named as a person reads it", async () => {
    const [onVisit] = await listOf("lead", `?visitId=${visitId}`);
    expect(onVisit!.kind).toBe("agency_check");
    expect(onVisit!.facts).toContainEqual(["Agency", "Children's social care"]);
    expect(onVisit!.facts).toContainEqual(["What they said", "Known to them; seen at home on Friday"]);
    expect(onVisit!.facts).toContainEqual(["Joint visit proposed", "yes"]);
    expect((await listOf("dsl", `?pupilId=${pupilId}`)).map((x) => x.kind)).toEqual(["agency_check"]);
  });

  it("is not read by a role it was not routed to, nor by the visitor who recorded it", async () => {
    expect(await listOf("sbm")).toEqual([]);
    expect((await c.visitor!.request("GET", "/api/visit-records")).status).toBe(403);
  });

  it("is refused without what the agency said, or without the child, naming the field", async () => {
    const { response: _said, ...unsaid } = CHECK;
    const bad = await c.dsl!.request("POST", "/api/visit-records", { pupilId, occurredAt: AT, details: unsaid });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/response/);
    const noChild = await c.dsl!.request("POST", "/api/visit-records", { occurredAt: AT, details: CHECK });
    expect(noChild.status).toBe(400);
    expect(noChild.body.field).toBe("pupilId");
  });

  it("another school's DSL neither reads it nor records against the child", async () => {
    const other = await schoolWithSignedInStaff(db, server.url, "burgh", { dsl: ["dsl"] as Role[] });
    expect((await other.c.dsl.request("GET", `/api/visit-records?pupilId=${pupilId}`)).body.records).toEqual([]);
    expect((await other.c.dsl.request("POST", "/api/visit-records", { pupilId, occurredAt: AT, details: CHECK })).status).toBe(404);
  });
});

describe("an alternative venue offered (burgh 3, 9)", () => {
  it("is recorded with the family's answer and routed to the attendance lead, the head and the DSL", async () => {
    const r = await c.lead!.request("POST", "/api/visit-records", { visitId, pupilId, occurredAt: AT, details: { kind: "alternative_venue", venue: "School reception", why: "Nobody answered twice", answer: "accepted" } });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ routedTo: ["attendance_lead", "headteacher", "dsl"], clause: "burgh 3; burgh 9" });
    const venue = (await listOf("head", `?visitId=${visitId}`)).find((x) => x.kind === "alternative_venue");
    expect(venue!.facts).toContainEqual(["Family's answer", "Accepted"]);
  });

  it("is refused with an answer the form does not offer, naming the field", async () => {
    const r = await c.lead!.request("POST", "/api/visit-records", { pupilId, occurredAt: AT, details: { kind: "alternative_venue", venue: "Children's Centre", why: "Asked", answer: "maybe" } });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/answer/);
  });
});
