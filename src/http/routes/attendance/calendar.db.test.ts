/** Dates through the door are held to 2000–2099: "no end date" as 9999-12-31 is refused, never looped over. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let head: TestClient;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  const school = await buildSchool(db);
  head = new TestClient(server.url);
  await head.login((await buildStaff(db, school.id, ["headteacher", "attendance_lead"])).email, TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const csv = (text: string) => head.request("POST", "/api/imports/term-dates", undefined, { headers: { "content-type": "text/csv" }, rawBody: text });

it("refuses a closure ending 9999-12-31 from the Calendar page, naming the field, and stays up", async () => {
  for (const [from, to] of [["2026-09-01", "9999-12-31"], ["9999-12-30", "9999-12-31"]]) {
    const r = await head.request("POST", "/api/calendar", { ranges: [{ from, to, kind: "closure" }] });
    expect(r.status, r.text).toBe(400);
    expect(r.body.field).toMatch(/ranges\.0\.(from|to)/);
    expect(r.body.message).toContain("2099-12-31");
  }
  expect((await head.request("GET", "/api/health")).status).toBe(200);
});

it("refuses a term-dates file with a date past 2099, and nothing is saved", async () => {
  const r = await csv("from,to,kind\n2026-12-21,2027-01-01,holiday\n9999-12-30,9999-12-31,closure\n");
  expect(r.status, r.text).toBe(400);
  expect(r.body.field).toBe("line 3, column from");
  const saved = await head.request("GET", "/api/calendar?from=2026-12-01&to=2027-01-31");
  expect(saved.body.closures).toEqual([]);
});

it("takes the last days of the range: 30 and 31 December 2099 are a Wednesday and Thursday", async () => {
  const r = await csv("from,to,kind\n2099-12-30,2099-12-31,closure\n");
  expect(r.status, r.text).toBe(200);
  expect(r.body).toEqual({ days: 2, changed: 2 });
});

it("refuses out-of-range dates in queries with 400, not 500", async () => {
  for (const path of ["/api/audit?to=9999-12-31", "/api/calendar?from=1900-01-01&to=2026-01-01", "/api/today?date=10000-01-01"]) {
    const r = await head.request("GET", path);
    expect(r.status, path).toBe(400);
  }
});

it("refuses an empty term-dates file with 400 instead of saving nothing and answering 200", async () => {
  for (const text of ["", "from,to,kind\n"]) {
    const r = await csv(text);
    expect(r.status, JSON.stringify(text)).toBe(400);
    expect(r.body.message).toContain("no term dates");
  }
});

it("refuses a register upload that is not CSV or Wonde JSON with 415 before reading it, and Wonde JSON of the wrong shape with 400", async () => {
  const json = await head.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "application/json" }, rawBody: JSON.stringify({ data: [] }) });
  expect(json.status).toBe(415);
  expect(json.body.field).toBe("content-type");
  const wrongShape = await head.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "application/vnd.wonde+json" }, rawBody: JSON.stringify({ data: {} }) });
  expect(wrongShape.status, wrongShape.text).toBe(400);
  expect(wrongShape.body.message).toContain("Wonde");
  expect((await head.request("GET", "/api/health")).status).toBe(200);
});
