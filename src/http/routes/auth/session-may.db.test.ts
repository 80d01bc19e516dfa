/**
 * The web app shows only the controls that will work by asking the session what
 * its holder may call (issue 15: no role lists in the web). The list must be
 * what the server then allows: each route it names answers something other than
 * 403 for that person, and a route it leaves out answers 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";

let s: SignedInServer<"visitor" | "head" | "governor">;
beforeAll(async () => {
  s = await signedInServer({ visitor: ["visitor"], head: ["headteacher"], governor: ["governor"] });
});
afterAll(async () => s?.close());

describe("GET /api/session may", () => {
  it("names what each role may call, and the server agrees", async () => {
    const visitor = (await s.staff.visitor.client.request("GET", "/api/session")).body;
    expect(visitor.may).toContain("POST /api/concerns");
    expect(visitor.may).toContain("POST /api/visits/:visitId/steps");
    expect(visitor.may).not.toContain("GET /api/audit");
    expect(visitor.reach).toBe("own");
    const head = (await s.staff.head.client.request("GET", "/api/session")).body;
    expect(head.may).toContain("GET /api/audit");
    expect(head.reach).toBe("school");
    const governor = (await s.staff.governor.client.request("GET", "/api/session")).body;
    expect(governor.may).not.toContain("GET /api/pupils");

    expect((await s.staff.visitor.client.request("GET", "/api/audit")).status).toBe(403);
    expect((await s.staff.head.client.request("GET", "/api/audit")).status).toBe(200);
    expect((await s.staff.governor.client.request("GET", "/api/pupils")).status).toBe(403);
    expect((await s.staff.visitor.client.request("GET", "/api/board")).status).toBe(403);
    expect(visitor.may).not.toContain("GET /api/board");
  });
});
