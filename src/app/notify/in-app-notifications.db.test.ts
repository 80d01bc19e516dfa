/** The bell: a notice read leaves the unread list, once, audited; nobody can mark another person's. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, notifications } from "../../db/schema";
import { signedInServer, type SignedInServer } from "../../test/signed-in-server";

let s: SignedInServer<"dsl" | "office">;
beforeAll(async () => {
  s = await signedInServer({ dsl: ["dsl"], office: ["office"] });
});
afterAll(async () => s?.close());

const notice = async (userId: string, title: string) =>
  (await s.db.db.insert(notifications).values({ schoolId: s.schoolId, userId, kind: "concern", title, body: "Open Doorstep", link: "/concerns" }).returning())[0]!.id;

describe("in-app notifications", () => {
  it("marks the person's own notice read, once, with an audit event", async () => {
    const dsl = s.staff.dsl.client;
    const id = await notice(s.staff.dsl.id, "A concern was raised");
    expect((await dsl.request("GET", "/api/notifications")).body.notifications.map((n: { id: string }) => n.id)).toContain(id);
    expect((await dsl.request("POST", `/api/notifications/${id}/read`)).status).toBe(200);
    expect((await dsl.request("GET", "/api/notifications")).body.notifications.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await dsl.request("POST", `/api/notifications/${id}/read`)).status).toBe(200);
    const events = await s.db.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toEqual(["notification_read"]);
  });

  it("leaves another person's notice unread", async () => {
    const id = await notice(s.staff.dsl.id, "Another concern");
    expect((await s.staff.office.client.request("POST", `/api/notifications/${id}/read`)).status).toBe(200);
    const [row] = await s.db.db.select().from(notifications).where(eq(notifications.id, id));
    expect(row!.readAt).toBeNull();
  });
});
