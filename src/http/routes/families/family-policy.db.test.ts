/**
 * The school's policy for families (scargill, transform-trust: "made available
 * to parents"), over the real API: a page and a PDF anyone with the link opens
 * without signing in, each school's own provisions in the version in force, and
 * nothing about any child.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { familyContacts, pupils } from "../../../db/schema";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { TestClient } from "../../../test/http-client";
import { openDbAndServer } from "../../../test/db-and-server";
import type { TestServer } from "../../../test/test-server";
import { pdfText } from "../../../test/pdf-text";
import type { FamilyPolicy } from "../../../contracts/family-policy";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;
let cotefordHead: TestClient;
const link: Record<"coteford" | "burgh", string> = { coteford: "", burgh: "" };

// What the record holds about a child and family, none of which may reach a family's copy of the policy.
const CHILD_DATA = ["Łucja", "Nowak", "A100000000021", "1 Mill Lane", "UB10 0AA", "Siobhán", "07700 900111"];

const flat = (s: string) => s.replace(/\s+/g, " ");
const sentences = (copy: FamilyPolicy) => copy.sections.flatMap((s) => s.items.map((i) => `${i.text}${i.clause ? ` (${i.clause})` : ""}`));

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T09:00:00Z")));
  for (const template of ["coteford", "burgh"] as const) {
    const school = await buildSchool(db, { policyTemplateId: template, name: template === "coteford" ? "Coteford Junior School" : "Burgh School", phone: "01234 567890" });
    const [p] = await db.db.insert(pupils).values({ schoolId: school.id, upn: "A100000000021", firstName: "Łucja", lastName: "Nowak", addressLine1: "1 Mill Lane", postcode: "UB10 0AA" }).returning();
    await db.db.insert(familyContacts).values({ schoolId: school.id, pupilId: p!.id, name: "Siobhán Nowak", relationship: "Mother", phone: "07700 900111", priority: 1, parentalResponsibility: true });
    const s = await buildStaff(db, school.id, ["headteacher"]);
    const head = new TestClient(server.url);
    expect((await head.login(s.email, TEST_PASSWORD)).status).toBe(200);
    const r = await head.request("GET", "/api/policy/family-link");
    expect(r.status).toBe(200);
    expect(r.body.path).toMatch(/^\/families\/policy\/[0-9a-f-]{36}$/);
    expect(r.body.pdfPath).toBe(`/api${r.body.path}/pdf`);
    expect(r.body.url).toBe(server.url + r.body.path);
    link[template] = r.body.path;
    if (template === "coteford") cotefordHead = head;
  }
});
afterAll(async () => close?.());

describe("the policy for families", () => {
  it("is served without signing in, with each school's own provisions and clauses", async () => {
    const family = new TestClient(server.url);
    const coteford = await family.request("GET", `/api${link.coteford}`);
    const burgh = await family.request("GET", `/api${link.burgh}`);
    expect(coteford.status).toBe(200);
    expect(burgh.status).toBe(200);
    expect(coteford.body.schoolName).toBe("Coteford Junior School");
    const c = sentences(coteford.body);
    const b = sentences(burgh.body);
    // Coteford 2.6: no entry without an appointment; Burgh 8: only when invited by a responsible adult.
    expect(c).toContain("Staff come into your home only for an appointment made with you, at the time arranged. (coteford 2.6)");
    expect(c).toContain("If you are not at home at the arranged time, staff wait no more than 20 minutes; then the visit is cancelled. (coteford 3.4)");
    expect(c).toContain("If staff are ever in danger, they leave at once and call the police. (coteford 2.8)");
    expect(b).toContain("Staff come in only when a responsible adult invites them in. (burgh 8)");
    expect(b).toContain("Staff stay on the ground floor and never go into bedrooms. (burgh 8)");
    expect(b).toContain("If you are unhappy about a visit, tell the headteacher (parents/carers raise any concerns about a visit with the Headteacher). (burgh 5)");
    expect(c.join(" ")).not.toContain("responsible adult");
    expect(b.join(" ")).not.toContain("appointment made with you");
    expect(c).toContain("To reply to the school about a visit, or to ask about this policy, phone 01234 567890.");
    for (const r of [coteford, burgh]) for (const word of CHILD_DATA) expect(r.text).not.toContain(word);
  });

  it("follows the version in force: a change the head saves is in the families' copy the same day", async () => {
    const current = await cotefordHead.request("GET", "/api/policy");
    const policy = current.body.inForce.policy;
    policy.conduct.waitingLimitMinutes.value = 15;
    expect((await cotefordHead.request("PUT", "/api/policy", { policy, note: "Wait 15 minutes" })).status).toBe(200);
    const copy = (await new TestClient(server.url).request("GET", `/api${link.coteford}`)).body as FamilyPolicy;
    expect(copy.version).toBe(2);
    expect(copy.inForceFrom).toBe("2026-11-23");
    expect(sentences(copy)).toContain("If you are not at home at the arranged time, staff wait no more than 15 minutes; then the visit is cancelled. (coteford 3.4)");
  });

  it("is a real PDF whose text carries the school's provisions and no child's", async () => {
    const res = await fetch(`${server.url}/api${link.coteford}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = flat(pdfText(pdf));
    expect(text).toContain("Home visits: a guide for families at Coteford Junior School");
    expect(text).toContain("Staff come into your home only for an appointment made with you, at the time arranged. (coteford 2.6)");
    expect(text).toContain("The two members of staff come in together; one never comes in alone. (coteford 2.10)");
    expect(text).not.toContain("responsible adult invites");
    for (const word of CHILD_DATA) expect(text).not.toContain(word);
    const burgh = flat(pdfText(Buffer.from(await (await fetch(`${server.url}/api${link.burgh}/pdf`)).arrayBuffer())));
    expect(burgh).toContain("Staff come in only when a responsible adult invites them in. (burgh 8)");
  });

  it("answers the same 404 for an id that is no school's, well-formed or not, and names no school", async () => {
    const family = new TestClient(server.url);
    const burghId = link.burgh.split("/").at(-1)!;
    const nearMiss = burghId.slice(0, -1) + (burghId.endsWith("0") ? "1" : "0");
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id", nearMiss]) {
      const r = await family.request("GET", `/api/families/policy/${id}`);
      expect(r.status, id).toBe(404);
      expect(r.text).not.toMatch(/Burgh|Coteford/);
      expect((await fetch(`${server.url}/api/families/policy/${id}/pdf`)).status).toBe(404);
    }
  });

  it("is rate-limited, like the family's reply link", async () => {
    const guesser = new TestClient(server.url);
    const codes: number[] = [];
    for (let i = 0; i < 70; i++) codes.push((await guesser.request("GET", "/api/families/policy/00000000-0000-4000-8000-000000000001")).status);
    expect(codes).toContain(429);
  });
});
