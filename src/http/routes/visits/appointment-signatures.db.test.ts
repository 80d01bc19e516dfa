/**
 * Signatures captured on the device are kept with the appointment and drawn into
 * the confirmation letter. Found by the write-route property test (issue 14): the
 * route took any text after "data:image/png;base64," (even "=" mid-way), kept it,
 * and every confirmation letter of that visit was then a 500. A signature that is
 * not a PNG is refused when it is sent, naming the field, and nothing is kept.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { auditEvents, pupils } from "../../../db/schema";
import { signaturePng } from "../../../rendering/test-support";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";

let s: SignedInServer<"lead">;
let visitId: string;

beforeAll(async () => {
  s = await signedInServer({ lead: ["attendance_lead"] });
  s.server.clock.now = new Date("2026-11-18T09:00:00Z");
  const [p] = await s.db.db.insert(pupils).values({ schoolId: s.schoolId, upn: "A100000000301", firstName: "Ada", lastName: "Nowak", addressLine1: "3 Station Road" }).returning();
  const lead = s.staff.lead.client;
  visitId = (await lead.request("POST", "/api/visits", { pupilIds: [p!.id], purpose: "appointment", date: "2026-11-24" })).body.id;
  expect((await lead.request("PUT", `/api/visits/${visitId}/appointment`, { startsAt: "2026-11-24T10:30:00Z", place: "3 Station Road", agreedWith: "Maria Nowak" })).status).toBe(200);
});
afterAll(() => s?.close());

const audits = async () => Number((await s.db.db.select({ n: count() }).from(auditEvents))[0]!.n);

it.each([
  ["base64 that is not a PNG", "data:image/png;base64,AAAA"],
  ["padding in the middle", "data:image/png;base64,iVBO=Rw0KGgo"],
  ["a PNG's first bytes and nothing after", `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString("base64")}`],
])("refuses %s, naming the signature, and keeps nothing", async (_what, bad) => {
  const lead = s.staff.lead.client;
  const before = await audits();
  const r = await lead.request("POST", `/api/visits/${visitId}/appointment/signatures`, { parentSignature: bad, officerSignature: signaturePng() });
  expect(r.status, r.text).toBe(400);
  expect(r.body.field).toBe("parentSignature");
  expect(await audits()).toBe(before);
  expect((await lead.request("POST", `/api/visits/${visitId}/appointment/confirmation`)).status).toBe(201);
});

it("keeps real signatures and draws them into the confirmation", async () => {
  const lead = s.staff.lead.client;
  const r = await lead.request("POST", `/api/visits/${visitId}/appointment/signatures`, { parentSignature: signaturePng(), officerSignature: signaturePng(200, 60) });
  expect(r.status, r.text).toBe(200);
  expect((await lead.request("POST", `/api/visits/${visitId}/appointment/confirmation`)).status).toBe(201);
});
