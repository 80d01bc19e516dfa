/**
 * An agreement may name the visit it was made on. Found by the write-route property
 * test (issue 14): a visit id nobody has was a 500 from the foreign key, and another
 * school's visit was linked as if it were this school's. Both are a 404 naming the
 * visit, and nothing is recorded.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { agreements, auditEvents, pupils, visits } from "../../db/schema";
import { buildSchool } from "../../test/factories";
import { signedInServer, type SignedInServer } from "../../test/signed-in-server";

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
