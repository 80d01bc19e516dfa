/**
 * The pupil record gathers a referral's reason, a visit report's summary and
 * safeguarding concerns on one page. Each role must see there exactly what the
 * field's own route would show it (src/domain/people/need-to-know.ts): every
 * role, every field, through the real API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { pupils, referrals, visitPupils, visitReports, visits, visitTeam } from "../../../db/schema";
import { ROLES, type Role } from "../../../domain/people/roles";
import { mayRead, SENSITIVE_FIELDS, type SensitiveField } from "../../../domain/people/need-to-know";
import { accessFor } from "../../access";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";

const SECRET: Record<SensitiveField, string> = {
  referral: "Referred to children's social care: injuries reported by a neighbour",
  visitReportSummary: "Mother said the child is kept home to care for a sibling",
  concern: "Child flinched when the father raised his voice",
};
/** The route that serves each field in full: the record must not be wider than it. */
const FIELD_ROUTE: Record<SensitiveField, string> = { referral: "GET /api/referrals", visitReportSummary: "GET /api/visits/:visitId/report", concern: "GET /api/concerns" };

let db: DatabaseHandle;
let server: TestServer;
let pupilId: string;
const client = {} as Record<Role, TestClient>;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date("2026-11-17T09:00:00Z");
  const schoolId = (await buildSchool(db)).id;
  const staff = {} as Record<Role, { id: string }>;
  for (const role of ROLES) {
    const s = await buildStaff(db, schoolId, [role]);
    staff[role] = s;
    client[role] = new TestClient(server.url);
    expect((await client[role].login(s.email, TEST_PASSWORD)).status).toBe(200);
  }
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000009", firstName: "Ada", lastName: "Pike", addressLine1: "1 Mill Lane", town: "Burgh" }).returning();
  pupilId = p!.id;
  const [v] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "completed", day: "2026-11-16" }).returning();
  await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId });
  // The visitor and the office went out on it: otherwise the child is outside their reach
  // (src/domain/people/visit-reach.ts; visit-reach.db.test.ts covers those who were not).
  await db.db.insert(visitTeam).values([{ visitId: v!.id, userId: staff.visitor.id }, { visitId: v!.id, userId: staff.office.id }]);
  const dsl = staff.dsl.id;
  await db.db.insert(visitReports).values({
    visitId: v!.id, schoolId, reason: "Absent 5 days", peoplePresent: "Mother", summary: SECRET.visitReportSummary, actionsAgreed: "", followUpActions: "",
    children: [], staffPresent: [], completedBy: dsl, completedName: "Test dsl", completedRole: "dsl", completedOn: "2026-11-16", submittedAt: new Date("2026-11-16T15:00:00Z"),
  });
  await db.db.insert(referrals).values({ schoolId, pupilId, kind: "safeguarding", openedOn: "2026-11-16", decidedBy: dsl, decidedName: "Test dsl", reason: SECRET.referral, outcome: "Strategy meeting held" });
  const r = await client.visitor.request("POST", "/api/concerns", { pupilId, summary: "Flinching", details: SECRET.concern });
  expect(r.status, r.text).toBe(201);
}, 180_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("who sees what in the pupil record", () => {
  it("each field's readers are those its own route admits", () => {
    for (const field of SENSITIVE_FIELDS)
      for (const role of ROLES) {
        const access = accessFor(...(FIELD_ROUTE[field].split(" ") as [string, string]));
        expect(access?.kind === "roles" && access.roles.includes(role), `${role} / ${field}`).toBe(mayRead(field, [role]));
      }
  });

  const cases = ROLES.flatMap((role) => SENSITIVE_FIELDS.map((field) => ({ role, field, sees: mayRead(field, [role]) })));
  it.each(cases)("$role reads $field in the record: $sees", async ({ role, field, sees }) => {
    const r = await client[role].request("GET", `/api/pupils/${pupilId}/record`);
    if (r.status === 403) {
      expect(sees).toBe(false);
      return;
    }
    expect(r.status, r.text).toBe(200);
    expect(r.text.includes(SECRET[field]), r.text).toBe(sees);
    if (field === "referral") {
      expect(r.body.referrals).toHaveLength(sees ? 1 : 0);
      expect(r.body.referralsWithheld).toBe(sees ? 0 : 1);
      if (!sees) for (const leak of ["Strategy meeting", "safeguarding\""]) expect(JSON.stringify(r.body.referrals)).not.toContain(leak);
    }
  });

  it("the record refuses governors and business managers outright", async () => {
    for (const role of ["governor", "business_manager"] as const) expect((await client[role].request("GET", `/api/pupils/${pupilId}/record`)).status).toBe(403);
  });
});
