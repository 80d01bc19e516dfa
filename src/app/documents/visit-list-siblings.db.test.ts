/**
 * The printed Coteford visit list on a sibling visit (issue 21; coteford 3.2:
 * "the attendance record of the pupil"): each child's own record, not the
 * first child's for both. Through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { pupils, registerMarks } from "../../db/schema";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../test/factories";
import { openDbAndServer } from "../../test/db-and-server";
import { TestClient } from "../../test/http-client";
import { pdfText } from "../../test/pdf-text";
import type { TestServer } from "../../test/test-server";

let db: DatabaseHandle;
let server: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, server, close } = await openDbAndServer(new Date("2026-11-23T08:00:00Z")));
});
afterAll(async () => close?.());

describe("the visit list on a sibling visit (coteford 3.2)", () => {
  it("prints each child's own sessions missed", async () => {
    const schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
    const s = await buildStaff(db, schoolId, ["headteacher"]);
    const head = new TestClient(server.url);
    expect((await head.login(s.email, TEST_PASSWORD)).status).toBe(200);
    const rows = await db.db
      .insert(pupils)
      .values(["Łucja", "Zoë"].map((firstName, i) => ({ schoolId, upn: `A10000000000${i + 1}`, firstName, lastName: "Nowak", addressLine1: "1 Mill Lane", postcode: "UB10 0AA" })))
      .returning();
    const days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
    // Łucja missed every session of the week; Zoë only Friday's.
    for (const day of days) {
      for (const session of ["AM", "PM"]) {
        await db.db.insert(registerMarks).values({ schoolId, pupilId: rows[0]!.id, day, session, code: "N" });
        await db.db.insert(registerMarks).values({ schoolId, pupilId: rows[1]!.id, day, session, code: day === "2026-11-20" ? "N" : "/" });
      }
    }
    const visit = await head.request("POST", "/api/visits", { pupilIds: rows.map((r) => r.id), purpose: "appointment", date: "2026-11-25" });
    expect(visit.status, visit.text).toBe(201);
    const res = await fetch(`${server.url}/api/visits/list.pdf?ids=${visit.body.id}`, { headers: { cookie: (head as unknown as { cookie: string }).cookie } });
    expect(res.status).toBe(200);
    const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, " ");
    expect(text).toMatch(/Sessions missed: 10 \(authorised 0, unauthorised 10\)/);
    expect(text).toMatch(/Sessions missed: 2 \(authorised 0, unauthorised 2\)/);
  });
});
