import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { pupils, registerMarks } from "../../../db/schema";
import { FakeWonde } from "../../../test/fake-wonde";
import { signedInServer, type SignedInServer } from "../../../test/signed-in-server";

let s: SignedInServer<"lead" | "visitor">;
let fake: FakeWonde;

beforeAll(async () => {
  fake = await new FakeWonde().start();
  s = await signedInServer({ lead: ["attendance_lead"], visitor: ["visitor"] }, { WONDE_TOKEN_KEY: randomBytes(32).toString("base64") });
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});

describe("the Wonde feed over HTTP", () => {
  it("is for the school's data managers only", async () => {
    expect((await s.staff.visitor.client.request("GET", "/api/imports/wonde")).status).toBe(403);
    expect((await s.staff.visitor.client.request("POST", "/api/imports/wonde/sync")).status).toBe(403);
  });

  it("says when no feed is connected, and Sync now has nothing to sync", async () => {
    expect((await s.staff.lead.client.request("GET", "/api/imports/wonde")).body).toEqual({ connected: false });
    expect((await s.staff.lead.client.request("POST", "/api/imports/wonde/sync")).status).toBe(404);
  });

  it("connects, syncs now, and never sends the token back", async () => {
    const put = await s.staff.lead.client.request("PUT", "/api/imports/wonde", { wondeSchoolId: fake.schoolId, token: fake.token, baseUrl: fake.url });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ wondeSchoolName: "Wonde Testing School", feed: { connected: true, state: "connected", tokenHeld: true } });
    expect(put.text).not.toContain(fake.token);
    const sync = await s.staff.lead.client.request("POST", "/api/imports/wonde/sync");
    expect(sync.status).toBe(200);
    expect(sync.body.outcome).toMatchObject({ status: "synced", marksChanged: 18 });
    expect(sync.body.feed).toMatchObject({ lastMarksChanged: 18, lastRows: 21 });
    expect(sync.text).not.toContain(fake.token);
    expect((await s.db.db.select().from(registerMarks).where(eq(registerMarks.schoolId, s.schoolId))).length).toBe(18);
  });

  it("an open Today page hears, by server-sent events, when a sync or an upload changes marks", async () => {
    const ac = new AbortController();
    const res = await fetch(`${s.server.url}/api/today/stream`, { headers: s.staff.lead.client.authHeaders(), signal: ac.signal });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    // The stream has read the feed as it was once it says it is listening and its first look is done.
    while (!text.includes("listening")) text += decoder.decode((await reader.read()).value);
    await new Promise((r) => setTimeout(r, 300));
    fake.setMark("S1001", "2026-03-03", "AM", "N");
    s.server.clock.now = new Date(s.server.clock.now.getTime() + 60_000);
    expect((await s.staff.lead.client.request("POST", "/api/imports/wonde/sync")).body.outcome).toMatchObject({ marksChanged: 1 });
    const deadline = Date.now() + 10_000;
    while (!text.includes("event: marks") && Date.now() < deadline) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/event: marks\ndata: \{"at":"[^"]+","marksChanged":1,"source":"mis"\}/);

    // A file uploaded on the Imports page is news too, and says where it came from.
    const [pupil] = await s.db.db.select({ upn: pupils.upn }).from(pupils).where(eq(pupils.schoolId, s.schoolId)).limit(1);
    const upload = await s.staff.lead.client.request("POST", "/api/imports/marks", undefined, { headers: { "content-type": "text/csv" }, rawBody: `upn,date,session,code\n${pupil!.upn},2026-02-02,AM,/\n${pupil!.upn},2026-02-02,PM,/\n` });
    expect(upload.body).toMatchObject({ inserted: 2 });
    text = "";
    const until = Date.now() + 10_000;
    while (!text.includes("event: marks") && Date.now() < until) text += decoder.decode((await reader.read()).value);
    ac.abort();
    expect(text).toMatch(/event: marks\ndata: \{"at":"[^"]+","marksChanged":2,"source":"upload"\}/);
  });

  it("a wrong token is refused naming the token, and the feed kept as it was", async () => {
    const put = await s.staff.lead.client.request("PUT", "/api/imports/wonde", { wondeSchoolId: fake.schoolId, token: "not-the-token", baseUrl: fake.url });
    expect(put.status).toBe(400);
    expect(put.body).toMatchObject({ field: "token" });
    expect((await s.staff.lead.client.request("GET", "/api/imports/wonde")).body).toMatchObject({ state: "connected" });
  });

  it("says on the page when access was revoked", async () => {
    fake.revoked = true;
    const sync = await s.staff.lead.client.request("POST", "/api/imports/wonde/sync");
    fake.revoked = false;
    expect(sync.body).toMatchObject({ outcome: { status: "failed", state: "access_revoked" }, feed: { state: "access_revoked", lastError: expect.stringMatching(/revoked/) } });
  });
});
