/**
 * The law beneath the policy, through the real server (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL): a pupil at 10 school days of unauthorised absence
 * has a 10-day return on Today, due today, for the school's LA pack; its form is
 * filled from the record with the missing fields named; once marked submitted
 * (audited) it leaves Today. A penalty consideration is answered by a decision
 * with its notice-to-improve window; notices are counted per parent per child.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, familyContacts, pupils } from "../../../db/schema";
import { SchoolCalendar } from "../../../domain/attendance/school-calendar";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";
import { pdfText } from "../../../test/pdf-text";

const TODAY = "2026-11-18";
let db: DatabaseHandle;
let server: TestServer;
let lead: TestClient;
let visitor: TestClient;
let head: TestClient;
let lucja: string;
let zoe: string;
let otherSchoolPupil: string;

interface Duty {
  duty: string;
  source: string;
  regulation: string;
  dueOn: string;
  episodeKey: string;
  overdue: boolean;
  noticeToImprove: { start: string; end: string } | null;
  form: { ownerRole: string; title: string } | null;
  pupil: { id: string };
}
const law = async (c: TestClient = lead) => {
  const r = await c.request("GET", `/api/today?date=${TODAY}`);
  expect(r.status, r.text).toBe(200);
  return r.body.law as { pack: { id: string }; duties: Duty[] };
};

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date(`${TODAY}T09:00:00Z`);
  const school = await buildSchool(db, { laPackId: "stockport" });
  const other = await buildSchool(db);
  const rows = await db.db
    .insert(pupils)
    .values([
      { schoolId: school.id, upn: "L100000000001", firstName: "Łucja", lastName: "Nowak", dateOfBirth: "2017-04-02", yearGroup: "4", householdKey: "h1", addressLine1: "1 Lane", town: "Stockport", postcode: "SK1 1AA" },
      { schoolId: school.id, upn: "L100000000002", firstName: "Zoë", lastName: "Brontë", householdKey: "h1", addressLine1: "1 Lane" },
    ])
    .returning();
  [lucja, zoe] = [rows[0]!.id, rows[1]!.id];
  const [o] = await db.db.insert(pupils).values({ schoolId: other.id, upn: "L100000000009", firstName: "Far", lastName: "Away" }).returning();
  otherSchoolPupil = o!.id;
  await db.db.insert(familyContacts).values({ schoolId: school.id, pupilId: lucja, name: "Siobhán Ó Ceallaigh", relationship: "Mother", parentalResponsibility: true, phone: "07700 900123" });

  lead = new TestClient(server.url);
  await lead.login((await buildStaff(db, school.id, ["attendance_lead"])).email, TEST_PASSWORD);
  visitor = new TestClient(server.url);
  await visitor.login((await buildStaff(db, school.id, ["visitor"])).email, TEST_PASSWORD);
  head = new TestClient(server.url);
  await head.login((await buildStaff(db, school.id, ["headteacher"])).email, TEST_PASSWORD);

  // Łucja: present, then unauthorised (O, today N) on the last 10 school days. Zoë: one morning O a week for 10 weeks.
  const calendar = new SchoolCalendar();
  const days = calendar.schoolDaysBetween("2026-09-07", TODAY);
  const last10 = new Set(calendar.lastSchoolDays(TODAY, 10));
  const lines = ["upn,date,session,code"];
  days.forEach((d, i) => {
    const code = last10.has(d) ? (d === TODAY ? "N" : "O") : "/";
    lines.push(`L100000000001,${d},AM,${code}`);
    if (d !== TODAY) lines.push(`L100000000001,${d},PM,${code}`);
    lines.push(`L100000000002,${d},AM,${i % 4 === 0 && d >= "2026-09-21" ? "O" : "/"}`);
  });
  const r = await lead.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: `${lines.join("\n")}\n` });
  expect(r.status, r.text).toBe(200);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function pdf(c: TestClient, path: string) {
  const res = await fetch(server.url + path, { headers: { cookie: (c as unknown as { cookie: string }).cookie } });
  return { status: res.status, missing: res.headers.get("x-missing-fields"), text: res.status === 200 ? pdfText(Buffer.from(await res.arrayBuffer())) : await res.text() };
}

describe("a 10-day return", () => {
  let key: string;

  it("is on Today, due today, marked law, with its regulation and the LA's owner", async () => {
    const { pack, duties } = await law();
    expect(pack.id).toBe("stockport");
    const ret = duties.find((d) => d.duty === "ten_day_return" && d.pupil.id === lucja);
    expect(ret).toMatchObject({ source: "law", dueOn: TODAY, overdue: false, form: { ownerRole: "attendance_lead" } });
    expect(ret!.regulation).toMatch(/PRR 2024 reg 13/);
    expect(ret!.form!.title).toMatch(/Stockport/);
    key = ret!.episodeKey;
  });

  it("prints the Stockport form filled from the record, naming what the record lacks", async () => {
    const r = await pdf(lead, `/api/statutory/returns/form.pdf?pupilId=${lucja}&duty=ten_day_return&episodeKey=${encodeURIComponent(key)}`);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain("Łucja Nowak");
    expect(r.text).toContain("Siobhán Ó Ceallaigh");
    expect(r.text).toContain("Zoë Brontë");
    expect(r.text).toContain("Not yet submitted");
    expect(r.text).toMatch(/School contact .*Attendance lead/);
    expect(r.missing).toBe("lone_working_safety_issues");
    expect(r.text).toMatch(/Missing from the record \(1\): Any known safety issues for lone working staff/);
  });

  it("is not printed for a duty not owed, another school's pupil, or a role without the work", async () => {
    expect((await pdf(lead, `/api/statutory/returns/form.pdf?pupilId=${zoe}&duty=ten_day_return&episodeKey=${encodeURIComponent(key)}`)).status).toBe(404);
    expect((await pdf(lead, `/api/statutory/returns/form.pdf?pupilId=${otherSchoolPupil}&duty=ten_day_return&episodeKey=${encodeURIComponent(key)}`)).status).toBe(404);
    expect((await pdf(visitor, `/api/statutory/returns/form.pdf?pupilId=${lucja}&duty=ten_day_return&episodeKey=${encodeURIComponent(key)}`)).status).toBe(403);
  });

  it("once marked submitted (when, how, audited) leaves Today, and cannot be submitted twice", async () => {
    const future = await lead.request("POST", "/api/statutory/returns", { pupilId: lucja, duty: "ten_day_return", episodeKey: key, how: "email", submittedOn: "2026-11-19" });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe("submittedOn");
    // Two people marking it at once: one is recorded, the other told it was already submitted.
    const both = await Promise.all([
      lead.request("POST", "/api/statutory/returns", { pupilId: lucja, duty: "ten_day_return", episodeKey: key, how: "email", reference: "SEWS-42" }),
      head.request("POST", "/api/statutory/returns", { pupilId: lucja, duty: "ten_day_return", episodeKey: key, how: "post" }),
    ]);
    expect(both.map((b) => b.status).sort()).toEqual([201, 409]);
    const r = both.find((b) => b.status === 201)!;
    expect(r.body).toMatchObject({ submittedOn: TODAY, dueOn: TODAY, late: false });
    const audited = await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "statutory_return_submitted"), eq(auditEvents.entityId, r.body.id)));
    expect(audited).toHaveLength(1);
    expect((await law()).duties.filter((d) => d.duty === "ten_day_return")).toEqual([]);
    const again = await lead.request("POST", "/api/statutory/returns", { pupilId: lucja, duty: "ten_day_return", episodeKey: key, how: "post" });
    expect(again.status).toBe(409);
    const printed = await pdf(lead, `/api/statutory/returns/form.pdf?pupilId=${lucja}&duty=ten_day_return&episodeKey=${encodeURIComponent(key)}`);
    expect(printed.text).toMatch(both[0]!.status === 201 ? /Submitted on Wednesday 18 November 2026 by email, reference SEWS-42/ : /Submitted on Wednesday 18 November 2026 by post/);
  });
});

describe("penalty notices", () => {
  it("a consideration for 10 unauthorised sessions in 10 school weeks carries the notice-to-improve dates and leaves Today once decided", async () => {
    const before = (await law()).duties.find((d) => d.duty === "penalty_notice_consideration" && d.pupil.id === zoe);
    expect(before!.noticeToImprove).toEqual({ start: TODAY, end: "2026-12-16", weeks: 4 });
    const r = await head.request("POST", "/api/statutory/penalty-decisions", { pupilId: zoe, decision: "notice_to_improve", parentName: "Mr Brontë", reason: "First step under the framework" });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ windowStart: TODAY, windowEnd: "2026-12-16", amountPence: null });
    expect((await law()).duties.filter((d) => d.duty === "penalty_notice_consideration" && d.pupil.id === zoe)).toEqual([]);
  });

  it("counts notices per parent per child: £80/£160 first, £160 second, no third", async () => {
    const issue = () => head.request("POST", "/api/statutory/penalty-decisions", { pupilId: zoe, decision: "penalty_notice", parentName: "Mr Brontë", reason: "No improvement" });
    const first = await issue();
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ amountPence: 16000, payBy: "2026-12-16", noticesInThreeYears: 1 });
    expect((await issue()).body).toMatchObject({ amountPence: 16000, noticesInThreeYears: 2 });
    const third = await issue();
    expect(third.status).toBe(422);
    expect(third.body.message).toMatch(/other action/);
    const unnamed = await head.request("POST", "/api/statutory/penalty-decisions", { pupilId: zoe, decision: "penalty_notice", reason: "x" });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.field).toBe("parentName");
  });
});

it("the head chooses the school's LA pack; the visitor may not", async () => {
  expect((await visitor.request("PUT", "/api/statutory/pack", { laPackId: "hertfordshire" })).status).toBe(403);
  const r = await head.request("PUT", "/api/statutory/pack", { laPackId: "hertfordshire" });
  expect(r.status, r.text).toBe(200);
  expect((await law()).pack.id).toBe("hertfordshire");
  expect((await head.request("PUT", "/api/statutory/pack", { laPackId: "atlantis" })).status).toBe(400);
});
