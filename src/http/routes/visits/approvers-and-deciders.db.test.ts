/**
 * Who signs a visit and who decides a referral are the template's (issue 21):
 * coteford 2.1 (the Deputy Headteacher), transform-trust 4.2 (the head as well
 * as the attendance lead), burgh 5 and Appendix A (the DSL alone decides
 * safeguarding referrals and police welfare checks). Through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils } from "../../../db/schema";
import type { Role } from "../../../domain/people/roles";
import { schoolWithSignedInStaff } from "../../../test/factories";
import type { TestClient } from "../../../test/http-client";
import { openDbAndServer } from "../../../test/db-and-server";
import type { TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;

async function schoolOn(policyTemplateId: string, people: Record<string, Role[]>) {
  const { c, schoolId } = await schoolWithSignedInStaff(db, server.url, policyTemplateId, people);
  const [pupil] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Ada", lastName: "Nowak", addressLine1: "1 Mill Lane", postcode: "UB10 0AA" }).returning();
  return { c, pupilId: pupil!.id };
}

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T08:00:00Z")));
});
afterAll(async () => close?.());

async function propose(c: TestClient, pupilId: string) {
  const r = await c.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "appointment", date: "2026-11-25" });
  expect(r.status, r.text).toBe(201);
  return r.body.id as string;
}

describe("approvers per template", () => {
  it("coteford 2.1: the Deputy Headteacher signs; the attendance lead is refused naming who may", async () => {
    const { c, pupilId } = await schoolOn("coteford", { deputy: ["deputy_head"], lead: ["attendance_lead"] });
    const visitId = await propose(c.lead!, pupilId);
    const page = await c.deputy!.request("GET", `/api/visits/${visitId}`);
    expect(page.body.approvers).toEqual({ roles: ["headteacher", "deputy_head"], clause: "coteford 2.1, 3.2-3.3" });
    const refused = await c.lead!.request("POST", "/api/visits/approve", { visitIds: [visitId], signedName: "Aoife Lead" });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe("Only the Headteacher or Deputy headteacher may approve visits under this policy.");
    const signed = await c.deputy!.request("POST", "/api/visits/approve", { visitIds: [visitId], signedName: "Dev Deputy" });
    expect(signed.status, signed.text).toBe(200);
    expect((await c.deputy!.request("GET", `/api/visits/${visitId}`)).body.approval).toMatchObject({ role: "deputy_head", signedName: "Dev Deputy" });
  });

  it("transform-trust 4.2: the headteacher, who signs the policy, may record the decision, as may the attendance lead", async () => {
    const { c, pupilId } = await schoolOn("transform-trust", { head: ["headteacher"], lead: ["attendance_lead"], dsl: ["dsl"] });
    const byHead = await propose(c.lead!, pupilId);
    expect((await c.head!.request("POST", "/api/visits/approve", { visitIds: [byHead], signedName: "Helen Head" })).status).toBe(200);
    const byLead = await propose(c.lead!, pupilId);
    expect((await c.lead!.request("POST", "/api/visits/approve", { visitIds: [byLead], signedName: "Aoife Lead" })).status).toBe(200);
    const other = await propose(c.lead!, pupilId);
    const dsl = await c.dsl!.request("POST", "/api/visits/approve", { visitIds: [other], signedName: "Dee Dsl" });
    expect(dsl.status).toBe(422);
    expect(dsl.body.clause).toBe("transform-trust 4.2");
  });
});

describe("no approver named", () => {
  it("hunsbury-park names no approver: the visit page offers the signature to nobody", async () => {
    const { c, pupilId } = await schoolOn("hunsbury-park", { head: ["headteacher"], lead: ["attendance_lead"] });
    const visitId = await propose(c.lead!, pupilId);
    expect((await c.head!.request("GET", `/api/visits/${visitId}`)).body.approvers).toEqual({ roles: [], clause: null });
  });
});

describe("referral deciders per template", () => {
  it("burgh 5, Appendix A: only the DSL team opens a safeguarding referral or a police welfare check", async () => {
    const { c, pupilId } = await schoolOn("burgh", { lead: ["attendance_lead"], head: ["headteacher"], dsl: ["dsl"], deputy: ["deputy_dsl"] });
    for (const kind of ["safeguarding", "police_welfare_check"]) {
      for (const who of ["lead", "head"]) {
        const r = await c[who]!.request("POST", "/api/referrals", { pupilId, kind, reason: "Not seen for six days" });
        expect(r.status, `${who} ${kind}`).toBe(422);
        expect(r.body).toMatchObject({ field: "kind", clause: "burgh 5, Appendix A" });
      }
      const opened = await c.dsl!.request("POST", "/api/referrals", { pupilId, kind, reason: "Not seen for six days" });
      expect(opened.status).toBe(201);
      // Nor may anyone else record its outcome.
      const outcome = await c.lead!.request("PUT", `/api/referrals/${opened.body.id}`, { status: "closed", outcome: "Seen and well" });
      expect(outcome.status).toBe(422);
      expect(outcome.body.clause).toBe("burgh 5, Appendix A");
      expect((await c.dsl!.request("PUT", `/api/referrals/${opened.body.id}`, { status: "submitted" })).status).toBe(200);
      expect((await c.deputy!.request("POST", "/api/referrals", { pupilId, kind, reason: "Not seen for six days" })).status).toBe(201);
    }
    // The local authority's routes stay with the attendance lead.
    expect((await c.lead!.request("POST", "/api/referrals", { pupilId, kind: "pnar", reason: "10 unauthorised days" })).status).toBe(201);
    expect((await c.lead!.request("GET", `/api/referrals?pupilId=${pupilId}`)).body.referrals).toHaveLength(5);
  });

  it("a template that reserves no kind leaves referrals to the route's roles (coteford)", async () => {
    const { c, pupilId } = await schoolOn("coteford", { lead: ["attendance_lead"] });
    expect((await c.lead!.request("POST", "/api/referrals", { pupilId, kind: "safeguarding", reason: "Bruise seen" })).status).toBe(201);
  });
});
