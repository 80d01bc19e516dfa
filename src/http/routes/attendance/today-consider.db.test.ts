/**
 * Burgh 6.4 and 6.5 through the Today page's API: a child absent today (off sick,
 * so no action is due) with a year of persistent absence, or with safeguarding
 * indicators on the record, is listed as a visit to consider under the clause;
 * a school on a policy without those provisions lists none, and the action list
 * is unchanged (spec/evaluate.md fixes it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
const lead: Record<string, TestClient> = {};

/** Twenty school days in March 2026, the last of them (Friday 27th) "today". */
const DAYS = ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13", "16", "17", "18", "19", "20", "23", "24", "25", "26", "27"].map((d) => `2026-03-${d}`);

async function school(template: "burgh" | "coteford") {
  const s = await buildSchool(db, { policyTemplateId: template });
  await db.db.insert(pupils).values([
    { schoolId: s.id, upn: "A100000000001", firstName: "Pat", lastName: "Often", addressLine1: "1 Lane" },
    { schoolId: s.id, upn: "A100000000002", firstName: "Sam", lastName: "Known", addressLine1: "2 Lane", vulnerabilities: ["known_to_social_care"] },
    { schoolId: s.id, upn: "A100000000003", firstName: "Kim", lastName: "Present", addressLine1: "3 Lane" },
  ]);
  lead[template] = new TestClient(server.url);
  await lead[template]!.login((await buildStaff(db, s.id, ["attendance_lead"])).email, TEST_PASSWORD);
  const lines = ["upn,date,session,code"];
  DAYS.forEach((day, i) => {
    const last = i === DAYS.length - 1;
    // Pat: absent (authorised) one day in three, and off sick today: 8 of 20 days missed. Sam: only today, 5%.
    const pat = last || i % 3 === 0 ? "I" : "/";
    lines.push(`A100000000001,${day},AM,${pat}`, `A100000000001,${day},PM,${pat}`);
    lines.push(`A100000000002,${day},AM,${last ? "I" : "/"}`, `A100000000002,${day},PM,${last ? "I" : "/"}`);
    lines.push(`A100000000003,${day},AM,/`, `A100000000003,${day},PM,/`);
  });
  const r = await lead[template]!.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: lines.join("\n") });
  expect(r.status, r.text).toBe(200);
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  await school("burgh");
  await school("coteford");
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("visits to consider", () => {
  it("burgh: persistent absence (6.4) and safeguarding indicators (6.5), beside an empty action list", async () => {
    const r = await lead.burgh!.request("GET", "/api/today?date=2026-03-27");
    expect(r.status, r.text).toBe(200);
    expect(r.body.actionCount).toBe(0);
    expect(r.body.considerations).toEqual([
      expect.objectContaining({ kind: "safeguarding_indicators", clause: "burgh 6.5", pupil: expect.objectContaining({ firstName: "Sam" }) }),
      expect.objectContaining({ kind: "persistent_absence", clause: "burgh 6.4", reason: expect.stringContaining("40%"), pupil: expect.objectContaining({ firstName: "Pat" }) }),
    ]);
  });

  it("a policy without those provisions lists none", async () => {
    const r = await lead.coteford!.request("GET", "/api/today?date=2026-03-27");
    expect(r.status, r.text).toBe(200);
    expect(r.body.considerations).toEqual([]);
  });
});
