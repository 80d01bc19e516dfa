/**
 * Admission dates, deletion returns and CSV returns through the real server
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL): a pupil imported with an
 * admission date has a new pupil return on Today by the fifth school day; the
 * national pack takes it as CSV, filled from the record with the missing
 * fields named; a deletion ground recorded makes a deletion return owed; 20
 * school days' unauthorised absence opens the whereabouts-unknown ground, whose
 * return cannot be submitted until a joint enquiry with the LA is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, pupils } from "../../../db/schema";
import { SchoolCalendar } from "../../../domain/attendance/school-calendar";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";
import { pdfText } from "../../../test/pdf-text";

const TODAY = "2026-12-04";
let db: DatabaseHandle;
let server: TestServer;
let lead: TestClient;
let visitor: TestClient;
let office: TestClient;
const ids: Record<string, string> = {};

interface Duty {
  duty: string;
  dueOn: string;
  episodeKey: string;
  deletion: { ground: string; needsJointEnquiries: boolean } | null;
  form: { ownerRole: string; sendBy: string } | null;
  pupil: { id: string };
}
const law = async (c: TestClient = lead) => {
  const r = await c.request("GET", `/api/today?date=${TODAY}`);
  expect(r.status, r.text).toBe(200);
  return (r.body.law as { duties: Duty[] }).duties;
};
const get = async (c: TestClient, path: string) => {
  const res = await fetch(server.url + path, { headers: { cookie: (c as unknown as { cookie: string }).cookie } });
  return { status: res.status, type: res.headers.get("content-type"), missing: res.headers.get("x-missing-fields"), body: Buffer.from(await res.arrayBuffer()) };
};
const keyOf = (pupilId: string, duty: string, episodeKey: string) => new URLSearchParams({ pupilId, duty, episodeKey, day: TODAY }).toString();

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date(`${TODAY}T09:00:00Z`);
  const school = await buildSchool(db);
  lead = new TestClient(server.url);
  await lead.login((await buildStaff(db, school.id, ["attendance_lead"])).email, TEST_PASSWORD);
  office = new TestClient(server.url);
  await office.login((await buildStaff(db, school.id, ["office"])).email, TEST_PASSWORD);
  visitor = new TestClient(server.url);
  await visitor.login((await buildStaff(db, school.id, ["visitor"])).email, TEST_PASSWORD);

  const roll = [
    "upn,first_name,last_name,date_of_birth,year_group,address,postcode,admission date,contact_name,contact_relationship,parental_responsibility",
    "R100000000001,Ada,Łukasiewicz,2018-05-01,3,2 Mill Row,SK1 2BB,01/12/2026,Maria Łukasiewicz,Mother,yes",
    "F100000000002,Ben,Okafor,2017-02-11,4,3 Mill Row,SK1 2BB,,,,",
    "V100000000003,Cara,Ó Ceallaigh,2016-07-21,5,4 Mill Row,SK1 2BB,2025-09-03,,,",
  ];
  const imported = await lead.request("POST", "/api/imports/pupils", undefined, { headers: { "content-type": "text/csv" }, rawBody: `${roll.join("\n")}\n` });
  expect(imported.status, imported.text).toBe(200);
  for (const p of await db.db.select().from(pupils).where(eq(pupils.schoolId, school.id))) ids[p.firstName] = p.id;

  // Cara: present, then unauthorised (O) on the last 20 school days.
  const calendar = new SchoolCalendar();
  const last20 = new Set(calendar.lastSchoolDays(TODAY, 20));
  const lines = ["upn,date,session,code"];
  for (const d of calendar.schoolDaysBetween("2026-09-07", TODAY)) {
    for (const s of ["AM", "PM"]) lines.push(`V100000000003,${d},${s},${last20.has(d) ? "O" : "/"}`);
  }
  const marks = await lead.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: `${lines.join("\n")}\n` });
  expect(marks.status, marks.text).toBe(200);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("a new pupil return from the admission date imported", () => {
  it("keeps the admission date from the CSV column and refuses one that is not a date, naming the column", async () => {
    const admitted = async () => (await db.db.select().from(pupils).where(eq(pupils.id, ids.Ada!)))[0]!.admittedOn;
    expect(await admitted()).toBe("2026-12-01");
    // A file without the column keeps the date held.
    const again = await lead.request("POST", "/api/imports/pupils", undefined, { headers: { "content-type": "text/csv" }, rawBody: "upn,first_name,last_name,date_of_birth,year_group,address,postcode,contact_name,contact_relationship,parental_responsibility\nR100000000001,Ada,Łukasiewicz,2018-05-01,3,2 Mill Row,SK1 2BB,Maria Łukasiewicz,Mother,yes\n" });
    expect(again.status, again.text).toBe(200);
    expect(await admitted()).toBe("2026-12-01");
    const bad = await lead.request("POST", "/api/imports/pupils", undefined, { headers: { "content-type": "text/csv" }, rawBody: "upn,first_name,last_name,admission_date\nR100000000001,Ada,Łukasiewicz,soon\n" });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("line 2, column admission_date");
  });

  it("is on Today by the end of the fifth school day after joining, owned by the office, sent as CSV; not for last year's joiner", async () => {
    const duties = await law();
    const ret = duties.find((d) => d.duty === "new_pupil_return" && d.pupil.id === ids.Ada);
    expect(ret).toMatchObject({ dueOn: "2026-12-08", episodeKey: "joined:2026-12-01", form: { ownerRole: "office", sendBy: "csv" } });
    expect(duties.filter((d) => d.duty === "new_pupil_return").map((d) => d.pupil.id)).toEqual([ids.Ada]);
    // The office owns it, so sees it though Ada is on no list the office works from, and reaches her for it alone.
    expect((await law(office)).filter((d) => d.pupil.id === ids.Ada).map((d) => d.duty)).toEqual(["new_pupil_return"]);
    expect((await get(office, `/api/statutory/returns/form.csv?${keyOf(ids.Ada!, "new_pupil_return", "joined:2026-12-01")}`)).status).toBe(200);
    expect((await get(office, `/api/pupils/${ids.Ada}`)).status).toBe(404);
  });

  it("downloads as CSV: the pack's fields as header, one row from the record, the missing fields empty and named", async () => {
    const r = await get(lead, `/api/statutory/returns/form.csv?${keyOf(ids.Ada!, "new_pupil_return", "joined:2026-12-01")}`);
    expect(r.status, r.body.toString()).toBe(200);
    expect(r.type).toMatch(/^text\/csv/);
    const [head, row] = parse(r.body.toString("utf8")) as string[][];
    const cell = (label: string) => row![head!.indexOf(label)];
    expect(head).toContain("Unique pupil number (UPN)");
    expect(cell("Pupil's name")).toBe("Ada Łukasiewicz");
    expect(cell("Date added to the admission register")).toBe("2026-12-01");
    expect(cell("Parent/carer")).toBe("Maria Łukasiewicz (Mother)");
    expect(cell("Previous school")).toBe("");
    expect(r.missing).toBe("previous_school");
    // The PDF path is still there for the same return.
    expect((await get(lead, `/api/statutory/returns/form.pdf?${keyOf(ids.Ada!, "new_pupil_return", "joined:2026-12-01")}`)).status).toBe(200);
    expect((await get(visitor, `/api/statutory/returns/form.csv?${keyOf(ids.Ada!, "new_pupil_return", "joined:2026-12-01")}`)).status).toBe(403);
  });
});

describe("a deletion return", () => {
  it("is owed once a ground is recorded as met (left for another school), audited, recorded once", async () => {
    const future = await lead.request("POST", "/api/statutory/deletion-grounds", { pupilId: ids.Ben, ground: "registered_elsewhere", metOn: "2026-12-07" });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe("metOn");
    const byRegister = await lead.request("POST", "/api/statutory/deletion-grounds", { pupilId: ids.Ben, ground: "whereabouts_unknown", metOn: TODAY });
    expect(byRegister.status).toBe(400);
    const r = await lead.request("POST", "/api/statutory/deletion-grounds", { pupilId: ids.Ben, ground: "registered_elsewhere", metOn: "2026-12-03", detail: "Fen Primary School" });
    expect(r.status, r.text).toBe(201);
    expect(r.body.episodeKey).toBe("deletion:registered_elsewhere:2026-12-03");
    expect((await lead.request("POST", "/api/statutory/deletion-grounds", { pupilId: ids.Ben, ground: "registered_elsewhere", metOn: "2026-12-03" })).status).toBe(409);
    expect(await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "deletion_ground_recorded"), eq(auditEvents.entityId, r.body.id)))).toHaveLength(1);
    const ret = (await law()).find((d) => d.duty === "deletion_return" && d.pupil.id === ids.Ben);
    expect(ret).toMatchObject({ dueOn: "2026-12-03", deletion: { ground: "registered_elsewhere", needsJointEnquiries: false }, form: { sendBy: "csv" } });
    const csv = await get(lead, `/api/statutory/returns/form.csv?${keyOf(ids.Ben!, "deletion_return", ret!.episodeKey)}`);
    const [head, row] = parse(csv.body.toString("utf8")) as string[][];
    expect(row![head!.indexOf("New school or destination")]).toBe("Fen Primary School");
    expect(row![head!.indexOf("Ground for deletion (PRR 2024 reg 9)")]).toMatch(/registered as a pupil at another school/);
    const sent = await lead.request("POST", "/api/statutory/returns", { pupilId: ids.Ben, duty: "deletion_return", episodeKey: ret!.episodeKey, day: TODAY, how: "csv_upload" });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({ dueOn: "2026-12-03", late: true });
  });

  it("at 20 school days' unauthorised absence, whereabouts unknown: not complete until a joint enquiry with the LA is recorded (who, when, what)", async () => {
    const ret = (await law()).find((d) => d.duty === "deletion_return" && d.pupil.id === ids.Cara);
    expect(ret).toMatchObject({ dueOn: TODAY, deletion: { ground: "whereabouts_unknown", needsJointEnquiries: true } });
    const submit = () => lead.request("POST", "/api/statutory/returns", { pupilId: ids.Cara, duty: "deletion_return", episodeKey: ret!.episodeKey, day: TODAY, how: "email" });
    const early = await submit();
    expect(early.status).toBe(400);
    expect(early.body.field).toBe("jointEnquiries");
    expect(early.body.message).toMatch(/jointly with the local authority/);
    const before = await get(lead, `/api/statutory/returns/form.csv?${keyOf(ids.Cara!, "deletion_return", ret!.episodeKey)}`);
    expect(before.missing).toContain("joint_enquiries_with_la");

    const vague = await lead.request("POST", "/api/statutory/joint-enquiries", { pupilId: ids.Cara, episodeKey: ret!.episodeKey, laOfficer: "", madeOn: "2026-12-02", what: "x" });
    expect(vague.status).toBe(400);
    const enquiry = await lead.request("POST", "/api/statutory/joint-enquiries", { pupilId: ids.Cara, episodeKey: ret!.episodeKey, laOfficer: "Sam Patel, CME officer", madeOn: "2026-12-02", what: "Visited together; neighbours say the family moved away" });
    expect(enquiry.status, enquiry.text).toBe(201);
    expect(await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "la_joint_enquiry_recorded"), eq(auditEvents.entityId, enquiry.body.id)))).toHaveLength(1);
    const pdf = await get(lead, `/api/statutory/returns/form.pdf?${keyOf(ids.Cara!, "deletion_return", ret!.episodeKey)}`);
    expect(pdfText(pdf.body)).toMatch(/2026-12-02 Sam Patel, CME officer: Visited together/);
    expect(pdf.missing).not.toContain("joint_enquiries_with_la");

    expect((await submit()).status).toBe(201);
    expect((await law()).filter((d) => d.duty === "deletion_return")).toEqual([]);
  });
});

describe("overdue returns on the compliance pages", () => {
  const RANGE = "from=2026-11-02&to=2026-12-04";
  it("counts per kind the returns due in the range not submitted by their due date: late, or not at all", async () => {
    // Ben's name left the register when his deletion return was due: he still counts.
    await db.db.update(pupils).set({ leftOn: "2026-12-03" }).where(eq(pupils.id, ids.Ben!));
    const r = await lead.request("GET", `/api/compliance?${RANGE}`);
    expect(r.status, r.text).toBe(200);
    const byDuty = Object.fromEntries((r.body.returns as { duty: string }[]).map((x) => [x.duty, x]));
    // Cara's 10-day return fell due on her 10th day and was never sent.
    expect(byDuty.ten_day_return).toEqual({ duty: "ten_day_return", due: 1, submittedOnTime: 0, submittedLate: 0, notSubmitted: 1, overdue: 1 });
    // Ben's was sent the day after its due date; Cara's on the day.
    expect(byDuty.deletion_return).toEqual({ duty: "deletion_return", due: 2, submittedOnTime: 1, submittedLate: 1, notSubmitted: 0, overdue: 1 });
    // Ada's is due on 8 December: not yet due.
    expect(byDuty.new_pupil_return).toMatchObject({ due: 0, overdue: 0 });
  });

  it("are a section of the figures, the same for the head's page and, as counts only, the governors' report", async () => {
    const figures = await lead.request("GET", `/api/figures?${RANGE}`);
    expect(figures.status, figures.text).toBe(200);
    const section = (figures.body.sections as { heading: string; table: { rows: string[][] } }[]).find((s) => s.heading === "Returns to the local authority");
    expect(section!.table.rows).toContainEqual(["Deletion return", "2", "1", "1", "0", "1"]);
    const governor = new TestClient(server.url);
    const [school] = await db.db.select({ schoolId: pupils.schoolId }).from(pupils).where(eq(pupils.id, ids.Ada!));
    await governor.login((await buildStaff(db, school!.schoolId, ["governor"])).email, TEST_PASSWORD);
    const report = await governor.request("GET", `/api/governors/report?${RANGE}`);
    expect(report.status, report.text).toBe(200);
    const counted = (report.body.sections as { heading: string; table: { rows: string[][] } }[]).find((s) => s.heading === "Returns to the local authority");
    expect(counted!.table.rows).toContainEqual(["Deletion return", "fewer than 5", "fewer than 5", "fewer than 5", "0", "fewer than 5"]);
  });
});
