/**
 * Letters from the school's templates, through the real API, read back from
 * the PDF: the "We called today" cards follow the card the head edited (else
 * the policy's wording, else Doorstep's); the templates come with the
 * placeholders each may use, and a placeholder a letter is not filled with is
 * refused; a reminder letter cites the school's own clause, or none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { eq } from "drizzle-orm";
import { pupils, schoolPolicies, visitPupils, visits } from "../../db/schema";
import type { PolicyId, PolicyTemplate } from "../../domain/policy";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { TestClient } from "../../test/http-client";
import { startTestServer, type TestServer } from "../../test/test-server";
import { pdfText } from "../../test/pdf-text";
import { longDate, longDay } from "./format";

let db: DatabaseHandle;
let server: TestServer;

interface TestSchool {
  id: string;
  head: TestClient;
  lead: TestClient;
  pupilId: string;
  visitId: string;
}
const school: Partial<Record<PolicyId, TestSchool>> = {};

/** One account holding both roles: the head edits the letters, the attendance lead sends them. */
async function signedIn(schoolId: string) {
  const s = await buildStaff(db, schoolId, ["headteacher", "attendance_lead"]);
  const client = new TestClient(server.url);
  expect((await client.login(s.email, TEST_PASSWORD)).status).toBe(200);
  return client;
}

async function addSchool(policy: PolicyId, phone: string | null, details: { address?: string } = {}): Promise<TestSchool> {
  const { id } = await buildSchool(db, { name: `${policy} Test School`, policyTemplateId: policy, phone, ...details });
  const [p] = await db.db.insert(pupils).values({ schoolId: id, upn: "A100000000001", firstName: "Łucja", lastName: "Nowak", addressLine1: "3 Station Road", town: "Burgh le Marsh" }).returning();
  const [v] = await db.db.insert(visits).values({ schoolId: id, purpose: "eyes_on", state: "planned", day: "2026-11-17", address: "3 Station Road, Burgh le Marsh", startsAt: new Date("2026-11-17T10:30:00Z") }).returning();
  await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId: p!.id });
  const staff = await signedIn(id);
  const added = { id, head: staff, lead: staff, pupilId: p!.id, visitId: v!.id };
  school[policy] ??= added;
  return added;
}

/** A PDF's text on one line: where a sentence wraps depends on the dates it prints. */
async function pdf(client: TestClient, path: string) {
  const res = await fetch(server.url + path, { headers: { cookie: (client as unknown as { cookie: string }).cookie } });
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/application\/pdf/);
  return pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, " ");
}

beforeAll(async () => {
  db = await openTestDatabase();
  // The clock jumps hours between steps that a person would take with requests in between: no idle sign-out here.
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SESSION_IDLE_MINUTES: "100000" });
  server.clock.now = new Date("2026-11-17T08:00:00Z");
  // Burgh words its card (Appendix B) and gives a number for it; Scargill has no card wording; Coteford provides for agreements (4.2-4.3).
  await addSchool("burgh", "01754 000000");
  await addSchool("scargill", "0114 234 5678");
  await addSchool("coteford", "01632 960500");
  // Three schools with their policies and sign-ins: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe("\"We called today\" cards", () => {
  it("follow the policy's wording until the head edits the card, then the school's own, for printed cards and cards left at the door", async () => {
    const burgh = school.burgh!;
    const before = await pdf(burgh.lead, "/api/visits/called-cards.pdf?date=2026-11-17");
    expect(before).toContain("SORRY WE MISSED YOU!");
    expect(before).toContain("Łucja Nowak");

    const saved = await burgh.head.request("PUT", "/api/letter-templates/called_card", {
      title: "We called to see {{child.name}}",
      body: "We came to {{visit.address}} on {{visit.date}} to see {{child.name}}. Please ring us on {{school.phone}} today.",
    });
    expect(saved.status, saved.text).toBe(200);

    const printed = await pdf(burgh.lead, "/api/visits/called-cards.pdf?date=2026-11-17");
    expect(printed).toContain("We called to see Łucja Nowak");
    // The school's own number, not one a seed policy once carried (Burgh's, 01754 810241).
    expect(printed).toContain(`We came to 3 Station Road, Burgh le Marsh on ${longDate("2026-11-17")} to see Łucja Nowak. Please ring us on 01754 000000 today.`);
    expect(printed).not.toContain("810241");
    expect(printed).not.toContain("SORRY WE MISSED YOU!");

    server.clock.now = new Date("2026-11-17T11:05:00Z");
    const left = await burgh.lead.request("POST", `/api/visits/${burgh.visitId}/called-card`);
    expect(left.status, left.text).toBe(201);
    const kept = await pdf(burgh.lead, `/api/documents/${left.body.documentIds[0]}/pdf`);
    expect(kept).toContain("We called to see Łucja Nowak");
    expect(kept).not.toContain("SORRY WE MISSED YOU!");
  });

  it("use Doorstep's default where the policy words no card and the head has not edited it", async () => {
    const text = await pdf(school.scargill!.lead, "/api/visits/called-cards.pdf?date=2026-11-17");
    expect(text).toContain("Sorry we missed you!");
    expect(text).toContain("We visited today as Łucja Nowak was absent from school. Please contact us as soon as possible on 0114 234 5678");
  });
});

describe("\"We called today\" cards and the school's own details", () => {
  const SEED_CONTACTS = ["01895 634206", "01754 810241", "burghschool.org.uk"];

  it("print the school's own number on a card worded by Coteford's policy", async () => {
    const text = await pdf(school.coteford!.lead, "/api/visits/called-cards.pdf?date=2026-11-17");
    expect(text).toContain("Please contact the school on: 01632 960500 to let us know you and your family are well.");
    expect(text).toContain("Phone: 01632 960500");
    for (const c of SEED_CONTACTS) expect(text).not.toContain(c);
  });

  it("leave a line to write the number on when the school has none recorded, never another school's", async () => {
    const noPhone = await addSchool("coteford", null, { address: "1 Orchard Way, Hillingdon" });
    const text = await pdf(noPhone.lead, "/api/visits/called-cards.pdf?date=2026-11-17");
    expect(text).toMatch(/Please contact the school on: _{10,} to let us know/);
    expect(text).toMatch(/Phone: _{10,}/);
    expect(text).toContain("Address: 1 Orchard Way, Hillingdon");
    expect(text).not.toContain("(not recorded)");
    for (const c of SEED_CONTACTS) expect(text).not.toContain(c);
  });

  it("print the school's own details even from a policy version adopted while the seeds carried Burgh's and Coteford's", async () => {
    const old = await addSchool("coteford", "01632 960777");
    const [current] = await db.db.select().from(schoolPolicies).where(eq(schoolPolicies.schoolId, old.id));
    const policy = current!.policy as PolicyTemplate;
    const legacy = {
      ...policy,
      calledCard: { ...policy.calledCard!, text: policy.calledCard!.text!.replace("{{school.phone}}", "01895 634206") },
      schoolContact: { phone: "01895 634206", email: null, clause: "coteford Appendix 3" },
    };
    await db.db.update(schoolPolicies).set({ policy: legacy }).where(eq(schoolPolicies.schoolId, old.id));
    const text = await pdf(old.lead, "/api/visits/called-cards.pdf?date=2026-11-17");
    expect(text).toContain("Please contact the school on: 01632 960777");
    for (const c of SEED_CONTACTS) expect(text).not.toContain(c);
  });
});

describe("letter templates", () => {
  it("come with the placeholders each may use, described, and refuse one a letter is not filled with", async () => {
    const burgh = school.burgh!;
    const r = await burgh.head.request("GET", "/api/letter-templates");
    expect(r.status, r.text).toBe(200);
    const byKind = Object.fromEntries(r.body.templates.map((t: { kind: string }) => [t.kind, t]));
    const names = (kind: string) => byKind[kind].placeholders.map((p: { name: string }) => p.name);
    expect(byKind.reminder_letter.placeholders).toContainEqual({ name: "agreement.terms", description: "what was agreed with the parent" });
    expect(names("reminder_letter")).toEqual(expect.arrayContaining(["parent.name", "attendance.percent", "clause"]));
    expect(names("cancellation_notice")).toEqual(expect.arrayContaining(["cancellation.reason", "visit.address"]));
    expect(names("cancellation_notice")).not.toContain("agreement.terms");
    expect(names("called_card")).toEqual(expect.arrayContaining(["child.name", "school.phone", "visit.date"]));
    expect(names("called_card")).not.toContain("attendance.percent");
    for (const t of r.body.templates) for (const p of t.placeholders) expect(p.description, `${t.kind} ${p.name}`).not.toBe("");
    // The card as it prints: the edited one here; Scargill's is Doorstep's default, not edited.
    expect(byKind.called_card).toMatchObject({ edited: true, title: "We called to see {{child.name}}" });
    const scargill = (await school.scargill!.head.request("GET", "/api/letter-templates")).body.templates.find((t: { kind: string }) => t.kind === "called_card");
    expect(scargill).toMatchObject({ edited: false, title: "Sorry we missed you!" });

    const wrong = await burgh.head.request("PUT", "/api/letter-templates/called_card", { title: "Sorry we missed you", body: "We agreed: {{agreement.terms}}" });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: "invalid_input", field: "body" });
    expect(wrong.body.message).toContain("{{agreement.terms}}");
    const unknown = await burgh.head.request("PUT", "/api/letter-templates/called_card", { title: "{{child.nmae}}", body: "We called." });
    expect(unknown.body).toMatchObject({ field: "title" });
    expect(unknown.body.message).toContain("{{child.nmae}} is not a placeholder");
  });
});

describe("an agreement not kept", () => {
  async function breach(s: TestSchool) {
    const a = await s.lead.request("POST", "/api/agreements", { pupilId: s.pupilId, terms: "Łucja will be in school by 8:45 every day.", agreedWith: "Siobhán Ó Ceallaigh", reviewOn: "2026-12-01" });
    expect(a.status, a.text).toBe(201);
    const review = await s.lead.request("POST", `/api/agreements/${a.body.id}/review`, { kept: false });
    expect(review.status, review.text).toBe(200);
    const letter = await pdf(s.lead, `/api/documents/${review.body.reminderLetter.documentId}/pdf`);
    const note = (await s.lead.request("GET", `/api/pupils/${s.pupilId}/record`)).body.notes[0].text as string;
    return { letter, note };
  }

  it("cites the school's own clause in the reminder letter and the note", async () => {
    const { letter, note } = await breach(school.coteford!);
    expect(letter).toContain("a note has been made on Łucja Nowak's attendance record (coteford 4.2, 4.3).");
    // The day it was agreed, by the school's clock (the test's), not the database's.
    expect(letter).toContain(`When we met on ${longDay(server.clock.now)} we agreed: Łucja will be in school by 8:45 every day.`);
    expect(note).toMatch(/\(coteford 4\.3\)$/);
  });

  it("cites no clause where the school's policy has no such provision, never another school's", async () => {
    const { letter, note } = await breach(school.burgh!);
    expect(letter).toContain("a note has been made on Łucja Nowak's attendance record.");
    expect(letter).not.toMatch(/coteford|transform-trust|attendance record \(/);
    expect(note).toContain("8:45 every day");
    expect(note).not.toMatch(/coteford|transform-trust|\(\s*\)/);
  });
});
