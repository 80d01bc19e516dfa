/**
 * Signing off a policy review (issue 21): who reviews and who approves is the
 * template's (coteford 6.1-6.2: the School Business Manager; transform-trust
 * 7.1-7.2: the Attendance Improvement Co-ordinator; burgh 13: the Headteacher and
 * DSL review, the Governing Body approves). Through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents } from "../../../db/schema";
import type { Role } from "../../../domain/people/roles";
import { schoolWithSignedInStaff } from "../../../test/factories";
import { openDbAndServer } from "../../../test/db-and-server";
import type { TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T08:00:00Z")));
});
afterAll(async () => close?.());

const schoolOn = (templateId: string, people: Record<string, Role[]>) => schoolWithSignedInStaff(db, server.url, templateId, people);

describe("policy review sign-off", () => {
  it("coteford 6.2: the business manager signs off; the review date moves a year on from this month; the head is refused naming who reviews", async () => {
    const { c, schoolId } = await schoolOn("coteford", { sbm: ["business_manager"], head: ["headteacher"] });
    const before = (await c.sbm!.request("GET", "/api/policy")).body;
    expect(before.inForce.policy.review.reviewers).toMatchObject({ roles: ["business_manager"], clause: "coteford 6.1, 6.2" });
    expect(before.review.due).toBe("2027-12");

    const refused = await c.head!.request("POST", "/api/policy/review", { outcome: "no_changes", note: "Read through" });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe("Under this policy only the School business manager reviews it (coteford 6.1, 6.2).");

    const empty = await c.sbm!.request("POST", "/api/policy/review", { outcome: "no_changes", note: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe("note");

    const signed = await c.sbm!.request("POST", "/api/policy/review", { outcome: "no_changes", note: "Reviewed after the autumn incidents; nothing to change." });
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body.version).toBe(before.inForce.version + 1);
    const after = (await c.head!.request("GET", "/api/policy")).body;
    expect(after.review).toMatchObject({ due: "2027-11", overdue: false, awaitingApproval: false });
    expect(after.inForce.policy.review.lastReview).toMatchObject({ on: "2026-11-23", role: "business_manager", outcome: "no_changes", approved: null });
    expect(after.inForce.policy.review.adopted).toBe("2026-11");
    expect(after.versions[0].changeNote).toBe("Policy review (no changes): Reviewed after the autumn incidents; nothing to change.");
    const audited = await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), eq(auditEvents.action, "policy_reviewed")));
    expect(audited).toHaveLength(1);
  });

  it("transform-trust 7.2: an overdue policy (September 2019) is reviewed by the attendance lead and counts once the head, the attendance governor and the attendance officer have each signed", async () => {
    const { c } = await schoolOn("transform-trust", { lead: ["attendance_lead"], head: ["headteacher"], governor: ["governor"] });
    expect((await c.lead!.request("GET", "/api/policy")).body.review).toMatchObject({ due: "2019-09", overdue: true });
    expect((await c.lead!.request("POST", "/api/policy/review", { outcome: "amended", note: "Brought up to date with the 2024 guidance." })).status).toBe(200);
    expect((await c.head!.request("POST", "/api/policy/review/approve")).status).toBe(200);
    const twice = await c.head!.request("POST", "/api/policy/review/approve");
    expect(twice.status).toBe(422);
    expect(twice.body.clause).toBe("transform-trust signatures");
    expect((await c.governor!.request("POST", "/api/policy/review/approve")).status).toBe(200);
    expect((await c.lead!.request("GET", "/api/policy")).body.review).toMatchObject({ due: "2019-09", overdue: true, awaitingApproval: true });
    expect((await c.lead!.request("POST", "/api/policy/review/approve")).status).toBe(200);
    const after = (await c.lead!.request("GET", "/api/policy")).body;
    expect(after.review).toMatchObject({ due: "2027-11", overdue: false, awaitingApproval: false });
    expect(after.inForce.policy.review.lastReview.signatures.map((s: { role: string }) => s.role)).toEqual(["headteacher", "governor", "attendance_lead"]);
  });

  it("burgh 13: the head's review waits for the governors; the date stands until a governor approves; the head cannot approve", async () => {
    const { c } = await schoolOn("burgh", { head: ["headteacher"], governor: ["governor"], lead: ["attendance_lead"] });
    expect((await c.lead!.request("POST", "/api/policy/review", { outcome: "no_changes", note: "Annual review" })).status).toBe(422);
    expect((await c.governor!.request("POST", "/api/policy/review/approve")).body.field).toBe("review");

    expect((await c.head!.request("POST", "/api/policy/review", { outcome: "amended", note: "Thresholds agreed with the attendance champion." })).status).toBe(200);
    const waiting = (await c.governor!.request("GET", "/api/policy")).body;
    expect(waiting.review).toMatchObject({ due: "2027-03", awaitingApproval: true });
    expect(waiting.inForce.policy.review.awaitingApproval).toMatchObject({ role: "headteacher", outcome: "amended" });

    const byHead = await c.head!.request("POST", "/api/policy/review/approve");
    expect(byHead.status).toBe(422);
    expect(byHead.body.message).toBe("Under this policy only the Governor approves its review (burgh 13).");

    const approved = await c.governor!.request("POST", "/api/policy/review/approve");
    expect(approved.status, approved.text).toBe(200);
    const after = (await c.head!.request("GET", "/api/policy")).body;
    expect(after.review).toMatchObject({ due: "2027-11", awaitingApproval: false });
    expect(after.inForce.policy.review.lastReview).toMatchObject({ role: "headteacher", approved: { on: "2026-11-23", role: "governor" } });
  });

  it("a home visitor may not sign off a review at all", async () => {
    const { c } = await schoolOn("scargill", { visitor: ["visitor"] });
    expect((await c.visitor!.request("POST", "/api/policy/review", { outcome: "no_changes", note: "x" })).status).toBe(403);
  });
});
