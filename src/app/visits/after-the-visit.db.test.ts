/**
 * After the visit, through the real API with a real SMTP listener: nobody home
 * produces a card PDF; a concern reaches the DSL's inbox and not the visitor's;
 * a "child seen" report removes the eyes-on action the next morning; a report
 * cannot be edited, only added to; the visit list and letters read back right.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { familyContacts, pupils, visitTeam } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { startSmtpListener } from "../../test/smtp-listener";
import { pdfText } from "../../test/pdf-text";
import { qrCodesOf } from "../../test/pdf-qr";
import { importMarks, streamOf } from "../attendance/import-marks";

let db: DatabaseHandle;
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
const c: Record<string, TestClient> = {};
const emails: Record<string, string> = {};
const ids: Record<string, string> = {};
let schoolId: string;
let pupilId: string;
let visitId: string;

async function as(name: string, roles: string[]) {
  const s = await buildStaff(db, schoolId, roles as never, `${name}@school.example`);
  ids[name] = s.id;
  emails[name] = s.email;
  c[name] = new TestClient(server.url);
  await c[name]!.login(s.email, TEST_PASSWORD);
}

async function pdfBytes(client: TestClient, path: string) {
  const res = await fetch(server.url + path, { headers: { cookie: (client as unknown as { cookie: string }).cookie } });
  expect(res.headers.get("content-type")).toMatch(/application\/pdf/);
  return Buffer.from(await res.arrayBuffer());
}

async function pdf(client: TestClient, path: string) {
  // Joined into one line: where a sentence wraps depends on today's date, which the letter prints.
  return pdfText(await pdfBytes(client, path)).replace(/\s+/g, " ");
}

beforeAll(async () => {
  smtp = await startSmtpListener();
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SMTP_URL: smtp.url });
  schoolId = (await buildSchool(db, { name: "Burgh Test School", phone: "01632 960241", email: "office@burgh.example" })).id;
  await as("head", ["headteacher"]);
  await as("dsl", ["dsl"]);
  await as("visitor", ["visitor"]);
  await as("lead", ["attendance_lead"]);
  const [p] = await db.db.insert(pupils).values({ schoolId, upn: "A100000000001", firstName: "Łucja", lastName: "Nowak", addressLine1: "3 Station Road", town: "Burgh le Marsh", postcode: "PE24 5AA" }).returning();
  pupilId = p!.id;
  await db.db.insert(familyContacts).values({ schoolId, pupilId, name: "Siobhán Ó Ceallaigh", relationship: "Mother", parentalResponsibility: true, phone: "07700 900111", email: "siobhan@family.example" });
  // Present on 9 November, then unexplained absence: Day 6 unseen on 17 November.
  const lines = ["upn,date,session,code", "A100000000001,2026-11-09,AM,/"];
  for (const d of ["10", "11", "12", "13", "16", "17", "18"]) lines.push(`A100000000001,2026-11-${d},AM,N`);
  await importMarks(db, { userId: null, name: "t" }, { schoolIds: [schoolId] }, streamOf(lines.join("\n")), "csv");
  server.clock.now = new Date("2026-11-17T09:00:00Z");
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await smtp?.close();
});

const actionsOn = async (day: string) => (await c.lead!.request("GET", `/api/today?date=${day}`)).body.households.flatMap((h: any) => h.pupils.flatMap((p: any) => p.actions.map((a: any) => a.action)));

describe("after the visit", () => {
  it("an eyes-on visit where nobody is home produces a 'We called today' card", async () => {
    expect(await actionsOn("2026-11-17")).toContain("eyes_on_visit");
    visitId = (await c.lead!.request("POST", "/api/visits", { pupilIds: [pupilId], purpose: "eyes_on", date: "2026-11-17", answersAction: "eyes_on_visit" })).body.id;
    // The visitor goes out on it: a visitor reaches only the visits whose team they are on.
    await db.db.insert(visitTeam).values({ visitId, userId: ids.visitor! });
    const card = await c.visitor!.request("POST", `/api/visits/${visitId}/called-card`);
    expect(card.status, card.text).toBe(201);
    const text = await pdf(c.visitor!, `/api/documents/${card.body.documentIds[0]}/pdf`);
    expect(text).toContain("SORRY WE MISSED YOU!");
    expect(text).toContain("Łucja Nowak");
    expect(text).toContain("01632 960241");
  });

  it("a concern reaches the DSL's inbox, not the visitor's, and the visitor sees only that it was received", async () => {
    smtp.received.length = 0;
    const r = await c.visitor!.request("POST", "/api/concerns", { pupilId, visitId, summary: "Bruise on the child's arm", details: "Seen at the door when the mother answered." });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ status: "received", notified: 1 });
    await expect.poll(() => smtp.received.length).toBe(1);
    expect(smtp.received[0]!.rcptTo).toEqual([emails.dsl]);
    expect(smtp.received[0]!.raw).not.toContain("Bruise");
    expect((await c.visitor!.request("GET", "/api/concerns")).status).toBe(403);
    expect((await c.visitor!.request("GET", "/api/my/concerns")).body.concerns[0]).toMatchObject({ status: "received by the DSL team" });
    const dslView = await c.dsl!.request("GET", "/api/concerns");
    expect(dslView.body.concerns[0]).toMatchObject({ summary: "Bruise on the child's arm", recordingSystem: "CPOMS" });
    expect((await c.visitor!.request("GET", `/api/pupils/${pupilId}/record`)).body.concerns).toBeNull();
    expect((await c.head!.request("GET", `/api/pupils/${pupilId}/record`)).body.concerns).toHaveLength(1);
  });

  it("a report with 'child seen' removes the eyes-on action the next morning, and cannot be edited", async () => {
    await db.db.execute(sql`update visits set state = 'under_way' where id = ${visitId}`);
    const report = {
      reason: "Day 6 without eyes on (burgh 6.3)",
      peoplePresent: "Mother, Łucja",
      summary: "Łucja was seen at the door, well and cheerful; mother says she has had a cold.",
      actionsAgreed: "Łucja back in school on Thursday.",
      followUpActions: "Call on Thursday if absent.",
      children: [{ pupilId, seen: true, outcome: "child_seen" }],
    };
    const r = await c.visitor!.request("POST", `/api/visits/${visitId}/report`, report);
    expect(r.status, r.text).toBe(201);
    expect(await actionsOn("2026-11-18")).not.toContain("eyes_on_visit");
    expect((await c.visitor!.request("POST", `/api/visits/${visitId}/report`, report)).status).toBe(409);
    const refused = await db.db.execute(sql`update visit_reports set summary = 'changed'`).then(() => "allowed", (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(refused).toMatch(/append-only/);
    await c.visitor!.request("POST", `/api/visits/${visitId}/report/addenda`, { text: "Mother rang on Thursday: Łucja is back." });
    const stored = (await c.visitor!.request("GET", `/api/visits/${visitId}/report`)).body.report;
    expect(stored.summary).toContain("well and cheerful");
    expect(stored.addenda).toHaveLength(1);
    expect(stored.children[0].attendance).toMatchObject({ sessionsMissed: 6 });
  });

  it("records a referral with who decided it", async () => {
    const r = await c.dsl!.request("POST", "/api/referrals", { pupilId, kind: "police_welfare_check", reason: "Injury seen at the door" });
    expect(r.status).toBe(201);
    expect((await c.dsl!.request("GET", `/api/referrals?pupilId=${pupilId}`)).body.referrals[0]).toMatchObject({ kind: "police_welfare_check", decidedName: expect.any(String) });
  });

  it("an agreement not kept adds a note and a reminder letter; not kept again proposes a follow-up visit", async () => {
    const a = await c.lead!.request("POST", "/api/agreements", { pupilId, visitId, terms: "Łucja will be in school by 8:45 every day.", agreedWith: "Siobhán Ó Ceallaigh", reviewOn: "2026-12-01" });
    expect(a.status, a.text).toBe(201);
    smtp.received.length = 0;
    const first = await c.lead!.request("POST", `/api/agreements/${a.body.id}/review`, { kept: false, note: "Late four days out of five" });
    expect(first.body).toMatchObject({ status: "not_kept", noteAdded: true, followUpVisitId: null });
    expect(first.body.reminderLetter.queuedTo).toEqual(["siobhan@family.example"]);
    // Sent by the outbox just after the answer, with the letter attached.
    await expect.poll(() => smtp.received.filter((m) => m.rcptTo.includes("siobhan@family.example")).length).toBe(1);
    expect(smtp.received.find((m) => m.rcptTo.includes("siobhan@family.example"))!.raw).toMatch(/filename="?reminder\.pdf/);
    const letter = await pdf(c.lead!, `/api/documents/${first.body.reminderLetter.documentId}/pdf`);
    expect(letter).toContain("Siobhán Ó Ceallaigh");
    expect(letter).toContain("8:45 every day");
    // The letter carries the family's reply link and its QR code (issue 18), as the card does; the email's words too.
    const qr = qrCodesOf(await pdfBytes(c.lead!, `/api/documents/${first.body.reminderLetter.documentId}/pdf`));
    expect(qr[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]{43}$/);
    expect(smtp.received.find((m) => m.rcptTo.includes("siobhan@family.example"))!.raw.replace(/=\r?\n/g, "")).toContain(qr[0]!.split("/r/")[1]);
    const opened = await new TestClient(server.url).request("GET", `/api/reply/${qr[0]!.split("/r/")[1]}`);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body.firstName).toBe("Łucja");
    const second = await c.lead!.request("POST", `/api/agreements/${a.body.id}/review`, { kept: false });
    expect(second.body.followUpVisitId).toEqual(expect.any(String));
    const record = (await c.lead!.request("GET", `/api/pupils/${pupilId}/record`)).body;
    expect(record.notes[0].text).toMatch(/Agreement not kept/);
    expect(record.documents.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(["reminder_letter", "called_card"]));
  });
});
