import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeWonde } from "../../../test/fake-wonde";
import { WondeClient, WondeError } from "./client";

let fake: FakeWonde;
const sleeps: number[] = [];
const client = (token = fake.token) => new WondeClient({ baseUrl: fake.url, token, backoffMs: 5, attempts: 4, sleep: async (ms) => void sleeps.push(ms) });

beforeAll(async () => {
  fake = await new FakeWonde().start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  Object.assign(fake, { revoked: false, failures: [], nextOrigin: null, dropNext: false, afterPage: null, perPageMax: 2 });
  fake.requests.length = 0;
  sleeps.length = 0;
});

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as WondeError);

describe("the Wonde client against the loopback Wonde", () => {
  it("sends the token as a bearer token and checks access to the school", async () => {
    expect(await client().school(fake.schoolId)).toMatchObject({ id: fake.schoolId, name: "Wonde Testing School" });
    expect(fake.requests[0]!.auth).toBe(`Bearer ${fake.token}`);
  });

  it("follows cursor pages to the end, with includes, and reads Wonde's date objects", async () => {
    const students = await client().students(fake.schoolId);
    expect(students.map((s) => s.education_details.data.upn)).toEqual(["T820200126001", "G820200126002", "W820200126003"]);
    expect(fake.requests.length).toBe(2);
    expect(fake.requests[0]!.query).toMatchObject({ cursor: "true", include: expect.stringContaining("contacts.contact_details") });
    expect(students[0]!.contacts!.data.map((c) => c.relationship?.priority)).toEqual([2, 1]);
    const marks = await client().sessionMarks(fake.schoolId);
    expect(marks).toHaveLength(18);
    expect(marks[0]!.date.date).toBe("2026-03-02 00:00:00.000000");
  });

  it("sees a record changed between two pages once, as it is when its page is read", async () => {
    fake.afterPage = (resource, page) => {
      if (resource === "students" && page === 1) fake.students.find((s) => s.id === "S1003")!.forename = "Siobhan";
    };
    const students = await client().students(fake.schoolId);
    expect(students.map((s) => s.id)).toEqual(["S1001", "S1002", "S1003"]);
    expect(students[2]!.forename).toBe("Siobhan");
    fake.students.find((s) => s.id === "S1003")!.forename = "Siobhán";
  });

  it("asks only for records updated after a time", async () => {
    fake.setMark("S1001", "2026-03-05", "AM", "N", new Date("2026-03-05T09:10:00Z"));
    const marks = await client().sessionMarks(fake.schoolId, { updatedAfter: new Date("2026-03-05T09:00:00Z") });
    expect(fake.requests[0]!.query.updated_after).toBe("2026-03-05 09:00:00");
    expect(marks.map((m) => m.date.date.slice(0, 10))).toEqual(["2026-03-05"]);
    fake.marks.pop();
  });

  it("retries a 429 (as Retry-After says) and a 500, then succeeds", async () => {
    fake.failures.push({ path: /students$/, status: 429, times: 1, retryAfter: "0" }, { path: /students$/, status: 500, times: 1 });
    expect(await client().students(fake.schoolId)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThanOrEqual(10); // the second backoff doubles the first (5 ms), with jitter
  });

  it("gives up after its tries when Wonde keeps failing", async () => {
    fake.failures.push({ path: /students$/, status: 503, times: 10 });
    const e = await failure(client().students(fake.schoolId));
    expect(e.failure).toBe("unavailable");
    expect(e.message).toMatch(/HTTP 503 4 times/);
  });

  it("says access was revoked on 401 and 403", async () => {
    expect((await failure(client("wrong-token").school(fake.schoolId))).failure).toBe("access_revoked");
    fake.revoked = true;
    const e = await failure(client().students(fake.schoolId));
    expect(e.failure).toBe("access_revoked");
    expect(e.message).toMatch(/403/);
  });

  it("does not follow a next page to another host (the token would go with it)", async () => {
    fake.nextOrigin = "http://127.0.0.2:9";
    const e = await failure(client().students(fake.schoolId));
    expect(e.message).toMatch(/another host \(127\.0\.0\.2:9\)/);
    expect(fake.requests).toHaveLength(1);
  });

  it("treats more: true without a next page as an error, not the end", async () => {
    fake.dropNext = true;
    const e = await failure(client().students(fake.schoolId));
    expect(e).toMatchObject({ failure: "malformed", field: "students.meta.pagination.next" });
  });

  it("refuses a malformed record, naming the record and the field", async () => {
    const saved = fake.students[1]!.education_details;
    fake.students[1]!.education_details = { data: { upn: "" } };
    const e = await failure(client().students(fake.schoolId));
    fake.students[1]!.education_details = saved;
    expect(e).toMatchObject({ failure: "malformed", field: "students[1].education_details.data.upn" });
    expect(e.message).toMatch(/record S1002/);
  });

  it("hands on the marks a page at a time, the next asked for before this one is handed on, each as the schema reads it", async () => {
    const pages: { offset: number; ids: string[]; asked: number }[] = [];
    const c = client();
    const count = await c.eachSessionMarkPage(fake.schoolId, {}, (marks, offset) => void pages.push({ offset, ids: marks.map((m) => m.id), asked: fake.requests.length }));
    expect(count).toBe(18);
    expect(pages.map((p) => p.offset)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16]);
    // Each page but the last was handed on with the next one already asked for.
    expect(pages.slice(0, -1).every((p, i) => p.asked === i + 2)).toBe(true);
    const whole = await client().sessionMarks(fake.schoolId);
    expect(pages.flatMap((p) => p.ids)).toEqual(whole.map((m) => m.id));
  });

  it("names a malformed mark by its place in the whole list, on a later page, whichever check reads it", async () => {
    const sorted = [...fake.marks].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const victim = sorted[5]!;
    const saved = victim.session;
    victim.session = "EVENING";
    const e = await failure(client().eachSessionMarkPage(fake.schoolId, {}, () => {}));
    victim.session = saved;
    expect(e).toMatchObject({ failure: "malformed", field: "attendance[5].session" });
  });

  it("a refusal of the page asked for ahead is raised, not lost", async () => {
    // A page the last test's refused list had asked for ahead may still reach the fake: let it land first.
    await new Promise((r) => setTimeout(r, 50));
    fake.requests.length = 0;
    fake.afterPage = (_path, page) => {
      if (page === 1) fake.revoked = true;
    };
    const seen: number[] = [];
    const e = await failure(client().eachSessionMarkPage(fake.schoolId, {}, (_m, offset) => void seen.push(offset)));
    expect(e).toMatchObject({ failure: "access_revoked" });
    expect(seen).toEqual([0]);
  });
});
