/**
 * An action that calls for a referral (here Burgh's PNAR notification after ten
 * unauthorised days) leaves the Today list once the referral is recorded for
 * that child: the same day and the days after, through the real API. A
 * referral recorded later does not change an earlier day's list, and one of
 * another kind, or for another child, answers nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { importMarks, streamOf } from "./import-marks";

let db: DatabaseHandle;
let server: TestServer;
let lead: TestClient;
const pupilId: Record<string, string> = {};

// Present on Monday 2 November 2026, then unauthorised (O) every school day: the tenth is Monday 16 November.
const ABSENT = ["03", "04", "05", "06", "09", "10", "11", "12", "13", "16", "17", "18"].map((d) => `2026-11-${d}`);

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  const school = await buildSchool(db, { policyTemplateId: "burgh" });
  const staff = await buildStaff(db, school.id, ["attendance_lead"]);
  lead = new TestClient(server.url);
  expect((await lead.login(staff.email, TEST_PASSWORD)).status).toBe(200);
  const rows = await db.db
    .insert(pupils)
    .values([
      { schoolId: school.id, upn: "A100000000001", firstName: "Amira", lastName: "Haddad" },
      { schoolId: school.id, upn: "A100000000002", firstName: "Tomasz", lastName: "Wójcik" },
    ])
    .returning();
  for (const r of rows) pupilId[r.upn] = r.id;
  const lines = ["upn,date,session,code"];
  for (const upn of Object.keys(pupilId)) {
    lines.push(`${upn},2026-11-02,AM,/`, `${upn},2026-11-02,PM,\\`);
    for (const d of ABSENT) lines.push(`${upn},${d},AM,O`, `${upn},${d},PM,O`);
  }
  await importMarks(db, { userId: null, name: "Test import" }, { schoolIds: [school.id] }, streamOf(lines.join("\n")), "csv");
  // A database, a server and sign-ins: slow on a busy machine.
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The actions on the Today list for one child on one day. */
async function actionsOf(upn: string, day: string): Promise<string[]> {
  const r = await lead.request("GET", `/api/today?date=${day}`);
  expect(r.status, r.text).toBe(200);
  return r.body.households.flatMap((h: any) => h.pupils.filter((p: any) => p.pupil.upn === upn).flatMap((p: any) => p.actions.map((a: any) => a.action)));
}

describe("an action answered by a referral leaves the Today list", () => {
  it("the PNAR notification is on Today until it is recorded, then gone that day and the next", async () => {
    expect(await actionsOf("A100000000001", "2026-11-13")).not.toContain("notify_local_authority");
    expect(await actionsOf("A100000000001", "2026-11-16")).toContain("notify_local_authority");

    // Recorded during the morning of the 16th, from the action on Today.
    server.clock.now = new Date("2026-11-16T10:00:00Z");
    const opened = await lead.request("POST", "/api/referrals", { pupilId: pupilId.A100000000001, kind: "pnar", fromAction: "notify_local_authority", rule: "burgh local reporting duties (PNAR)", reason: "Ten days of unauthorised absence" });
    expect(opened.status, opened.text).toBe(201);

    expect(await actionsOf("A100000000001", "2026-11-16")).not.toContain("notify_local_authority");
    expect(await actionsOf("A100000000001", "2026-11-17")).not.toContain("notify_local_authority");
    // The rest of the child's list is untouched: the eyes-on visit is still due.
    expect(await actionsOf("A100000000001", "2026-11-17")).toContain("eyes_on_visit");
    // The other child's notification is not answered by it.
    expect(await actionsOf("A100000000002", "2026-11-17")).toContain("notify_local_authority");
  });

  it("a referral of another kind answers nothing, and one recorded later leaves earlier days' lists as they were", async () => {
    const other = await lead.request("POST", "/api/referrals", { pupilId: pupilId.A100000000002, kind: "cme", reason: "Whereabouts not confirmed", openedOn: "2026-11-17" });
    expect(other.status, other.text).toBe(201);
    expect(await actionsOf("A100000000002", "2026-11-17")).toContain("notify_local_authority");

    const pnar = await lead.request("POST", "/api/referrals", { pupilId: pupilId.A100000000002, kind: "pnar", fromAction: "notify_local_authority", reason: "Ten days of unauthorised absence", openedOn: "2026-11-17" });
    expect(pnar.status, pnar.text).toBe(201);
    expect(await actionsOf("A100000000002", "2026-11-16")).toContain("notify_local_authority");
    expect(await actionsOf("A100000000002", "2026-11-17")).not.toContain("notify_local_authority");
    expect(await actionsOf("A100000000002", "2026-11-18")).not.toContain("notify_local_authority");
  });
});
