/** A machine's first real school over HTTP: the one-time code, all-or-nothing, and the demo logins retired. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { schools, trusts } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { issueSetupCode } from "./first-run";

let db: DatabaseHandle;
let server: TestServer;
let demoEmail: string;
let demoSession: TestClient;

const firstSchool = (over: Record<string, unknown> = {}) => ({
  trustName: "Fen Learning Trust",
  schoolName: "Fen Primary",
  policyTemplateId: "coteford",
  phone: "01632 960123",
  head: { name: "Ada Head", email: "ada@fen.example", password: "marsh lantern quietly 77" },
  ...over,
});

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  const demo = await buildSchool(db, { demo: true, name: "Burgh Demo Primary School" });
  demoEmail = (await buildStaff(db, demo.id, ["headteacher"])).email;
  demoSession = new TestClient(server.url);
  expect((await demoSession.login(demoEmail, TEST_PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("first-run setup", () => {
  it("is offered while only the demo school exists", async () => {
    const r = await new TestClient(server.url).request("GET", "/api/setup");
    expect(r.body.needed).toBe(true);
    expect(r.body.templates.map((t: { id: string }) => t.id)).toContain("coteford");
  });

  it("refuses without the code printed at start-up, and with a weak password saves nothing", async () => {
    const code = await issueSetupCode(db.db);
    const anon = new TestClient(server.url);
    const wrong = await anon.request("POST", "/api/setup", { ...firstSchool(), setupCode: "guessed" });
    expect(wrong.status).toBe(403);
    expect(wrong.body.field).toBe("setupCode");
    const weak = await anon.request("POST", "/api/setup", { ...firstSchool({ head: { name: "Ada Head", email: "ada@fen.example", password: "short" } }), setupCode: code });
    expect(weak.status).toBe(400);
    expect(await db.db.select().from(trusts).where(eq(trusts.name, "Fen Learning Trust"))).toEqual([]);
  });

  it("creates the trust, the school and its head; then closes, and the demo logins stop working", async () => {
    const code = (await issueSetupCode(db.db))!;
    const anon = new TestClient(server.url);
    const r = await anon.request("POST", "/api/setup", { ...firstSchool(), setupCode: code });
    expect(r.status, r.text).toBe(201);
    const [school] = await db.db.select().from(schools).where(eq(schools.id, r.body.schoolId));
    expect(school).toMatchObject({ name: "Fen Primary", policyTemplateId: "coteford", demo: false });

    const head = new TestClient(server.url);
    expect((await head.login("ada@fen.example", "marsh lantern quietly 77")).status).toBe(200);
    expect((await head.request("GET", "/api/policy")).status).toBe(200);

    expect((await anon.request("GET", "/api/setup")).body.needed).toBe(false);
    expect((await anon.request("POST", "/api/setup", { ...firstSchool({ schoolName: "Second" }), setupCode: code })).status).toBe(403);
    expect(await issueSetupCode(db.db)).toBeNull();

    const demo = await new TestClient(server.url).login(demoEmail, TEST_PASSWORD);
    expect(demo.status).toBe(401);
    expect(demo.body.message).toContain("demo accounts are switched off");
    expect((await demoSession.request("GET", "/api/session")).status).toBe(401);
  });
});
