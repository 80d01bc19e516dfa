/**
 * Retention and subject access through the real server (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL). The head's retention page counts, by kind, exactly
 * what is past its period on the server's today; applying it deletes or
 * anonymises those rows in one transaction, keeps the append-only note history,
 * and audits kind and count, never the content; a second run changes nothing.
 * A subject access request is due one month after receipt; its export waits for
 * the DSL's decision on the concerns, which decides whether they are in it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, concernNoteVersions, contactAttempts, familyContacts, familyReplies, outboxMessages, pupils, registerMarks, safeguardingConcerns, sightings, visitRecords } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { startTestServer, type TestServer } from "../../../test/test-server";
import { pdfText } from "../../../test/pdf-text";
import { VISIT_RECORD_KIND_WORDS } from "../../../domain/words";

const TODAY = "2026-12-07";
let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;
let head: TestClient;
let dsl: TestClient;
let lead: TestClient;
let headId: string;
const ids = { lucja: "", zoe: "", nodob: "", siobhan: "", otherContact: "", oldConcern: "", newConcern: "" };

async function signIn(roles: Parameters<typeof buildStaff>[2]) {
  const s = await buildStaff(db, schoolId, roles);
  const client = new TestClient(server.url);
  expect((await client.login(s.email, TEST_PASSWORD)).status).toBe(200);
  return { client, id: s.id };
}

const retentionAudits = async () => db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), inArray(auditEvents.action, ["retention_deleted", "retention_anonymised", "retention_nothing_due"])));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000" });
  server.clock.now = new Date(`${TODAY}T10:00:00Z`);
  schoolId = (await buildSchool(db)).id;
  const h = await signIn(["headteacher"]);
  [head, headId] = [h.client, h.id];
  dsl = (await signIn(["dsl"])).client;
  lead = (await signIn(["attendance_lead"])).client;

  const rows = await db.db
    .insert(pupils)
    .values([
      // Born 1 March 2001: 25 on 1 March 2026, so her child-protection records are past their period.
      { schoolId, upn: "R100000000001", firstName: "Łucja", lastName: "Nowak", dateOfBirth: "2001-03-01" },
      { schoolId, upn: "R100000000002", firstName: "Zoë", lastName: "Brontë", dateOfBirth: "2017-04-02", addressLine1: "1 Lane", town: "Hull" },
      { schoolId, upn: "R100000000003", firstName: "Nobody", lastName: "Knows" },
    ])
    .returning();
  [ids.lucja, ids.zoe, ids.nodob] = rows.map((r) => r.id) as [string, string, string];
  const [siobhan, other] = await db.db
    .insert(familyContacts)
    .values([
      { schoolId, pupilId: ids.zoe, name: "Siobhán Ó Ceallaigh", relationship: "Mother", parentalResponsibility: true, phone: "07700900123" },
      { schoolId, pupilId: ids.lucja, name: "Adam Nowak", relationship: "Father" },
    ])
    .returning();
  [ids.siobhan, ids.otherContact] = [siobhan!.id, other!.id];

  // The register: kept six years from the entry, so 6 December 2020 is the last day past it today.
  await db.db.insert(registerMarks).values([
    { schoolId, pupilId: ids.zoe, day: "2020-12-04", session: "AM", code: "O" },
    { schoolId, pupilId: ids.zoe, day: "2020-12-04", session: "PM", code: "/" },
    { schoolId, pupilId: ids.zoe, day: "2020-12-07", session: "AM", code: "/" },
    { schoolId, pupilId: ids.zoe, day: "2026-12-01", session: "AM", code: "N" },
  ]);
  // The contact log: the academic year of the entry + 2 years, so 2023-24 ended 31 August 2026 and is past.
  const [oldText, newText] = await db.db
    .insert(outboxMessages)
    .values([
      { schoolId, kind: "family_text", channel: "sms", toPhone: "07700900123", subject: "", body: "Zoë was not in school today (old text)", status: "sent" },
      { schoolId, kind: "family_text", channel: "sms", toPhone: "07700900123", subject: "", body: "Zoë was not in school today (new text)", status: "sent" },
    ])
    .returning();
  const [oldCall, newCall] = await db.db
    .insert(contactAttempts)
    .values([
      { schoolId, pupilId: ids.zoe, day: "2024-05-01", method: "phone", reached: true, note: "Rang mum: poorly with a cold", recordedBy: headId, toAddress: "07700900123", messageId: oldText!.id },
      { schoolId, pupilId: ids.zoe, day: "2024-09-02", method: "text", reached: true, note: "Text to mum", recordedBy: headId, toAddress: "07700900123", messageId: newText!.id },
    ])
    .returning();
  await db.db.insert(familyReplies).values([
    { schoolId, pupilId: ids.zoe, source: "text", fromNumber: "07700900123", body: "She is at her nan's", receivedAt: new Date("2024-05-01T10:00:00Z"), contactAttemptId: oldCall!.id },
    { schoolId, pupilId: ids.zoe, source: "text", fromNumber: "07700900123", body: "Back Monday", receivedAt: new Date("2024-09-02T10:00:00Z"), contactAttemptId: newCall!.id },
  ]);
  await db.db.insert(sightings).values({ schoolId, pupilId: ids.zoe, day: "2023-10-01", seenBy: "Mrs Baker", note: "Seen at the shop", recordedBy: headId });
  const concerns = await db.db
    .insert(safeguardingConcerns)
    .values([
      { schoolId, pupilId: ids.lucja, summary: "Bruise on arm (old)", details: "Seen at the door in 2015", raisedBy: headId, raisedAt: new Date("2015-06-01T10:00:00Z"), recordingSystem: "CPOMS", dslNotes: "Spoke to social care" },
      { schoolId, pupilId: ids.zoe, summary: "Zoë said Siobhán Ó Ceallaigh shouts", details: "Told her teacher", raisedBy: headId, raisedAt: new Date("2026-11-01T10:00:00Z"), recordingSystem: "CPOMS" },
      { schoolId, pupilId: ids.nodob, summary: "No date of birth", details: "Kept until one is known", raisedBy: headId, raisedAt: new Date("2010-01-01T10:00:00Z"), recordingSystem: "CPOMS" },
    ])
    .returning();
  [ids.oldConcern, ids.newConcern] = [concerns[0]!.id, concerns[1]!.id];
  await db.db.insert(concernNoteVersions).values({ concernId: ids.oldConcern, schoolId, version: 1, dslNotes: "Spoke to social care", statusBefore: "received", status: "closed", writtenBy: headId, writtenName: "Test", writtenAt: new Date("2015-06-02T10:00:00Z") });
  const record = { schoolId, details: { what: "Parent complained" }, routedTo: ["headteacher"], routeClause: "burgh 5", recordedBy: headId, recordedName: "Test" };
  await db.db.insert(visitRecords).values([
    { ...record, kind: "complaint", pupilId: ids.zoe, occurredAt: new Date("2020-11-01T10:00:00Z") },
    { ...record, kind: "transport", pupilId: ids.zoe, occurredAt: new Date("2024-01-01T10:00:00Z") },
    { ...record, kind: "physical_intervention", pupilId: ids.lucja, occurredAt: new Date("2012-01-01T10:00:00Z") },
    // A complaint about the head goes to the governors: not the head's to read, nor to export.
    { ...record, kind: "complaint", pupilId: ids.zoe, occurredAt: new Date("2026-11-01T10:00:00Z"), routedTo: ["governor"], details: { what: "About the head" } },
  ]);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

type Due = { kind: string; due: number; kept: number; withoutDateOfBirth: number; latestAnchor: string };
const dueList = async () => {
  const r = await head.request("GET", "/api/retention");
  expect(r.status, r.text).toBe(200);
  return Object.fromEntries((r.body.kinds as Due[]).map((k) => [k.kind, k])) as Record<string, Due>;
};

describe("retention", () => {
  it("is the head's alone", async () => {
    expect((await dsl.request("GET", "/api/retention")).status).toBe(403);
    expect((await lead.request("POST", "/api/retention/apply", { kinds: ["register_marks"] })).status).toBe(403);
  });

  it("lists, by kind, exactly what has passed its period today", async () => {
    const due = await dueList();
    expect(due.register_marks).toMatchObject({ due: 2, latestAnchor: "2020-12-06" });
    // The old call, its reply and the sighting; the call of 2024-25 and its reply stay.
    expect(due.contact_log).toMatchObject({ due: 3, latestAnchor: "2024-08-31" });
    expect(due.safeguarding_concerns).toMatchObject({ due: 1, kept: 1, withoutDateOfBirth: 1, latestAnchor: "2001-12-06" });
    expect(due.physical_interventions).toMatchObject({ due: 1 });
    expect(due.complaints).toMatchObject({ due: 1 });
    expect(due.transport_records).toMatchObject({ due: 0 });
  });

  it("deletes or anonymises it on the head's say-so, in one go, keeping the note history, and audits counts, not content", async () => {
    const r = await head.request("POST", "/api/retention/apply", { kinds: ["register_marks", "contact_log", "safeguarding_concerns", "physical_interventions", "complaints", "transport_records"] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.results).toEqual([
      { kind: "register_marks", removed: 2, kept: 0 },
      { kind: "contact_log", removed: 3, kept: 0 },
      { kind: "safeguarding_concerns", removed: 1, kept: 1 },
      { kind: "physical_interventions", removed: 1, kept: 0 },
      { kind: "complaints", removed: 1, kept: 0 },
      { kind: "transport_records", removed: 0, kept: 0 },
    ]);
    expect((await db.db.select().from(registerMarks).where(eq(registerMarks.pupilId, ids.zoe))).map((m) => m.day).sort()).toEqual(["2020-12-07", "2026-12-01"]);
    expect((await db.db.select().from(contactAttempts).where(eq(contactAttempts.pupilId, ids.zoe))).map((c) => c.day)).toEqual(["2024-09-02"]);
    expect((await db.db.select().from(familyReplies).where(eq(familyReplies.pupilId, ids.zoe))).map((c) => c.body)).toEqual(["Back Monday"]);
    expect(await db.db.select().from(sightings).where(eq(sightings.pupilId, ids.zoe))).toEqual([]);
    expect((await db.db.select().from(outboxMessages).where(eq(outboxMessages.schoolId, schoolId))).map((m) => m.body)).toEqual(["Zoë was not in school today (new text)"]);
    const [old] = await db.db.select().from(safeguardingConcerns).where(eq(safeguardingConcerns.id, ids.oldConcern));
    expect(old).toMatchObject({ summary: "[anonymised: past its retention period]", details: "[anonymised: past its retention period]", dslNotes: null, anonymisedOn: TODAY });
    expect(await db.db.select().from(concernNoteVersions).where(eq(concernNoteVersions.concernId, ids.oldConcern))).toHaveLength(1);
    expect((await db.db.select().from(visitRecords).where(eq(visitRecords.schoolId, schoolId))).map((v) => v.kind).sort()).toEqual(["complaint", "transport"]);

    const audits = await retentionAudits();
    expect(audits.map((a) => [a.action, a.entityId, (a.after as { count: number }).count])).toEqual([
      ["retention_deleted", "register_marks", 2],
      ["retention_deleted", "contact_log", 3],
      ["retention_anonymised", "safeguarding_concerns", 1],
      ["retention_deleted", "physical_interventions", 1],
      ["retention_deleted", "complaints", 1],
    ]);
    expect(audits.every((a) => a.actorUserId === headId)).toBe(true);
    const trail = JSON.stringify(audits);
    for (const words of ["old text", "Rang mum", "nan's", "Bruise", "Spoke to social care", "Parent complained", "Seen at the shop"]) expect(trail).not.toContain(words);
  });

  it("changes nothing the second time, and the audit trail says it was asked", async () => {
    const before = await retentionAudits();
    const r = await head.request("POST", "/api/retention/apply", { kinds: ["register_marks", "contact_log", "safeguarding_concerns", "complaints"] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.results.map((x: { removed: number }) => x.removed)).toEqual([0, 0, 0, 0]);
    const after = await retentionAudits();
    expect(after.slice(before.length).map((a) => [a.action, a.after])).toEqual([["retention_nothing_due", { kinds: ["register_marks", "contact_log", "safeguarding_concerns", "complaints"], today: TODAY }]]);
    expect((await db.db.select().from(registerMarks).where(eq(registerMarks.pupilId, ids.zoe))).map((m) => m.day).sort()).toEqual(["2020-12-07", "2026-12-01"]);
    const due = await dueList();
    expect(Object.values(due).map((d) => d.due)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("subject access", () => {
  let requestId = "";

  it("records who asked and when, due one month later; only the head and DSL may", async () => {
    expect((await lead.request("POST", "/api/subject-access", { subjectKind: "pupil", pupilId: ids.zoe, requestedBy: "x", receivedOn: TODAY })).status).toBe(403);
    const r = await head.request("POST", "/api/subject-access", { subjectKind: "pupil", pupilId: ids.zoe, requestedBy: "Siobhán Ó Ceallaigh, mother, for Zoë, by letter", receivedOn: "2026-12-04" });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ pupilName: "Zoë Brontë", receivedOn: "2026-12-04", dueOn: "2027-01-04", concernsDecision: null });
    requestId = r.body.id;
    const wrong = await head.request("POST", "/api/subject-access", { subjectKind: "contact", pupilId: ids.zoe, contactId: ids.otherContact, requestedBy: "Adam", receivedOn: TODAY });
    expect(wrong.status).toBe(404);
    expect(wrong.body.field).toBe("contactId");
    const future = await head.request("POST", "/api/subject-access", { subjectKind: "pupil", pupilId: ids.zoe, requestedBy: "x", receivedOn: "2026-12-08" });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe("receivedOn");
  });

  it("waits for the DSL's decision on the concerns, which the head cannot make", async () => {
    const r = await head.request("GET", `/api/subject-access/${requestId}/export.json`);
    expect(r.status).toBe(409);
    expect(r.body.field).toBe("concernsDecision");
    expect((await head.request("PUT", `/api/subject-access/${requestId}/concerns`, { decision: "include", reason: "x" })).status).toBe(403);
  });

  it("withheld, the export holds everything else and says the concerns are not included", async () => {
    const d = await dsl.request("PUT", `/api/subject-access/${requestId}/concerns`, { decision: "withhold", reason: "Would put the child at risk of serious harm (DPA 2018 Sch. 3)" });
    expect(d.status, d.text).toBe(200);
    const r = await head.request("GET", `/api/subject-access/${requestId}/export.json`);
    expect(r.status, r.text).toBe(200);
    const sections = Object.fromEntries((r.body.sections as { key: string; rows: unknown[]; note: string | null }[]).map((s) => [s.key, s]));
    expect(sections.pupil!.rows).toEqual([expect.objectContaining({ firstName: "Zoë", lastName: "Brontë", dateOfBirth: "2017-04-02", address: "1 Lane, Hull" })]);
    expect(sections.register!.rows).toHaveLength(2);
    expect(sections.contact_log!.rows).toEqual([expect.objectContaining({ day: "2024-09-02", note: "Text to mum", text: "Zoë was not in school today (new text)" })]);
    expect(sections.concerns!.rows).toEqual([]);
    expect(sections.concerns!.note).toMatch(/Not included/);
    expect(sections.visit_records!.rows).toEqual([expect.objectContaining({ kind: VISIT_RECORD_KIND_WORDS.transport, details: "What was done: Parent complained" })]);
    expect(sections.visit_records!.note).toMatch(/sent only to other roles/);
    expect(r.text).not.toContain("About the head");
    expect(r.text).not.toContain("shouts");
    const pdf = await fetch(`${server.url}/api/subject-access/${requestId}/export.pdf`, { headers: head.authHeaders() });
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain("Subject access: Zoë Brontë");
    expect(text).toContain("Siobhán Ó Ceallaigh");
    expect(text).toContain("Text to mum");
    expect(text).not.toContain("shouts");
  });

  it("included, the concerns are in it; a parent's export holds what names them; every decision and export is audited", async () => {
    expect((await dsl.request("PUT", `/api/subject-access/${requestId}/concerns`, { decision: "include", reason: "No risk of harm" })).status).toBe(200);
    const r = await dsl.request("GET", `/api/subject-access/${requestId}/export.json`);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain("Zoë said Siobhán Ó Ceallaigh shouts");

    const c = await dsl.request("POST", "/api/subject-access", { subjectKind: "contact", pupilId: ids.zoe, contactId: ids.siobhan, requestedBy: "Siobhán Ó Ceallaigh, by email", receivedOn: TODAY });
    expect(c.status, c.text).toBe(201);
    expect((await dsl.request("PUT", `/api/subject-access/${c.body.id}/concerns`, { decision: "include", reason: "Her own data" })).status).toBe(200);
    const e = await head.request("GET", `/api/subject-access/${c.body.id}/export.json`);
    expect(e.status, e.text).toBe(200);
    const sections = Object.fromEntries((e.body.sections as { key: string; rows: Record<string, unknown>[] }[]).map((s) => [s.key, s]));
    expect(sections.contact!.rows[0]).toMatchObject({ name: "Siobhán Ó Ceallaigh", child: "Zoë Brontë" });
    expect(sections.messages!.rows.map((m) => m.note)).toEqual(["Text to mum"]);
    expect(sections.replies!.rows.map((m) => m.body)).toEqual(["Back Monday"]);
    expect(sections.concerns!.rows).toHaveLength(1);
    expect(sections.register).toBeUndefined();

    const trail = await db.db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), eq(auditEvents.entity, "subject_access_request")));
    expect(trail.filter((a) => a.entityId === requestId).map((a) => a.action)).toEqual([
      "subject_access_requested",
      "subject_access_concerns_decided",
      "subject_access_exported",
      "subject_access_exported",
      "subject_access_concerns_decided",
      "subject_access_exported",
    ]);
    expect(JSON.stringify(trail.filter((a) => a.action === "subject_access_exported"))).not.toContain("Text to mum");
  });
});
