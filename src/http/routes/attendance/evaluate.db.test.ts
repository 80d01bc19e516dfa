/** The spec's worked examples through the API give what the CLI gives. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

const examples = new URL("../../../../spec/examples/", import.meta.url);
let db: DatabaseHandle;
let server: TestServer;
let client: TestClient;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  const school = await buildSchool(db);
  client = new TestClient(server.url);
  await client.login((await buildStaff(db, school.id, ["attendance_lead"])).email, TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

for (const name of ["burgh-example", "scargill-example"]) {
  it(`evaluates ${name} over HTTP as the spec expects`, async () => {
    const scenario = JSON.parse(readFileSync(new URL(`${name}.json`, examples), "utf8"));
    const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, examples), "utf8"));
    const r = await client.request("POST", "/api/evaluate", scenario);
    expect(r.status).toBe(200);
    const got = r.body.actions.map((a: { upn: string; action: string }) => `${a.upn} ${a.action}`).sort();
    expect(got).toEqual(expected.actions.map((a: { upn: string; action: string }) => `${a.upn} ${a.action}`).sort());
    for (const a of r.body.actions) expect(a.rule && a.reason).toBeTruthy();
  });
}

it("refuses an invalid scenario naming the field", async () => {
  const r = await client.request("POST", "/api/evaluate", { policy: "nowhere", today: "2026-03-11", pupils: [] });
  expect(r.status).toBe(400);
  expect(r.body.message).toContain("policy");
});
