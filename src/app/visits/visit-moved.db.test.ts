/**
 * A visit moved after its appointment was made (issue 21): the appointment, and
 * so the confirmation letter, take the new time, and the head's notice cites the
 * template's own clause (hunsbury-park 4, not Coteford's 3.6).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { familyContacts, pupils } from "../../db/schema";
import { hunsburyPark } from "../../domain/policy/templates/hunsbury-park";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { pdfText } from "../../test/pdf-text";
import { openDbAndServer } from "../../test/db-and-server";
import type { TestServer } from "../../test/test-server";
import { clockTime } from "../documents/format";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T08:00:00Z")));
});
afterAll(async () => close?.());

async function letterText(client: TestClient, documentId: string) {
  const res = await fetch(`${server.url}/api/documents/${documentId}/pdf`, { headers: { cookie: (client as unknown as { cookie: string }).cookie } });
  expect(res.headers.get("content-type")).toMatch(/application\/pdf/);
  return pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, " ");
}

describe("moving a visit with an appointment (hunsbury-park 4)", () => {
  it("the letter gives the new time and the head is told, citing Hunsbury's clause", async () => {
    const schoolId = (await buildSchool(db, { policyTemplateId: "hunsbury-park" })).id;
    for (const [name, roles] of Object.entries({ head: ["headteacher"], lead: ["attendance_lead"], fsw: ["visitor"] })) {
      const s = await buildStaff(db, schoolId, roles as never);
      ids[name] = s.id;
      c[name] = new TestClient(server.url);
      expect((await c[name].login(s.email, TEST_PASSWORD)).status).toBe(200);
    }
    const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000031", firstName: "Zoë", lastName: "Brontë", addressLine1: "7 Marsh View", postcode: "NN4 9BG" }).returning();
    await db.db.insert(familyContacts).values({ schoolId, pupilId: p!.id, name: "Emily Brontë", relationship: "Mother", parentalResponsibility: true, phone: "07700 900999", email: null });
    const visitId = (await c.lead!.request("POST", "/api/visits", { pupilIds: [p!.id], purpose: "appointment", date: "2026-11-25" })).body.id as string;
    await c.head!.request("PUT", `/api/staff/${ids.fsw}/checks`, { mobile: "07700 900555" });
    for (const kind of hunsburyPark.conduct.requiredTraining!.value) await c.head!.request("POST", `/api/staff/${ids.fsw}/training`, { kind, completedOn: "2026-01-10", expiresOn: null });
    expect((await c.lead!.request("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: ids.fsw }] })).status).toBe(200);
    const first = new Date("2026-11-25T10:30:00Z");
    const moved = new Date("2026-11-25T14:15:00Z");
    expect((await c.lead!.request("PUT", `/api/visits/${visitId}/appointment`, { startsAt: first.toISOString(), place: "7 Marsh View", agreedWith: "Emily Brontë" })).status).toBe(200);
    const planned = await c.lead!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: first.toISOString(), expectedBackAt: "2026-11-25T11:30:00Z" });
    expect(planned.body.state, planned.text).toBe("planned");

    const again = await c.lead!.request("POST", `/api/visits/${visitId}/plan`, { startsAt: moved.toISOString(), expectedBackAt: "2026-11-25T15:15:00Z" });
    expect(again.status, again.text).toBe(200);
    expect(again.body.appointment.startsAt).toBe(moved.toISOString());

    const letter = await c.lead!.request("POST", `/api/visits/${visitId}/appointment/confirmation`);
    expect(letter.status, letter.text).toBe(201);
    const text = await letterText(c.lead!, letter.body.documentId);
    expect(text).toContain(clockTime(moved));
    expect(text).not.toContain(clockTime(first));

    const notes = (await c.head!.request("GET", "/api/notifications")).body.notifications as { title: string; body: string }[];
    const changed = notes.find((n) => n.title.startsWith("Visit changed"));
    expect(changed?.body).toMatch(/\(hunsbury-park 4\)$/);
    expect(changed?.body).not.toMatch(/coteford/);
  });

  it("a first appointment at another time than the plan lodged tells the head too; one at the planned time does not", async () => {
    const schoolId = (await buildSchool(db, { policyTemplateId: "hunsbury-park" })).id;
    const staff: Record<string, string> = {};
    const cl: Record<string, TestClient> = {};
    for (const [name, roles] of Object.entries({ head: ["headteacher"], lead: ["attendance_lead"], fsw: ["visitor"] })) {
      const s = await buildStaff(db, schoolId, roles as never);
      staff[name] = s.id;
      cl[name] = new TestClient(server.url);
      expect((await cl[name].login(s.email, TEST_PASSWORD)).status).toBe(200);
    }
    await cl.head!.request("PUT", `/api/staff/${staff.fsw}/checks`, { mobile: "07700 900556" });
    for (const kind of hunsburyPark.conduct.requiredTraining!.value) await cl.head!.request("POST", `/api/staff/${staff.fsw}/training`, { kind, completedOn: "2026-01-10", expiresOn: null });
    const planned = async (upn: string, startsAt: string) => {
      const [p] = await db.db.insert(pupils).values({ schoolId, upn, firstName: "Anne", lastName: "Brontë", addressLine1: "9 Marsh View", postcode: "NN4 9BG" }).returning();
      const visitId = (await cl.lead!.request("POST", "/api/visits", { pupilIds: [p!.id], purpose: "appointment", date: "2026-11-25" })).body.id as string;
      expect((await cl.lead!.request("PUT", `/api/visits/${visitId}/team`, { members: [{ userId: staff.fsw }] })).status).toBe(200);
      const plan = await cl.lead!.request("POST", `/api/visits/${visitId}/plan`, { startsAt, expectedBackAt: "2026-11-25T16:00:00Z" });
      expect(plan.body.state, plan.text).toBe("planned");
      return visitId;
    };
    const changes = async () => ((await cl.head!.request("GET", "/api/notifications")).body.notifications as { title: string }[]).filter((n) => n.title.startsWith("Visit changed")).length;

    const kept = await planned("A100000000032", "2026-11-25T10:30:00.000Z");
    expect((await cl.lead!.request("PUT", `/api/visits/${kept}/appointment`, { startsAt: "2026-11-25T10:30:00Z", place: "9 Marsh View", agreedWith: "Emily Brontë" })).status).toBe(200);
    expect(await changes()).toBe(0);

    const moved = await planned("A100000000033", "2026-11-25T10:30:00.000Z");
    expect((await cl.lead!.request("PUT", `/api/visits/${moved}/appointment`, { startsAt: "2026-11-25T13:00:00Z", place: "9 Marsh View", agreedWith: "Emily Brontë" })).status).toBe(200);
    expect(await changes()).toBe(1);
  });
});
