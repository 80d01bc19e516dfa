/**
 * CPOMS/MyConcern references and the hand-off text (issue 21; scargill "recorded
 * using MyConcern"; coteford 2.7, 4.1), through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils, visitReports, visits } from "../../../db/schema";
import type { Role } from "../../../domain/people/roles";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { openDbAndServer } from "../../../test/db-and-server";
import type { TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
const c: Record<string, TestClient> = {};
const id: Record<string, string> = {};

async function schoolWith(policyTemplateId: string, people: Record<string, Role[]>) {
  const schoolId = (await buildSchool(db, { policyTemplateId })).id;
  for (const [name, roles] of Object.entries(people)) {
    const s = await buildStaff(db, schoolId, roles);
    id[name] = s.id;
    c[name] = new TestClient(server.url);
    expect((await c[name].login(s.email, TEST_PASSWORD)).status).toBe(200);
  }
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Ada", lastName: "Nowak", addressLine1: "1 Mill Lane", postcode: "UB10 0AA" }).returning();
  return { schoolId, pupilId: p!.id };
}

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T12:00:00Z")));
});
afterAll(async () => close?.());

describe("references in the school's safeguarding system", () => {
  it("scargill: a referral's MyConcern reference is kept, the latest in force, and the hand-off names MyConcern and the reference", async () => {
    const { pupilId } = await schoolWith("scargill", { dsl: ["dsl"], visitor: ["visitor"] });
    const opened = await c.dsl!.request("POST", "/api/referrals", { pupilId, kind: "safeguarding", reason: "Bruising seen at the door\nChild withdrawn" });
    expect(opened.status, opened.text).toBe(201);
    const before = await c.dsl!.request("GET", `/api/hand-off/referral/${opened.body.id}`);
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(before.text).toContain("For MyConcern (scargill after the visit)");
    expect(before.text).toContain("Pupil: Ada Nowak (UPN A100000000001)");
    expect(before.text).toContain("Reason:\n  Bruising seen at the door\n  Child withdrawn");
    expect(before.text).toContain("MyConcern reference: not recorded yet");
    for (const reference of ["MC-1", "MC-1042"]) {
      const r = await c.dsl!.request("POST", "/api/external-references", { entity: "referral", entityId: opened.body.id, reference });
      expect(r.status, r.text).toBe(201);
      expect(r.body.system).toBe("MyConcern");
    }
    expect((await c.dsl!.request("GET", `/api/hand-off/referral/${opened.body.id}`)).text).toContain("MyConcern reference: MC-1042");
    const [listed] = (await c.dsl!.request("GET", "/api/referrals")).body.referrals;
    expect(listed.externalRef).toMatchObject({ system: "MyConcern", reference: "MC-1042" });
    // A visitor neither reads the hand-off nor records a reference.
    expect((await c.visitor!.request("GET", `/api/hand-off/referral/${opened.body.id}`)).status).toBe(403);
    expect((await c.visitor!.request("POST", "/api/external-references", { entity: "referral", entityId: opened.body.id, reference: "x" })).status).toBe(403);
  });

  it("coteford 4.1: an agreement and a submitted visit report carry their CPOMS reference; the report stays unchanged", async () => {
    const { schoolId, pupilId } = await schoolWith("coteford", { lead: ["attendance_lead"] });
    const agreement = await c.lead!.request("POST", "/api/agreements", { pupilId, terms: "Ada arrives by 8:50 every day", agreedWith: "Mrs Nowak", reviewOn: "2026-12-07" });
    expect(agreement.status, agreement.text).toBe(201);
    expect((await c.lead!.request("POST", "/api/external-references", { entity: "agreement", entityId: agreement.body.id, reference: "CPOMS-77" })).body.system).toBe("CPOMS");
    const [a] = (await c.lead!.request("GET", "/api/agreements")).body.agreements;
    expect(a.externalRef.reference).toBe("CPOMS-77");
    const hand = await c.lead!.request("GET", `/api/hand-off/agreement/${agreement.body.id}`);
    expect(hand.text).toContain("For CPOMS (coteford 2.7, 4.1)");
    expect(hand.text).toContain("Terms: Ada arrives by 8:50 every day");

    const [v] = await db.db.insert(visits).values({ schoolId, purpose: "appointment", state: "completed", day: "2026-11-23", address: "1 Mill Lane" }).returning();
    const [report] = await db.db
      .insert(visitReports)
      .values({ visitId: v!.id, schoolId, reason: "Attendance", peoplePresent: "Mrs Nowak", summary: "Ada ill", actionsAgreed: "Doctor's note", followUpActions: "Call Friday", children: [{ pupilId, name: "Ada Nowak", seen: true, outcome: "child_seen", attendance: null }], staffPresent: ["Aoife Lead"], completedBy: id.lead!, completedName: "Aoife Lead", completedRole: "attendance_lead", completedOn: "2026-11-23", submittedAt: new Date() })
      .returning();
    expect((await c.lead!.request("POST", "/api/external-references", { entity: "visit_report", entityId: report!.id, reference: "CPOMS-78" })).status).toBe(201);
    const loaded = await c.lead!.request("GET", `/api/visits/${v!.id}/report`);
    expect(loaded.body.report).toMatchObject({ summary: "Ada ill", externalRef: { reference: "CPOMS-78" } });
    expect((await c.lead!.request("GET", `/api/hand-off/visit_report/${report!.id}`)).text).toContain("Ada Nowak: seen, child_seen");
  });

  it("a record of another school, or a visit record not routed to the caller, is a 404", async () => {
    const { pupilId } = await schoolWith("coteford", { head: ["headteacher"], lead2: ["attendance_lead"] });
    const made = await c.head!.request("POST", "/api/visit-records", { pupilId, occurredAt: "2026-11-23T10:00:00Z", details: { kind: "complaint", raisedBy: "Mrs Nowak", complaint: "Late" } });
    expect(made.status, made.text).toBe(201);
    expect((await c.head!.request("GET", `/api/hand-off/visit_record/${made.body.id}`)).text).toContain("Complaint: Late");
    expect((await c.lead2!.request("GET", `/api/hand-off/visit_record/${made.body.id}`)).status).toBe(404);
    expect((await c.lead2!.request("POST", "/api/external-references", { entity: "visit_record", entityId: made.body.id, reference: "x" })).status).toBe(404);
    expect((await c.dsl!.request("GET", `/api/hand-off/visit_record/${made.body.id}`)).status).toBe(404);
  });
});
