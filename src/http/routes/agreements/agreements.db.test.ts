/**
 * An agreement may name the visit it was made on. Found by the write-route property
 * test (issue 14): a visit id nobody has was a 500 from the foreign key, and another
 * school's visit was linked as if it were this school's. Both are a 404 naming the
 * visit, and nothing is recorded.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { agreements, auditEvents, pupils, visits } from "../../../db/schema";
import { buildSchool } from "../../../test/factories";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";

let s: SignedInServer<"lead">;
let pupilId: string;
let otherVisitId: string;

beforeAll(async () => {
  s = await signedInServer({ lead: ["attendance_lead"] });
  s.server.clock.now = new Date("2026-11-18T09:00:00Z");
  pupilId = (await s.db.db.insert(pupils).values({ schoolId: s.schoolId, upn: "A100000000401", firstName: "Ada", lastName: "Nowak" }).returning())[0]!.id;
  const other = await buildSchool(s.db);
  otherVisitId = (await s.db.db.insert(visits).values({ schoolId: other.id, purpose: "safe_and_well", state: "proposed", day: "2026-11-18" }).returning())[0]!.id;
});
afterAll(() => s?.close());

const audits = async () => Number((await s.db.db.select({ n: count() }).from(auditEvents))[0]!.n);
const agreement = (visitId: string) => ({ pupilId, visitId, terms: "Ada will be in school by 8:45.", agreedWith: "Maria Nowak", reviewOn: "2026-12-01" });

it.each([
  ["a visit nobody has", () => "7d0b6a52-3c1e-4f7e-9a39-2f4c8e5d1b20"],
  ["another school's visit", () => otherVisitId],
])("refuses %s with a 404 naming the visit, and records nothing", async (_what, visitId) => {
  const before = await audits();
  const r = await s.staff.lead.client.request("POST", "/api/agreements", agreement(visitId()));
  expect(r.status, r.text).toBe(404);
  expect(r.body.field).toBe("visitId");
  expect(await audits()).toBe(before);
  expect(await s.db.db.select().from(agreements)).toEqual([]);
});

it("records an agreement made on one of the school's visits", async () => {
  const lead = s.staff.lead.client;
  const visitId = (await lead.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "appointment", date: "2026-11-24" })).body.id;
  const r = await lead.request("POST", "/api/agreements", agreement(visitId));
  expect(r.status, r.text).toBe(201);
});

it("proposes the follow-up visit after as many breaches as the school's policy says, citing its clause", async () => {
  const head = await signedInServer({ head: ["headteacher"], lead: ["attendance_lead"] });
  try {
    head.server.clock.now = new Date("2026-11-18T09:00:00Z");
    const { inForce } = (await head.staff.head.client.request("GET", "/api/policy")).body;
    // Burgh says nothing of agreements: Doorstep's default, said as such.
    expect(inForce.policy.agreements).toMatchObject({ reminderLetter: null, followUpVisit: { value: { afterBreaches: 2 }, clause: expect.stringMatching(/^Doorstep default/) } });
    const policy = structuredClone(inForce.policy);
    policy.agreements.followUpVisit = { value: { afterBreaches: 1 }, clause: "our amended 4.3: a follow-up at the first breach" };
    const saved = await head.staff.head.client.request("PUT", "/api/policy", { policy, note: "Follow up at once" });
    expect(saved.status, saved.text).toBe(200);
    const child = (await head.db.db.insert(pupils).values({ schoolId: head.schoolId, upn: "A100000000402", firstName: "Ola", lastName: "Nowak", addressLine1: "2 Mill Lane", postcode: "UB10 0AA" }).returning())[0]!;
    const made = await head.staff.lead.client.request("POST", "/api/agreements", { pupilId: child.id, terms: "Ola will be in by 8:45.", agreedWith: "Maria Nowak", reviewOn: "2026-12-01" });
    expect(made.status, made.text).toBe(201);
    const review = await head.staff.lead.client.request("POST", `/api/agreements/${made.body.id}/review`, { kept: false });
    expect(review.status, review.text).toBe(200);
    expect(review.body.followUpVisitId).toEqual(expect.any(String));
    const visit = await head.staff.head.client.request("GET", `/api/visits/${review.body.followUpVisitId}`);
    expect(visit.body).toMatchObject({ purpose: "follow_up", state: "proposed", address: "2 Mill Lane, UB10 0AA" });
    const proposed = (await head.db.db.select().from(auditEvents)).find((e) => e.action === "visit_proposed" && e.entityId === review.body.followUpVisitId)!;
    expect(proposed.after).toMatchObject({ reason: "continued failure to keep an agreement (our amended 4.3: a follow-up at the first breach)" });
  } finally {
    await head.close();
  }
});
