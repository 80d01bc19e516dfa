/** A person who works in two schools moves their session between them; never into a school they hold no role in. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, userRoles } from "../../../db/schema";
import { buildSchool } from "../../../test/factories";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";

let s: SignedInServer<"head">;
let second: string;
let elsewhere: string;
beforeAll(async () => {
  s = await signedInServer({ head: ["headteacher"] });
  second = (await buildSchool(s.db)).id;
  elsewhere = (await buildSchool(s.db)).id;
  await s.db.db.insert(userRoles).values({ userId: s.staff.head.id, schoolId: second, role: "dsl" });
});
afterAll(async () => s?.close());

describe("PUT /api/session/school", () => {
  it("moves the session to another school the person holds a role in, with that school's roles, audited", async () => {
    const head = s.staff.head.client;
    const moved = await head.request("PUT", "/api/session/school", { schoolId: second });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ schoolId: second, roles: ["dsl"] });
    expect((await head.request("GET", "/api/session")).body).toMatchObject({ schoolId: second, roles: ["dsl"] });
    const events = await s.db.db.select().from(auditEvents).where(and(eq(auditEvents.action, "school_switched"), eq(auditEvents.schoolId, second)));
    expect(events).toHaveLength(1);
    expect(events[0]!.entityId).toBe(s.staff.head.id);

    const back = await head.request("PUT", "/api/session/school", { schoolId: s.schoolId });
    expect(back.body).toMatchObject({ schoolId: s.schoolId, roles: ["headteacher"] });
  });

  it("answers 404 for a school the person holds no role in, and the session stays where it was", async () => {
    const head = s.staff.head.client;
    expect((await head.request("PUT", "/api/session/school", { schoolId: elsewhere })).status).toBe(404);
    expect((await head.request("GET", "/api/session")).body.schoolId).toBe(s.schoolId);
  });
});
