/**
 * Bad input, with nothing lost (issue 14): every write route of the real server,
 * driven over HTTP with random valid and broken bodies, path parameters and query
 * strings, by a member of staff whose role may call it, in the demo school (pupils,
 * visits and staff, so valid ids exist) beside a second school whose ids must not
 * reach in. For every request:
 *
 * - the answer is a 2xx or a 4xx, never a 5xx;
 * - a 4xx carries a message, and a 400 for one broken part names the field;
 * - the audit trail grows exactly with the writes answered 2xx: a 4xx adds no
 *   audit row (nothing was half-saved), a 2xx adds at least one, except for the
 *   routes listed in NOT_AUDITED below (and the refusals listed in AUDITED_REFUSALS).
 *
 * The routes come from the server's own table (`app.apiRoutes`) and their schemas
 * from its OpenAPI document, so a new write route is fuzzed without touching this
 * file. Uploads (the imports) are driven by imports-upload.db.test.ts instead.
 *
 * Deterministic: FUZZ_SEED (default below) seeds every route's run; a failure
 * prints the seed and path fast-check needs to replay it. FUZZ_RUNS sets the runs
 * a route (default 20); FUZZ_LOG=error shows the server's log of a 5xx; FUZZ_TRACE=file
 * appends every request and answer to the file; FUZZ_ONLY=text fuzzes only the routes
 * whose "METHOD /path" contains it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { and, count, eq, isNotNull } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import {
  agreements,
  auditEvents,
  incidents,
  notifications,
  pupils,
  referrals,
  safeguardingConcerns,
  safetyAlerts,
  staffTraining,
  userRoles,
  users,
  visits,
} from "../db/schema";
import { seedDemo } from "../app/demo/seed-demo";
import { DEMO_PASSWORD, DEMO_STAFF } from "../app/demo/demo-people";
import type { Role } from "../domain/people/roles";
import { ROUTE_ACCESS } from "./access";
import { openTestDatabase } from "../test/test-database";
import { startTestServer, type TestServer } from "../test/test-server";
import { TestClient } from "../test/http-client";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../test/factories";
import { badValue, IdRef, mutatedValue, validValue, type IdKind, type JsonSchema, type SchemaContext } from "../test/json-schema-arbitrary";

const SEED = Number(process.env.FUZZ_SEED ?? 14_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const TODAY = "2026-11-18";

/** Uploads, driven by imports-upload.db.test.ts (any size, any content). */
const UPLOADS = new Set(["POST /api/imports/marks", "POST /api/imports/pupils", "POST /api/imports/term-dates"]);

/**
 * 2xx answers that record no audit event, and why that is right: `when` says which
 * answers (all of the route's, or those that changed nothing). A 2xx without an
 * audit row anywhere else fails the test.
 */
const NOT_AUDITED: Record<string, { why: string; when: (answer: any) => boolean }> = {
  "POST /api/notifications/:notificationId/read": { why: "marking one's own notification read changes no record of a child or a visit", when: () => true },
  "POST /api/evaluate": { why: "evaluates a register sent in the body; it stores nothing", when: () => true },
  "POST /api/visits/:visitId/cancel": { why: "cancelling again answers with the first cancellation and changes nothing (the route's summary)", when: (a) => a?.duplicate === true },
  "DELETE /api/calendar/:day": { why: "removing a day that was not a closure changes nothing", when: (a) => a?.removed === 0 },
  "POST /api/imports/wonde/sync": {
    why: "a sync that finds nothing new changes no record (the feed's status is not a record); a sync that changes pupils or marks audits them",
    when: (a) => a?.outcome?.status !== "synced" || (a.outcome.marksChanged === 0 && a.outcome.pupilsChanged === 0 && a.outcome.leavers === 0),
  },
  // The answer is the same for every address by design; only a request for a real account writes (and audits) anything.
  "POST /api/auth/password-reset": { why: "an address with no account changes nothing, and the answer must not say which it was", when: () => true },
  "DELETE /api/account/passkeys/:passkeyId": { why: "removing a passkey already gone changes nothing (a repeated request)", when: (a) => a?.removed === false },
};

/** Routes that may answer 2xx to a request carrying another school's id, and why that leaks nothing. */
const OTHER_SCHOOL_IGNORED: Record<string, string> = {
  "POST /api/notifications/:notificationId/read": "acts only on the caller's own notifications: anyone else's id changes nothing",
};

/** Refusals that are recorded on purpose: a 4xx that adds audit rows. */
const AUDITED_REFUSALS: Record<string, string> = {
  "POST /api/auth/login": "every sign-in outcome is audited (src/app/auth/login.ts): a failed attempt against an account is evidence",
  "POST /api/auth/second-factor": "a wrong code against a real sign-in is counted towards the lock and audited (src/app/auth/second-factor.ts)",
  "POST /api/account/second-factor/confirm": "a wrong code is counted towards the lock and audited, as at sign-in (src/app/auth/second-factor.ts)",
  "POST /api/account/recovery-codes": "a wrong code is counted towards the lock and audited, as at sign-in (src/app/auth/second-factor.ts)",
};

interface Route {
  key: string;
  method: string;
  url: string;
  params: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

interface Sent {
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  /** Where one part was broken on purpose ("body.x", "params.visitId"), if anywhere. */
  broken?: string;
  /** Carries the id of a row of the other school. */
  otherSchool: boolean;
}

let db: DatabaseHandle;
let server: TestServer;
let schoolId: string;
let otherSchoolId: string;
const clients = new Map<Role, TestClient>();
let routes: Route[] = [];
const ctx: SchemaContext = { today: TODAY };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "100000", LOG_LEVEL: process.env.FUZZ_LOG ?? "silent" });
  server.clock.now = new Date(`${TODAY}T10:00:00Z`);
  schoolId = (await seedDemo(db, TODAY)).schoolId;

  // Another school with a pupil, a visit and staff: its ids are valid uuids that must never reach in
  // (a demo one: a real school on the machine would switch the demo accounts off).
  otherSchoolId = (await buildSchool(db, { demo: true })).id;
  await buildStaff(db, otherSchoolId, ["headteacher"]);
  await db.db.insert(pupils).values({ schoolId: otherSchoolId, upn: "Z999999999999", firstName: "Other", lastName: "Child" });
  await db.db.insert(visits).values({ schoolId: otherSchoolId, purpose: "safe_and_well", state: "proposed", day: TODAY });

  for (const s of DEMO_STAFF) {
    const c = new TestClient(server.url);
    const r = await c.login(s.email, DEMO_PASSWORD);
    if (r.status !== 200) throw new Error(`${s.email} could not sign in: ${r.text}`);
    for (const role of s.roles) if (!clients.has(role)) clients.set(role, c);
    const [me] = await db.db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, s.roles[0]!)).limit(1);
    if (me) await db.db.insert(notifications).values({ schoolId, userId: me.userId, kind: "fuzz", title: "Fuzz", body: "A notification to mark read" });
  }

  const doc = (await clients.get("headteacher")!.request("GET", "/api/docs/json")).body as { paths: Record<string, Record<string, any>> };
  routes = server.app.apiRoutes
    .filter((k) => !k.startsWith("GET ") && !UPLOADS.has(k))
    .filter((k) => !process.env.FUZZ_ONLY || k.includes(process.env.FUZZ_ONLY))
    .map((key) => {
      const [method, url] = key.split(" ") as [string, string];
      const op = doc.paths[url.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()] ?? {};
      const parameters: { in: string; name: string; schema: JsonSchema }[] = op.parameters ?? [];
      return {
        key,
        method,
        url,
        params: parameters.filter((p) => p.in === "path"),
        query: parameters.filter((p) => p.in === "query"),
        body: op.requestBody?.content?.["application/json"]?.schema,
      };
    });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

// ---- ids: an IdRef becomes a real row's id when the request is sent ----

const pools = new Map<string, string[]>();

async function pool(kind: IdKind, school: string): Promise<string[]> {
  const key = `${kind} ${school}`;
  const cached = pools.get(key);
  if (cached) return cached;
  const ids = async (q: Promise<{ id: string }[]>) => (await q).map((r) => r.id);
  let found: string[] = [];
  switch (kind) {
    case "school":
      found = [school];
      break;
    case "pupil":
      found = await ids(db.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.schoolId, school)).orderBy(pupils.upn));
      break;
    case "visit":
      found = await ids(db.db.select({ id: visits.id }).from(visits).where(eq(visits.schoolId, school)).orderBy(visits.createdAt, visits.day, visits.purpose, visits.state));
      break;
    case "staff":
      found = await ids(db.db.selectDistinct({ id: users.id, email: users.email }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id)).where(eq(userRoles.schoolId, school)).orderBy(users.email));
      break;
    case "notification":
      found = await ids(db.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.schoolId, school)).orderBy(notifications.createdAt));
      break;
    case "training":
      found = await ids(db.db.select({ id: staffTraining.id }).from(staffTraining).innerJoin(userRoles, and(eq(userRoles.userId, staffTraining.userId), eq(userRoles.schoolId, school), isNotNull(userRoles.schoolId))).orderBy(staffTraining.completedOn, staffTraining.kind));
      break;
    case "alert":
      found = await ids(db.db.select({ id: safetyAlerts.id }).from(safetyAlerts).where(eq(safetyAlerts.schoolId, school)).orderBy(safetyAlerts.raisedAt));
      break;
    case "concern":
      found = await ids(db.db.select({ id: safeguardingConcerns.id }).from(safeguardingConcerns).where(eq(safeguardingConcerns.schoolId, school)).orderBy(safeguardingConcerns.raisedAt));
      break;
    case "referral":
      found = await ids(db.db.select({ id: referrals.id }).from(referrals).where(eq(referrals.schoolId, school)).orderBy(referrals.createdAt));
      break;
    case "agreement":
      found = await ids(db.db.select({ id: agreements.id }).from(agreements).where(eq(agreements.schoolId, school)).orderBy(agreements.createdAt));
      break;
    case "incident":
      found = await ids(db.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.schoolId, school)).orderBy(incidents.createdAt));
      break;
    case "fresh":
      break;
  }
  pools.set(key, found);
  return found;
}

/** Set when a request carries a real row of the other school: no such request may succeed. */
let carriesOtherSchool = false;

async function resolve(v: unknown): Promise<unknown> {
  if (v instanceof IdRef) {
    if (v.school === "none") return crypto.randomUUID();
    const found = await pool(v.kind, v.school === "own" ? schoolId : otherSchoolId);
    if (v.school === "other" && v.inIdField && found.length) carriesOtherSchool = true;
    // Counted from the newest row: what the run just made (a visit, a concern) is what the next steps act on.
    return found.length ? found[found.length - 1 - (v.n % found.length)] : crypto.randomUUID();
  }
  if (Array.isArray(v)) return Promise.all(v.map(resolve));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: await resolve(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

// ---- requests ----

const JUNK_BODIES = ["", "{", "null", "[]", '"text"', "1e999999", "[".repeat(5000) + "]".repeat(5000), '{"a":' + "1".repeat(400) + "}", "\u0000", '{"x":"\\u0000"}', "\uFEFF{}"];

function pathPart(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  // A lone surrogate cannot be put in a URL as it is; its UTF-8 (U+FFFD) can.
  return [...Buffer.from(text, "utf8")].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0").toUpperCase()}`)).join("");
}

interface Plan {
  params: [unknown, unknown][];
  b: { body?: unknown; raw?: string; at?: string; bad: "none" | "part" | "whole" };
  q: [string, unknown] | null;
  brokenAt: number;
}

function requestArb(route: Route): fc.Arbitrary<Plan> {
  const paramArbs = route.params.map((p) => fc.tuple(validValue(p.schema, ctx, p.name), badValue(ctx)));
  const body: fc.Arbitrary<Plan["b"]> = route.body
    ? fc.oneof(
        { weight: 3, arbitrary: validValue(route.body, ctx).map((body) => ({ body, bad: "none" as const })) },
        // Sign-in: random credentials never match, so the right ones sometimes, for an account of its own.
        { weight: route.key === "POST /api/auth/login" ? 2 : 0, arbitrary: fc.constant({ body: { email: signer.email, password: TEST_PASSWORD }, bad: "none" as const }) },
        { weight: 4, arbitrary: mutatedValue(route.body, ctx).map(({ value, at }) => (at ? { body: value, at, bad: "part" as const } : { body: value, bad: "whole" as const })) },
        { weight: 1, arbitrary: fc.constantFrom(...JUNK_BODIES).map((raw) => ({ raw, bad: "whole" as const })) },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant({ bad: "none" as const }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((body) => ({ body, bad: "whole" as const })) });
  const query = fc.option(fc.tuple(fc.constantFrom("x", "state", "from", "fileName", "__proto__"), fc.constantFrom<unknown>("1", "\u0000", "é".repeat(5000), "[]", "2026-02-30")), { freq: 4 });
  // At most one parameter broken at a time, so a 400 can be held to naming it.
  const brokenParam = route.params.length ? fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: route.params.length - 1 }) }) : fc.constant(-1);
  return fc.record({ params: fc.tuple(...paramArbs) as fc.Arbitrary<[unknown, unknown][]>, b: body, q: query, brokenAt: brokenParam });
}

async function build(route: Route, plan: Plan): Promise<Sent> {
  carriesOtherSchool = false;
  let path = route.url;
  let broken: string | undefined = plan.b.bad === "part" ? `body.${plan.b.at}` : plan.b.bad === "whole" ? "several" : undefined;
  for (let i = 0; i < route.params.length; i++) {
    const p = route.params[i]!;
    const [good, bad] = plan.params[i]!;
    if (i === plan.brokenAt) broken = broken ? "several" : `params.${p.name}`;
    const value = i === plan.brokenAt ? bad : good;
    path = path.replace(`:${p.name}`, pathPart(await resolve(value instanceof IdRef && p.schema.format !== "uuid" ? new IdRef(value.kind, value.n, value.school, false) : value)));
  }
  if (plan.q) path += `?${pathPart(plan.q[0])}=${pathPart(plan.q[1])}`;
  const body = plan.b.raw !== undefined ? {} : await resolve(plan.b.body);
  return { method: route.method, path, body, raw: plan.b.raw, broken, otherSchool: carriesOtherSchool };
}

async function auditCount(): Promise<number> {
  const [r] = await db.db.select({ n: count() }).from(auditEvents);
  return Number(r!.n);
}

const PREFERRED: Role[] = ["headteacher", "dsl", "attendance_lead", "office", "visitor", "business_manager", "deputy_dsl", "trust_admin", "governor"];

/** Who calls the route: each role the access table allows, in turn; the signed-out client for public routes. */
function callersOf(key: string): (TestClient | "fresh-session")[] {
  if (key === "POST /api/auth/logout" || key === "POST /api/auth/logout-everywhere") return ["fresh-session"];
  const access = ROUTE_ACCESS[key];
  if (!access) throw new Error(`${key} has no access rule`);
  if (access.kind === "public") return [new TestClient(server.url)];
  const allowed = access.kind === "roles" ? PREFERRED.filter((r) => access.roles.includes(r)) : PREFERRED;
  return allowed.map((r) => clients.get(r)!).filter(Boolean);
}

/** Sign-out ends sessions: it gets an account of its own, signed in afresh for each run. */
async function freshSession(): Promise<TestClient> {
  const c = new TestClient(server.url);
  const r = await c.login(leaver.email, TEST_PASSWORD);
  if (r.status !== 200) throw new Error(`leaver could not sign in: ${r.text}`);
  return c;
}
let leaver: { email: string };
let signer: { email: string };

beforeAll(async () => {
  leaver = await buildStaff(db, schoolId, ["office"]);
  signer = await buildStaff(db, schoolId, ["office"]);
});

describe("every write route: 2xx or 4xx, never 5xx; audit rows exactly for the 2xx", () => {
  it("finds the write routes in the server's table", () => {
    if (!process.env.FUZZ_ONLY) expect(routes.length).toBeGreaterThan(40);
    for (const r of routes) if (r.params.length) expect(r.params.map((p) => p.name).sort()).toEqual([...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]).sort());
  });

  it("drives each write route with random valid and broken input", async () => {
    const problems: string[] = [];
    const twoHundreds = new Map<string, number>();
    for (const route of routes) {
      const callers = callersOf(route.key);
      let turn = 0;
      const routeSeed = SEED + [...route.key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 0);
      try {
        await fc.assert(
          fc.asyncProperty(requestArb(route), async (plan) => {
            const sent = await build(route, plan);
            const pick = callers[turn++ % callers.length]!;
            const client = pick === "fresh-session" ? await freshSession() : pick;
            const before = await auditCount();
            const res = await client.request(sent.method, sent.path, sent.body, sent.raw !== undefined ? { rawBody: sent.raw } : {});
            const after = await auditCount();
            if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, `${plan.b.bad} ${sent.broken ?? "-"} | ${sent.method} ${sent.path} ${JSON.stringify(sent.body)?.slice(0, 400)} → ${res.status} ${res.text.slice(0, 300)}\n`);
            const what = `${sent.method} ${sent.path} ${sent.raw !== undefined ? `raw ${JSON.stringify(sent.raw.slice(0, 80))}` : JSON.stringify(sent.body)?.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`;
            expect(res.status, what).toBeGreaterThanOrEqual(200);
            expect(res.status, what).toBeLessThan(500);
            if (res.status >= 400) {
              expect(typeof res.body?.message, what).toBe("string");
              expect(res.body.message.length, what).toBeGreaterThan(0);
              // One broken parameter, or one broken part of a body that is still JSON the parser takes: the 400 names a field.
              const oneBrokenPart = sent.broken?.startsWith("params.") || (sent.broken?.startsWith("body.") && !/JSON/.test(res.body.message));
              if (res.status === 400 && oneBrokenPart) expect(res.body.field, `a 400 without a field: ${what}`).toBeTruthy();
              if (!AUDITED_REFUSALS[route.key]) expect(after - before, `a refusal added audit rows: ${what}`).toBe(0);
            } else {
              if (sent.otherSchool && !OTHER_SCHOOL_IGNORED[route.key]) expect.fail(`another school's id was accepted: ${what}`);
              twoHundreds.set(route.key, (twoHundreds.get(route.key) ?? 0) + 1);
              pools.clear();
              const replay = res.headers.get("idempotent-replay") === "true";
              if (!NOT_AUDITED[route.key]?.when(res.body) && !replay) expect(after - before, `a write answered ${res.status} without an audit row: ${what}`).toBeGreaterThan(0);
            }
          }),
          { numRuns: RUNS, seed: routeSeed, endOnFailure: true },
        );
      } catch (e) {
        problems.push(`${route.key} (FUZZ_SEED=${SEED}, route seed ${routeSeed}):\n${(e as Error).message.split("\n").filter((l) => !l.startsWith("Counterexample") && !l.startsWith("Hint")).map((l) => l.slice(0, 600)).join("\n")}\n${String(((e as Error).cause as Error | undefined)?.message ?? "").slice(0, 1500)}`);
      }
    }
    console.log(`write routes fuzzed: ${routes.length}; answered 2xx at least once: ${[...twoHundreds.keys()].length} (${[...twoHundreds].map(([k, n]) => `${k} ×${n}`).join(", ")})`);
    expect(problems, problems.join("\n\n")).toEqual([]);
  }, 600_000);
});
