import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { FakeWonde } from "../../../test/fake-wonde";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";
import { runDueWondeSyncs } from "../../../jobs/wonde-syncs";
import { tokenBox } from "../../../app/attendance/wonde/token-box";

const KEY = randomBytes(32);
let s: SignedInServer<"lead" | "visitor">;
let fake: FakeWonde;

beforeAll(async () => {
  fake = await new FakeWonde().start();
  s = await signedInServer({ lead: ["attendance_lead"], visitor: ["visitor"] }, { WONDE_TOKEN_KEY: KEY.toString("base64") });
  // Wednesday 4 March 2026, 09:05 in London (GMT).
  s.server.clock.now = new Date("2026-03-04T09:05:00Z");
  expect((await s.staff.lead.client.request("PUT", "/api/imports/wonde", { wondeSchoolId: fake.schoolId, token: fake.token, baseUrl: fake.url })).status).toBe(200);
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});

describe("the school's own Wonde sync schedule", () => {
  it("starts as Doorstep's default, and the status says the next sync", async () => {
    expect((await s.staff.lead.client.request("GET", "/api/imports/wonde")).body).toMatchObject({ scheduleIsDefault: true, schedule: { busyFrom: 510, busyUntil: 630, busyEvery: 10, hourlyUntil: 960 }, nextSync: "2026-03-04 09:10" });
  });

  it("is set on the Imports page by a data manager only, and a bad one is refused naming the field", async () => {
    const mine = { busyFrom: 8 * 60, busyUntil: 9 * 60 + 30, busyEvery: 15, hourlyUntil: 15 * 60 };
    expect((await s.staff.visitor.client.request("PUT", "/api/imports/wonde/schedule", mine)).status).toBe(403);
    const bad = await s.staff.lead.client.request("PUT", "/api/imports/wonde/schedule", { ...mine, hourlyUntil: 9 * 60 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: "hourlyUntil" });
    const put = await s.staff.lead.client.request("PUT", "/api/imports/wonde/schedule", mine);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ scheduleIsDefault: false, schedule: mine, nextSync: "2026-03-04 09:15" });
  });

  it("the scheduler honours it: due at the school's slot, not at the default's", async () => {
    const box = tokenBox(KEY);
    // 09:12: the default would have synced at 09:10; this school's next slot is 09:15.
    expect(await runDueWondeSyncs(s.db, box, () => new Date("2026-03-04T09:12:00Z"))).toHaveLength(1); // never synced: the 09:00 slot is owed
    expect(await runDueWondeSyncs(s.db, box, () => new Date("2026-03-04T09:13:00Z"))).toHaveLength(0);
    expect(await runDueWondeSyncs(s.db, box, () => new Date("2026-03-04T09:15:00Z"))).toHaveLength(1);
    // After 15:00 this school is not synced again that day.
    expect(await runDueWondeSyncs(s.db, box, () => new Date("2026-03-04T15:00:00Z"))).toHaveLength(1);
    expect(await runDueWondeSyncs(s.db, box, () => new Date("2026-03-04T16:00:00Z"))).toHaveLength(0);
  });

  it("after the last slot, the next sync is the next school day's first", async () => {
    s.server.clock.now = new Date("2026-03-06T15:30:00Z"); // a Friday
    expect((await s.staff.lead.client.request("GET", "/api/imports/wonde")).body).toMatchObject({ nextSync: "2026-03-09 08:00" });
  });
});
