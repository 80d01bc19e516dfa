/**
 * One contract (issue 15): every API route declares the schema of its 2xx answer
 * (src/contracts) or what non-JSON type it produces, and the answers keep to it
 * strictly: no field missing, none of the wrong type, none the schema leaves out
 * (Fastify's serializer would drop it silently). Every server the database tests
 * start holds its replies the same way (src/test/strict-replies.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import type { DatabaseHandle } from "../db/client";
import { pupils } from "../db/schema";
import { Board } from "../contracts/safety";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { TestClient } from "../test/http-client";
import { openDbAndServer } from "../test/db-and-server";
import type { TestServer } from "../test/test-server";
import { declaresReply } from "./server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
let head: TestClient;
let pupilId: string;

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T09:00:00Z")));
  const schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  const s = await buildStaff(db, schoolId, ["headteacher", "dsl", "attendance_lead"]);
  head = new TestClient(server.url);
  expect((await head.login(s.email, TEST_PASSWORD)).status).toBe(200);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000009", firstName: "Łucja", lastName: "Nowak", addressLine1: "1 Mill Lane", postcode: "UB10 0AA" }).returning();
  pupilId = p!.id;
});
afterAll(async () => close?.());

describe("every route declares its answer", () => {
  it("a JSON route names the schema of a 2xx answer; a file or stream names its type; anything else does not count", () => {
    expect(declaresReply({ response: { 200: {} } })).toBe(true);
    expect(declaresReply({ response: { 201: {} } })).toBe(true);
    expect(declaresReply({ produces: ["application/pdf"] })).toBe(true);
    expect(declaresReply({ response: { 400: {} } })).toBe(false);
    expect(declaresReply({ produces: [] })).toBe(false);
    expect(declaresReply({})).toBe(false);
    expect(declaresReply(undefined)).toBe(false);
  });

  it("the OpenAPI document gives every JSON route's 2xx answer a schema (the server refuses to start otherwise), and only files and streams go without", () => {
    const spec = server.app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }>; produces?: string[] }>> };
    const undeclared: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const json = Object.entries(op.responses ?? {}).some(([code, r]) => code.startsWith("2") && r.content !== undefined);
        if (!json && !(op.produces ?? []).length) undeclared.push(`${method.toUpperCase()} ${path}`);
      }
    }
    // OpenAPI 3 has no `produces`: these are the routes that answer a file, a feed or a stream, and said so,
    // and the two legs of single sign-on, which answer only a redirect (303, declared).
    expect(undeclared.sort()).toEqual(
      [
        "GET /api/auth/sso/callback",
        "GET /api/auth/sso/{schoolSlugOrId}/start",
        "GET /api/board/stream",
        "GET /api/calendar-feed/{token}",
        "GET /api/documents/{documentId}/pdf",
        "GET /api/families/policy/{familyPolicyId}/pdf",
        "GET /api/governors/report.pdf",
        "GET /api/hand-off/{entity}/{entityId}",
        "GET /api/statutory/returns/form.csv",
        "GET /api/statutory/returns/form.pdf",
        "GET /api/subject-access/{requestId}/export.pdf",
        "GET /api/today/stream",
        "GET /api/trust/figures.pdf",
        "GET /api/visits/called-cards.pdf",
        "GET /api/visits/list.pdf",
      ].sort(),
    );
    expect(server.app.apiRoutes.length).toBeGreaterThan(80);
  });
});

describe("answers keep to their schemas, strictly", () => {
  it("the planning, records and pupil pages' reads and a proposed visit answer inside their schemas", async () => {
    const proposed = await head.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "safe_and_well", date: "2026-11-24" });
    expect(proposed.status).toBe(201);
    const paths = [
      "/api/visits",
      `/api/visits/${proposed.body.id}`,
      "/api/visits/staff-options",
      "/api/notifications",
      "/api/staff/records",
      "/api/concerns",
      "/api/my/concerns",
      "/api/referrals",
      "/api/agreements",
      "/api/visit-records",
      "/api/incidents",
      `/api/pupils/${pupilId}/record`,
      `/api/visits/${proposed.body.id}/report`,
    ];
    const familyLink = await head.request("GET", "/api/policy/family-link");
    expect(familyLink.status).toBe(200);
    paths.push(`/api${familyLink.body.path}`);
    for (const path of paths) expect((await head.request("GET", path)).status, path).toBe(200);
    expect(server.replies.outside).toEqual([]);
    expect([...server.replies.seen]).toEqual(expect.arrayContaining(["POST /api/visits", "GET /api/visits/:visitId", "GET /api/pupils/:pupilId/record", "GET /api/staff/records"]));
  });

  it("the office board, JSON built by the database and sent as text, matches its schema exactly", async () => {
    const r = await head.request("GET", "/api/board");
    expect(r.status).toBe(200);
    const parsed = Board.parse(r.body);
    expect(isDeepStrictEqual(parsed, r.body)).toBe(true);
  });
});
