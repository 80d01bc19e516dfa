/**
 * People from outside the school accompanying a visit (burgh 1, 9), through the
 * HTTP API under the Burgh template: added once by a client-made id, shown with
 * the visit, audited, refused with the field at fault, and out of reach of
 * another school.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, visitCompanions, visits } from "../../db/schema";
import type { Role } from "../../domain/people/roles";
import { schoolWithSignedInStaff } from "../../test/factories";
import type { TestClient } from "../../test/http-client";
import { openDbAndServer } from "../../test/db-and-server";
import type { TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
let c: Record<"lead" | "head" | "governor", TestClient>;
let visitId: string;
const SOCIAL_WORKER = { name: "Sam Reed", organisation: "Lincolnshire Children's Services", role: "Social worker", phone: "01522 000000" };

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T08:00:00Z")));
  const school = await schoolWithSignedInStaff(db, server.url, "burgh", { lead: ["attendance_lead"] as Role[], head: ["headteacher"] as Role[], governor: ["governor"] as Role[] });
  c = school.c;
  const [v] = await db.db.insert(visits).values({ schoolId: school.schoolId, purpose: "safe_and_well", state: "proposed", day: "2026-11-23" }).returning();
  visitId = v!.id;
});
afterAll(async () => close?.());

const companionsOf = async (who: TestClient) => (await who.request("GET", `/api/visits/${visitId}`)).body.companions as { id: string; name: string; organisation: string; phone: string | null }[];

describe("someone from outside the school on a visit (burgh 1, 9)", () => {
  it("is added once however often the form is sent, shown with the visit and audited", async () => {
    const id = randomUUID();
    const first = await c.lead.request("POST", `/api/visits/${visitId}/companions`, { id, ...SOCIAL_WORKER });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toEqual({ id, duplicate: false });
    const again = await c.lead.request("POST", `/api/visits/${visitId}/companions`, { id, ...SOCIAL_WORKER });
    expect(again.body).toEqual({ id, duplicate: true });
    expect(await db.db.select().from(visitCompanions).where(eq(visitCompanions.visitId, visitId))).toHaveLength(1);
    expect(await companionsOf(c.head)).toEqual([{ id, ...SOCIAL_WORKER }]);
    const audits = await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, visitId), eq(auditEvents.action, "visit_companion_added")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ id, name: "Sam Reed", organisation: "Lincolnshire Children's Services" });
  });

  it("is refused without an organisation, naming the field; a governor may not add one", async () => {
    const { organisation: _o, ...nameless } = SOCIAL_WORKER;
    const bad = await c.head.request("POST", `/api/visits/${visitId}/companions`, { id: randomUUID(), ...nameless });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/organisation/);
    expect((await c.governor.request("POST", `/api/visits/${visitId}/companions`, { id: randomUUID(), ...SOCIAL_WORKER })).status).toBe(403);
  });

  it("is taken off the visit, audited; not once the visit is completed", async () => {
    const id = randomUUID();
    expect((await c.head.request("POST", `/api/visits/${visitId}/companions`, { id, name: "Pat Lee", organisation: "Early Help", role: "Family worker" })).status).toBe(201);
    const off = await c.head.request("DELETE", `/api/visits/${visitId}/companions/${id}`);
    expect(off.status, off.text).toBe(200);
    expect((await companionsOf(c.lead)).map((x) => x.name)).toEqual(["Sam Reed"]);
    expect(await db.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, visitId), eq(auditEvents.action, "visit_companion_removed")))).toHaveLength(1);
    expect((await c.head.request("DELETE", `/api/visits/${visitId}/companions/${id}`)).body.field).toBe("companionId");
    await db.db.update(visits).set({ state: "completed" }).where(eq(visits.id, visitId));
    const late = await c.lead.request("POST", `/api/visits/${visitId}/companions`, { id: randomUUID(), ...SOCIAL_WORKER });
    expect(late.status).toBe(422);
    expect(late.body.field).toBe("state");
    await db.db.update(visits).set({ state: "proposed" }).where(eq(visits.id, visitId));
  });

  it("another school's staff neither see the visit's companions nor add to them", async () => {
    const other = await schoolWithSignedInStaff(db, server.url, "burgh", { lead: ["attendance_lead"] as Role[] });
    expect((await other.c.lead.request("GET", `/api/visits/${visitId}`)).status).toBe(404);
    expect((await other.c.lead.request("POST", `/api/visits/${visitId}/companions`, { id: randomUUID(), ...SOCIAL_WORKER })).status).toBe(404);
  });
});
