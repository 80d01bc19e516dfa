/**
 * Need-to-know reach (src/domain/people/visit-reach.ts) through the real API, one
 * check per kind of route: a home visitor on visit A but not on visit B, and the
 * office, which reaches today's visits and the Today list but not past casework.
 * Outside reach an object is a 404 and a list leaves it out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { agreements, documents, familyContacts, pupils, visitPupils, visitReports, visits, visitTeam } from "../../../db/schema";
import { importMarks } from "../../../app/attendance/import-marks";
import { pdfText } from "../../../test/pdf-text";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";
import type { TestClient } from "../../../test/http-client";

type Who = "head" | "visitor" | "office";
let s: SignedInServer<Who>;
const pupil = {} as Record<"A" | "B" | "C" | "D", string>;
const visit = {} as Record<"A" | "B" | "T" | "D", string>;
const doc = {} as Record<"A" | "B", string>;

const TODAY = "2026-11-17";
const SECRET = { A: "Mother said Ada is anxious about the bus", B: "Father said Ben's brother is in care" };
const PHONE_B = "07700 900222";

beforeAll(async () => {
  s = await signedInServer({ head: ["headteacher"], visitor: ["visitor"], office: ["office"] });
  s.server.clock.now = new Date(`${TODAY}T09:00:00Z`);
  const schoolId = s.schoolId;
  const add = async (key: keyof typeof pupil, upn: string, firstName: string, lastName: string) => {
    const [p] = await s.db.db.insert(pupils).values({ schoolId, upn, firstName, lastName, addressLine1: `${lastName} House`, householdKey: `h-${key}` }).returning();
    pupil[key] = p!.id;
  };
  await add("A", "A100000000001", "Ada", "Pike");
  await add("B", "A100000000002", "Ben", "Roe");
  await add("C", "A100000000003", "Cal", "Sole");
  await add("D", "A100000000004", "Dee", "Tern");
  await s.db.db.insert(familyContacts).values({ schoolId, pupilId: pupil.B, name: "Rob Roe", relationship: "Father", parentalResponsibility: true, phone: PHONE_B });
  const addVisit = async (key: keyof typeof visit, p: string, state: string, day: string, team: string[]) => {
    const [v] = await s.db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state, day, address: "somewhere" }).returning();
    visit[key] = v!.id;
    await s.db.db.insert(visitPupils).values({ visitId: v!.id, pupilId: p });
    for (const userId of team) await s.db.db.insert(visitTeam).values({ visitId: v!.id, userId });
  };
  // A: the visitor went yesterday; B: someone else did; T: the visitor goes to Ada today; D: approved for today, no team yet.
  await addVisit("A", pupil.A, "completed", "2026-11-16", [s.staff.visitor.id]);
  await addVisit("B", pupil.B, "completed", "2026-11-16", []);
  await addVisit("T", pupil.A, "approved", TODAY, [s.staff.visitor.id]);
  await addVisit("D", pupil.D, "approved", TODAY, []);
  for (const key of ["A", "B"] as const) {
    await s.db.db.insert(visitReports).values({
      visitId: visit[key], schoolId, reason: "Absent", peoplePresent: "Parent", summary: SECRET[key], actionsAgreed: "", followUpActions: "",
      children: [], staffPresent: [], completedBy: s.staff.head.id, completedName: "Test head", completedRole: "headteacher", completedOn: "2026-11-16", submittedAt: new Date("2026-11-16T15:00:00Z"),
    });
    const [d] = await s.db.db.insert(documents).values({ schoolId, pupilId: pupil[key], visitId: visit[key], kind: "called_card", title: `Card ${key}`, pdf: "JVBERi0=", createdBy: "Test head" }).returning();
    doc[key] = d!.id;
  }
  await s.db.db.insert(agreements).values({ schoolId, pupilId: pupil.B, terms: "Ben in school by 8:50", agreedWith: "Rob Roe", reviewOn: "2026-12-01", createdBy: s.staff.head.id });
  // Ada and Cal are absent today, unexplained: both are on the Today list (first-day calls).
  const csv = ["upn,date,session,code", `A100000000001,${TODAY},AM,N`, `A100000000003,${TODAY},AM,N`, `A100000000002,${TODAY},AM,/`, `A100000000004,${TODAY},AM,/`].join("\n");
  await importMarks(s.db, { userId: null, name: "t" }, { schoolIds: [schoolId] }, Readable.from([csv]), "csv");
}, 180_000);
afterAll(async () => {
  await s?.close();
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const get = (who: Who, path: string) => s.staff[who].client.request("GET", path);
async function pdf(c: TestClient, path: string) {
  const res = await fetch(s.server.url + path, { headers: { cookie: (c as unknown as { cookie: string }).cookie } });
  expect(res.status).toBe(200);
  return pdfText(Buffer.from(await res.arrayBuffer()));
}

describe("a home visitor on visit A, not on visit B", () => {
  it("lists only the children on their visits, and answers 404 for any other child's page, record and timeline", async () => {
    expect(ids((await get("visitor", "/api/pupils")).body.pupils)).toEqual([pupil.A]);
    for (const path of [`/api/pupils/${pupil.B}`, `/api/pupils/${pupil.B}/record`, `/api/pupils/${pupil.B}/timeline`]) {
      const r = await get("visitor", path);
      expect(r.status, path).toBe(404);
      expect(r.text).not.toContain(PHONE_B);
    }
    expect((await get("visitor", `/api/pupils/${pupil.A}`)).status).toBe(200);
    expect((await get("visitor", `/api/pupils/${pupil.A}/timeline`)).status).toBe(200);
  });

  it("reads their own report in the record, never another visit's", async () => {
    const record = await get("visitor", `/api/pupils/${pupil.A}/record`);
    expect(record.status).toBe(200);
    expect(ids(record.body.visits)).toEqual([visit.A, visit.T].sort());
    expect(record.text).toContain(SECRET.A);
    expect((await get("visitor", `/api/visits/${visit.A}/report`)).body.report.summary).toBe(SECRET.A);
    const other = await get("visitor", `/api/visits/${visit.B}/report`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain(SECRET.B);
  });

  it("lists only their visits, and answers 404 for another visit, its field view, its documents and its writes", async () => {
    expect(ids((await get("visitor", "/api/visits")).body.visits)).toEqual([visit.A, visit.T].sort());
    for (const path of [`/api/visits/${visit.B}`, `/api/visits/${visit.B}/field`, `/api/documents/${doc.B}/pdf`]) expect((await get("visitor", path)).status, path).toBe(404);
    expect((await get("visitor", `/api/visits/${visit.A}`)).status).toBe(200);
    const c = s.staff.visitor.client;
    expect((await c.request("POST", `/api/visits/${visit.D}/cancel`, { reason: "Not mine to cancel" })).status).toBe(404);
    expect((await c.request("POST", `/api/visits/${visit.B}/report/addenda`, { text: "x" })).status).toBe(404);
    expect((await c.request("POST", `/api/pupils/${pupil.B}/contacts`, { date: TODAY, method: "phone", reached: false })).status).toBe(404);
    const proposal = await c.request("POST", "/api/visits", { pupilIds: [pupil.B], purpose: "safe_and_well", date: TODAY });
    expect(proposal.status).toBe(404);
    expect(proposal.body.field).toBe("pupilIds");
  });

  it("prints only their visits on the visit list and the day's called cards", async () => {
    const list = await pdf(s.staff.visitor.client, `/api/visits/list.pdf?ids=${visit.A},${visit.B}`);
    expect(list).toContain("Pike");
    expect(list).not.toContain("Roe");
    const cards = await pdf(s.staff.visitor.client, `/api/visits/called-cards.pdf?date=${TODAY}`);
    expect(cards).toContain("Ada Pike");
    expect(cards).not.toContain("Dee Tern");
  });

  it("has only their own visits in their calendar feed", async () => {
    const issued = await s.staff.visitor.client.request("POST", "/api/my/calendar-feed", {});
    const ics = await (await fetch(s.server.url + issued.body.path)).text();
    for (const key of ["A", "T"] as const) expect(ics).toContain(`UID:${visit[key]}@doorstep`);
    for (const key of ["B", "D"] as const) expect(ics).not.toContain(visit[key]);
  });

  it("sees on Today only the children on their visits, and no agreement about another child", async () => {
    const today = (await get("visitor", "/api/today")).body;
    expect(today.households.flatMap((h: { pupils: { pupil: { id: string } }[] }) => h.pupils.map((p) => p.pupil.id))).toEqual([pupil.A]);
    expect(today.actionCount).toBe(1);
    expect((await get("visitor", "/api/agreements")).body.agreements).toEqual([]);
  });
});

describe("the office", () => {
  it("reaches today's visits and the children on them and on the Today list, not past casework", async () => {
    expect(ids((await get("office", "/api/visits")).body.visits)).toEqual([visit.T, visit.D].sort());
    expect(ids((await get("office", "/api/pupils")).body.pupils)).toEqual([pupil.A, pupil.C, pupil.D].sort());
    for (const path of [`/api/visits/${visit.B}`, `/api/pupils/${pupil.B}`, `/api/pupils/${pupil.B}/record`, `/api/documents/${doc.A}/pdf`, `/api/visits/${visit.A}/report`]) {
      expect((await get("office", path)).status, path).toBe(404);
    }
    expect((await get("office", `/api/visits/${visit.D}`)).status).toBe(200);
    // Cal is on today's list for a first-day call: the office has his family's numbers and logs the call.
    expect((await get("office", `/api/pupils/${pupil.C}`)).status).toBe(200);
    expect((await s.staff.office.client.request("POST", `/api/pupils/${pupil.C}/contacts`, { date: TODAY, method: "phone", reached: false })).status).toBe(201);
    expect((await s.staff.office.client.request("POST", `/api/pupils/${pupil.B}/contacts`, { date: TODAY, method: "phone", reached: false })).status).toBe(404);
  });

  it("does not read a report of a visit it is not on, even one it reaches", async () => {
    expect((await get("office", `/api/visits/${visit.D}/report`)).status).toBe(404);
    const record = await get("office", `/api/pupils/${pupil.A}/record`);
    expect(record.status).toBe(200);
    expect(ids(record.body.visits)).toEqual([visit.T]);
    expect(record.text).not.toContain(SECRET.A);
  });

  it("prints today's called cards and keeps the whole Today list", async () => {
    const cards = await pdf(s.staff.office.client, `/api/visits/called-cards.pdf?date=${TODAY}`);
    expect(cards).toContain("Ada Pike");
    expect(cards).toContain("Dee Tern");
    const today = (await get("office", "/api/today")).body;
    expect(today.households.flatMap((h: { pupils: { pupil: { id: string } }[] }) => h.pupils.map((p) => p.pupil.id)).sort()).toEqual([pupil.A, pupil.C].sort());
  });
});

describe("the headteacher", () => {
  it("keeps the whole school", async () => {
    expect(ids((await get("head", "/api/visits")).body.visits)).toEqual(Object.values(visit).sort());
    expect(ids((await get("head", "/api/pupils")).body.pupils)).toEqual(Object.values(pupil).sort());
    expect((await get("head", `/api/visits/${visit.B}/report`)).body.report.summary).toBe(SECRET.B);
    expect((await get("head", `/api/documents/${doc.B}/pdf`)).status).toBe(200);
  });
});
