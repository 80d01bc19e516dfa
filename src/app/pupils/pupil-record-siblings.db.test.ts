/**
 * The siblings a child's record offers to a visit proposed by hand: on roll, in the
 * same household and at the same address (a visit goes to one address), and only
 * those within the caller's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pupils, visitPupils, visits, visitTeam } from "../../db/schema";
import { signedInServer, type SignedInServer } from "../../test/signed-in-server";

let s: SignedInServer<"head" | "visitor">;
const id = {} as Record<"ada" | "abe" | "amy" | "art", string>;
const TODAY = "2026-11-17";

beforeAll(async () => {
  s = await signedInServer({ head: ["headteacher"], visitor: ["visitor"] });
  s.server.clock.now = new Date(`${TODAY}T09:00:00Z`);
  const schoolId = s.schoolId;
  const add = async (key: keyof typeof id, upn: string, firstName: string, addressLine1: string, leftOn: string | null = null) => {
    const [p] = await s.db.db.insert(pupils).values({ schoolId, upn, firstName, lastName: "Pike", addressLine1, town: "Burgh", householdKey: "h-pike", leftOn }).returning();
    id[key] = p!.id;
  };
  await add("ada", "A200000000001", "Ada", "1 Pike House");
  await add("abe", "A200000000002", "Abe", "1 Pike House");
  await add("amy", "A200000000003", "Amy", "1 Pike House", "2026-11-16");
  await add("art", "A200000000004", "Art", "9 Other Road");
  // The visitor goes to Ada today, not to Abe.
  const [v] = await s.db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "approved", day: TODAY, address: "1 Pike House, Burgh" }).returning();
  await s.db.db.insert(visitPupils).values({ visitId: v!.id, pupilId: id.ada });
  await s.db.db.insert(visitTeam).values({ visitId: v!.id, userId: s.staff.visitor.id });
}, 180_000);
afterAll(async () => {
  await s?.close();
});

describe("siblings on the pupil record", () => {
  it("lists the brother on roll at the same address, not a leaver or one living elsewhere, and a visit may include him", async () => {
    const record = await s.staff.head.client.request("GET", `/api/pupils/${id.ada}/record`);
    expect(record.status).toBe(200);
    expect(record.body.siblings).toEqual([{ id: id.abe, firstName: "Abe", lastName: "Pike", yearGroup: null, className: null }]);
    const made = await s.staff.head.client.request("POST", "/api/visits", { pupilIds: [id.ada, id.abe], purpose: "follow_up", date: "2026-11-18" });
    expect(made.status).toBe(201);
  });

  it("leaves out a sibling outside the caller's reach", async () => {
    const record = await s.staff.visitor.client.request("GET", `/api/pupils/${id.ada}/record`);
    expect(record.status).toBe(200);
    expect(record.body.siblings).toEqual([]);
  });
});
