/**
 * The records the policies require (issue 21), through the HTTP API under the
 * Coteford template: who records, where each goes (notice and email in the same
 * transaction), who reads it, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, notifications, outboxMessages, pupils } from "../../../db/schema";
import type { Role } from "../../../domain/people/roles";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { openDbAndServer } from "../../../test/db-and-server";
import type { TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
let schoolId: string;
let pupilId: string;
const c: Record<string, TestClient> = {};
const id: Record<string, string> = {};
const PEOPLE: Record<string, Role[]> = { head: ["headteacher"], dsl: ["dsl"], governor: ["governor"], visitor: ["visitor"], lead: ["attendance_lead"], sbm: ["business_manager"], office: ["office"] };
const AT = "2026-11-23T10:00:00Z";

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T12:00:00Z")));
  schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  for (const [name, roles] of Object.entries(PEOPLE)) {
    const s = await buildStaff(db, schoolId, roles);
    id[name] = s.id;
    c[name] = new TestClient(server.url);
    expect((await c[name].login(s.email, TEST_PASSWORD)).status).toBe(200);
  }
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Ada", lastName: "Nowak", addressLine1: "1 Mill Lane", postcode: "UB10 0AA" }).returning();
  pupilId = p!.id;
});
afterAll(async () => close?.());

/** The visitor and the office reach a child only through a visit they are on (visit-reach.ts): they record without naming one here. */
const SCHOOL_WIDE = ["head", "dsl", "lead", "sbm"];
const record = (who: string, details: Record<string, unknown>) => c[who]!.request("POST", "/api/visit-records", { ...(SCHOOL_WIDE.includes(who) ? { pupilId } : {}), occurredAt: AT, details });
const listOf = async (who: string) => (await c[who]!.request("GET", "/api/visit-records")).body.records as { id: string; kind: string; reviewRequired: boolean; routedTo: string[] }[];

describe("physical intervention (coteford 5.3, 5.4)", () => {
  it("goes to the DSL and head by notice and email in its own transaction, flagged for review where it caused injury", async () => {
    const r = await record("head", { kind: "physical_intervention", what: "Held Ada's arm", why: "She ran towards the road", force: "A light hold for a few seconds", injuries: "A red mark on the wrist" });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ routedTo: ["dsl", "headteacher"], clause: "coteford 5.3, 5.4", reviewRequired: true, notified: 1 });
    const notes = await db.db.select().from(notifications).where(and(eq(notifications.schoolId, schoolId), eq(notifications.kind, "visit_record")));
    expect(notes.map((n) => n.userId)).toEqual([id.dsl]);
    const [mail] = await db.db.select().from(outboxMessages).where(and(eq(outboxMessages.schoolId, schoolId), eq(outboxMessages.kind, "visit_record")));
    expect(mail!.toEmails).toHaveLength(1);
    expect(mail!.body).toMatch(/flagged for child-protection or disciplinary review/);
    expect(mail!.body).not.toMatch(/Ada|wrist|road/);
    const [audit] = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, r.body.id), eq(auditEvents.action, "visit_record_made")));
    expect(JSON.stringify(audit!.after)).not.toMatch(/wrist/);
  });

  it("without injury or distress it is recorded, not flagged; a missing field is a 400 naming it", async () => {
    const r = await record("visitor", { kind: "physical_intervention", what: "Guided by the shoulder", why: "Away from a dog", force: "Hand on shoulder" });
    expect(r.status, r.text).toBe(201);
    expect(r.body.reviewRequired).toBe(false);
    const outOfReach = await c.visitor!.request("POST", "/api/visit-records", { pupilId, occurredAt: AT, details: { kind: "complaint", raisedBy: "x", complaint: "y" } });
    expect(outOfReach.status).toBe(404);
    const bad = await record("visitor", { kind: "physical_intervention", what: "Held", force: "Light" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/why/);
  });

  it("is read by the DSL and head only: the attendance lead and the governor see none of these", async () => {
    expect((await listOf("dsl")).filter((r) => r.kind === "physical_intervention")).toHaveLength(2);
    // The attendance lead lists only multi-agency checks and venues routed to them (need-to-know.ts).
    expect(await listOf("lead")).toEqual([]);
    expect((await c.visitor!.request("GET", "/api/visit-records")).status).toBe(403);
    expect(await listOf("governor")).toEqual([]);
  });
});

describe("allegations against staff (coteford 5.5) and complaints", () => {
  it("an allegation goes to the head; one about the head goes to the governors and the head cannot read it", async () => {
    const aboutVisitor = await record("office", { kind: "allegation", againstUserId: id.visitor, madeBy: "Mrs Nowak (parent)", allegation: "Was rude at the door" });
    expect(aboutVisitor.status, aboutVisitor.text).toBe(201);
    expect(aboutVisitor.body).toMatchObject({ routedTo: ["headteacher"], procedure: "Whistle Blowing Policy (on the school website)" });
    const aboutHead = await record("dsl", { kind: "allegation", againstUserId: id.head, madeBy: "Mr Nowak (parent)", allegation: "Grabbed my son" });
    expect(aboutHead.body.routedTo).toEqual(["governor"]);
    expect((await listOf("governor")).map((r) => r.id)).toEqual([aboutHead.body.id]);
    expect((await listOf("head")).map((r) => r.id)).not.toContain(aboutHead.body.id);
    // Outside its route the record does not exist for the caller.
    expect((await c.head!.request("PUT", `/api/visit-records/${aboutHead.body.id}/outcome`, { outcome: "Nothing in it", status: "closed" })).status).toBe(404);
    const closed = await c.governor!.request("PUT", `/api/visit-records/${aboutHead.body.id}/outcome`, { outcome: "Referred to the LADO", status: "closed" });
    expect(closed.status, closed.text).toBe(200);
    expect((await listOf("governor"))[0]).toMatchObject({ status: "closed", outcome: "Referred to the LADO" });
  });

  it("an allegation about someone not on the staff is a 404 naming the field", async () => {
    const r = await record("office", { kind: "allegation", againstUserId: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", madeBy: "Parent", allegation: "Rude" });
    expect(r.status).toBe(404);
    expect(r.body.field).toBe("details.againstUserId");
  });

  it("a complaint about a visit goes to the head, who records the outcome", async () => {
    const r = await record("office", { kind: "complaint", raisedBy: "Mrs Nowak", complaint: "Nobody said the visit was coming" });
    expect(r.status, r.text).toBe(201);
    expect(r.body.routedTo).toEqual(["headteacher"]);
    expect((await c.head!.request("PUT", `/api/visit-records/${r.body.id}/outcome`, { outcome: "Apologised; appointment letters now sent first", status: "closed" })).status).toBe(200);
    expect((await c.governor!.request("PUT", `/api/visit-records/${r.body.id}/outcome`, { outcome: "x", status: "closed" })).status).toBe(404);
  });
});

describe("transporting a pupil (coteford 5.2)", () => {
  it("is refused without the driver's insurance on the day or without an escort, and recorded with both", async () => {
    const journey = { kind: "transport", driverUserId: id.visitor, from: "1 Mill Lane", to: "School", reason: "Parent asked us to bring Ada in" };
    const noCar = await record("visitor", { ...journey, escortName: "Ann Escort" });
    expect(noCar.status).toBe(422);
    expect(noCar.body).toMatchObject({ clause: "coteford 5.2", field: "details.driverUserId" });
    expect((await c.sbm!.request("PUT", `/api/staff/${id.visitor}/vehicle`, { make: "Ford", model: "Fiesta", registration: "AB12 CDE", colour: "Blue", insuranceExpiresOn: "2026-11-22" })).status).toBe(200);
    const lapsed = await record("visitor", { ...journey, escortName: "Ann Escort" });
    expect(lapsed.status).toBe(422);
    expect(lapsed.body.message).toMatch(/insurance of AB12 CDE expired on 2026-11-22/);
    expect((await c.sbm!.request("PUT", `/api/staff/${id.visitor}/vehicle`, { make: "Ford", model: "Fiesta", registration: "AB12 CDE", colour: "Blue", insuranceExpiresOn: "2027-06-30" })).status).toBe(200);
    const alone = await record("visitor", journey);
    expect(alone.status).toBe(422);
    expect(alone.body).toMatchObject({ field: "details.escortName", clause: "coteford 5.2" });
    const ok = await record("visitor", { ...journey, escortName: "Ann Escort" });
    expect(ok.status, ok.text).toBe(201);
    expect((await listOf("sbm")).map((r) => r.kind)).toEqual(["transport"]);
  });

  it("a governor cannot record, and nobody without a session reads", async () => {
    expect((await record("governor", { kind: "complaint", raisedBy: "x", complaint: "y" })).status).toBe(403);
    expect((await new TestClient(server.url).request("GET", "/api/visit-records")).status).toBe(401);
  });
});
