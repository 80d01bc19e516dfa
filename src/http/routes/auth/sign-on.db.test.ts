/**
 * Single sign-on end to end over HTTP: the real server, a real OpenID Provider on loopback
 * (oidc-provider, standing in for Entra ID and Google), and a browser-like client that
 * follows redirects between the two, keeping each host's cookies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../../db/client";
import { auditEvents, schools, schoolSso, sessions, ssoLogins, users } from "../../../db/schema";
import { openTestDatabase } from "../../../test/test-database";
import { startTestServer, type TestServer } from "../../../test/test-server";
import { TestClient } from "../../../test/http-client";
import { buildSchool, buildStaff, TEST_PASSWORD } from "../../../test/factories";
import { startOidcTestProvider, type IdpAccount, type OidcTestProvider } from "../../../test/oidc-test-provider";

const TENANT = "5b1e2a34-8c6d-4f0e-9a7b-1c2d3e4f5a6b";
const OTHER_TENANT = "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f";
const DOMAIN = "hunsburypark.sch.uk";

/** A browser: follows redirects across hosts, one cookie jar per host. */
class Browser {
  private jars = new Map<string, Map<string, string>>();
  async go(start: string, stopAt?: (url: URL) => boolean): Promise<{ url: URL; status: number }> {
    let url = new URL(start);
    for (let hops = 0; hops < 20; hops++) {
      if (stopAt?.(url)) return { url, status: 0 };
      const jar = this.jars.get(url.host) ?? new Map<string, string>();
      this.jars.set(url.host, jar);
      const res = await fetch(url, { redirect: "manual", headers: jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } : {} });
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(";");
        const at = pair!.indexOf("=");
        const name = pair!.slice(0, at).trim();
        const value = pair!.slice(at + 1);
        const expired = attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()) || /^max-age=0$/i.test(a.trim()));
        if (expired || value === "") jar.delete(name);
        else jar.set(name, value);
      }
      await res.arrayBuffer();
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { url, status: res.status };
      url = new URL(location, url);
    }
    throw new Error("too many redirects");
  }
  cookie(host: string, name: string) {
    return this.jars.get(host)?.get(name);
  }
  /** A TestClient holding this browser's Doorstep session, to call the API as it. */
  client(base: string) {
    const c = new TestClient(base);
    const token = this.cookie(new URL(base).host, "doorstep_session");
    (c as unknown as { cookie: string }).cookie = token ? `doorstep_session=${token}` : "";
    return c;
  }
}

let db: DatabaseHandle;
let server: TestServer;
let idp: OidcTestProvider;
let msSchool: { id: string };
let googleSchool: { id: string };
let visitor: { id: string; email: string };
let head: { id: string; email: string };

const isCallback = (u: URL) => u.pathname === "/api/auth/sso/callback";

beforeAll(async () => {
  db = await openTestDatabase();
  idp = await startOidcTestProvider();
  server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", SSO_ISSUER_OVERRIDE: idp.issuer });
  const redirect = `${server.url}/api/auth/sso/callback`;
  idp.register({ clientId: "doorstep-ms", clientSecret: "ms-secret-from-entra" }, redirect);
  idp.register({ clientId: "doorstep-google", clientSecret: "google-secret" }, redirect);
  msSchool = await buildSchool(db, { name: "Hunsbury Park Primary" });
  googleSchool = await buildSchool(db, { name: "Coteford Junior" });
  head = await buildStaff(db, msSchool.id, ["headteacher"], "head@hunsburypark.sch.uk");
  visitor = await buildStaff(db, msSchool.id, ["visitor"], "Siobhan.OCeallaigh@hunsburypark.sch.uk".toLowerCase());
  const headClient = new TestClient(server.url);
  await headClient.login(head.email, TEST_PASSWORD);
  const put = await headClient.request("PUT", "/api/school/sso", {
    provider: "microsoft",
    tenantId: TENANT,
    clientId: "doorstep-ms",
    clientSecret: "ms-secret-from-entra",
    slug: "hunsbury-park",
    enabled: true,
  });
  expect(put.status, put.text).toBe(200);
  const gHead = await buildStaff(db, googleSchool.id, ["headteacher"]);
  const gClient = new TestClient(server.url);
  await gClient.login(gHead.email, TEST_PASSWORD);
  const gPut = await gClient.request("PUT", "/api/school/sso", { provider: "google", domain: DOMAIN.replace("hunsburypark", "coteford"), clientId: "doorstep-google", clientSecret: "google-secret", slug: "coteford", enabled: true });
  expect(gPut.status, gPut.text).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await idp?.close();
  await db?.close();
});

function msAccount(over: Partial<IdpAccount> = {}): IdpAccount {
  return { sub: `ms-${Math.random()}`, email: visitor.email, email_verified: true, tid: TENANT, amr: ["pwd", "mfa"], ...over };
}

async function signOn(slug: string, account: IdpAccount) {
  idp.signInNext(account);
  const browser = new Browser();
  const end = await browser.go(`${server.url}/api/auth/sso/${slug}/start`);
  return { browser, end };
}

describe("single sign-on against a loopback OpenID provider", () => {
  it("signs a member of staff in with Microsoft, into the school, keeping the provider's amr on the session, audited", async () => {
    const { browser, end } = await signOn("hunsbury-park", msAccount());
    expect(end.url.pathname).toBe("/");
    const me = await browser.client(server.url).request("GET", "/api/session");
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(visitor.id);
    expect(me.body.schoolId).toBe(msSchool.id);
    const [s] = await db.db.select().from(sessions).where(eq(sessions.userId, visitor.id));
    expect(s!.amr).toEqual(["pwd", "mfa"]);
    const logins = await db.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, visitor.id));
    expect(logins.map((a) => a.action)).toContain("login");
    expect(logins.find((a) => a.action === "login")!.after).toMatchObject({ method: "sso", provider: "microsoft" });
  });

  it("where the school asks everyone for a second factor, a sign-on without the provider's own (amr mfa) goes to Doorstep's second step; with it, straight in", async () => {
    await db.db.update(schools).set({ secondFactorForEveryone: true }).where(eq(schools.id, msSchool.id));
    try {
      const before = (await db.db.select().from(sessions).where(eq(sessions.userId, visitor.id))).length;
      const { end } = await signOn("hunsbury-park", msAccount({ amr: ["pwd"] }));
      expect(end.url.pathname).toBe("/login");
      const fragment = new URLSearchParams(end.url.hash.slice(1));
      expect(fragment.get("second-factor")).toBe("enroll");
      expect(fragment.get("challenge")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect((await db.db.select().from(sessions).where(eq(sessions.userId, visitor.id))).length).toBe(before);
      const setup = await new TestClient(server.url).request("POST", "/api/auth/second-factor/setup", { challenge: fragment.get("challenge") });
      expect(setup.status, setup.text).toBe(200);

      const straight = await signOn("hunsbury-park", msAccount({ amr: ["pwd", "mfa"] }));
      expect(straight.end.url.pathname).toBe("/");
    } finally {
      await db.db.update(schools).set({ secondFactorForEveryone: false }).where(eq(schools.id, msSchool.id));
    }
  });

  it("the start link works by the school's id too, and the sign-in page lists the schools", async () => {
    const { end } = await signOn(msSchool.id, msAccount());
    expect(end.url.pathname).toBe("/");
    const list = await new TestClient(server.url).request("GET", "/api/auth/sso/schools");
    expect(list.body.schools).toEqual([
      { slug: "coteford", schoolName: "Coteford Junior", provider: "google" },
      { slug: "hunsbury-park", schoolName: "Hunsbury Park Primary", provider: "microsoft" },
    ]);
  });

  it("refuses a Microsoft account from another tenant", async () => {
    const { browser, end } = await signOn("hunsbury-park", msAccount({ tid: OTHER_TENANT }));
    expect(end.url.pathname + end.url.search).toBe("/login?sso_error=wrong_tenant");
    expect(browser.cookie(new URL(server.url).host, "doorstep_session")).toBeUndefined();
  });

  it("refuses a Google account outside the school's Workspace domain, and one with no hd (personal Gmail)", async () => {
    const g = await buildStaff(db, googleSchool.id, ["office"], "office@coteford.sch.uk");
    const wrong = await signOn("coteford", { sub: "g-1", email: g.email, email_verified: true, hd: "elsewhere.sch.uk" });
    expect(wrong.end.url.search).toBe("?sso_error=wrong_domain");
    const gmail = await signOn("coteford", { sub: "g-2", email: g.email, email_verified: true });
    expect(gmail.end.url.search).toBe("?sso_error=wrong_domain");
    const right = await signOn("coteford", { sub: "g-3", email: g.email, email_verified: true, hd: "coteford.sch.uk" });
    expect(right.end.url.pathname).toBe("/");
    expect((await right.browser.client(server.url).request("GET", "/api/session")).body.user.email).toBe(g.email);
  });

  it("refuses an address the provider does not vouch for", async () => {
    const { end } = await signOn("hunsbury-park", msAccount({ email_verified: false }));
    expect(end.url.search).toBe("?sso_error=email_not_verified");
  });

  it("a state works once: the same callback replayed is refused, and signs no one in", async () => {
    idp.signInNext(msAccount());
    const browser = new Browser();
    const atCallback = await browser.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
    const first = await browser.go(atCallback.url.href);
    expect(first.url.pathname).toBe("/");
    const replayer = new Browser();
    const again = await browser.go(atCallback.url.href);
    expect(again.url.search).toBe("?sso_error=stale_request");
    expect((await replayer.go(atCallback.url.href)).url.search).toBe("?sso_error=stale_request");
    expect(await db.db.select().from(ssoLogins).where(eq(ssoLogins.schoolId, msSchool.id))).toEqual([]);
  });

  it("a callback opened in another browser than the one that started is refused (login CSRF)", async () => {
    idp.signInNext(msAccount());
    const victim = new Browser();
    const attacker = new Browser();
    const atCallback = await attacker.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
    const end = await victim.go(atCallback.url.href);
    expect(end.url.search).toBe("?sso_error=stale_request");
    expect(victim.cookie(new URL(server.url).host, "doorstep_session")).toBeUndefined();
  });

  it("a code already used is refused by the provider", async () => {
    idp.signInNext(msAccount());
    const browser = new Browser();
    const first = await browser.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
    expect((await browser.go(first.url.href)).url.pathname).toBe("/");
    // A fresh sign-in's state, with the first one's code.
    const second = await browser.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
    const forged = new URL(second.url);
    forged.searchParams.set("code", first.url.searchParams.get("code")!);
    expect((await browser.go(forged.href)).url.search).toBe("?sso_error=provider_refused");
  });

  it("the person cancelling at the provider (error=access_denied) comes back refused, and the state is spent", async () => {
    idp.signInNext(msAccount());
    const browser = new Browser();
    const atCallback = await browser.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
    const cancelled = new URL(atCallback.url);
    cancelled.searchParams.delete("code");
    cancelled.searchParams.set("error", "access_denied");
    expect((await browser.go(cancelled.href)).url.search).toBe("?sso_error=provider_refused");
    expect((await browser.go(atCallback.url.href)).url.search).toBe("?sso_error=stale_request");
  });

  it("an expired code is refused by the provider", async () => {
    idp.codeTtlSeconds = 1;
    try {
      idp.signInNext(msAccount());
      const browser = new Browser();
      const atCallback = await browser.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
      await new Promise((r) => setTimeout(r, 2_100));
      expect((await browser.go(atCallback.url.href)).url.search).toBe("?sso_error=provider_refused");
    } finally {
      idp.codeTtlSeconds = 60;
    }
  });

  it("a sign-in left longer than ten minutes at the provider is refused", async () => {
    idp.signInNext(msAccount());
    const browser = new Browser();
    const atCallback = await browser.go(`${server.url}/api/auth/sso/hunsbury-park/start`, isCallback);
    const started = server.clock.now;
    server.clock.now = new Date(started.getTime() + 11 * 60_000);
    try {
      expect((await browser.go(atCallback.url.href)).url.search).toBe("?sso_error=stale_request");
    } finally {
      server.clock.now = started;
    }
  });

  it("an unknown email signs no one in and creates no account", async () => {
    const before = (await db.db.select({ n: count() }).from(users))[0]!.n;
    const { end } = await signOn("hunsbury-park", msAccount({ email: "new.starter@hunsburypark.sch.uk" }));
    expect(end.url.search).toBe("?sso_error=no_account");
    expect((await db.db.select({ n: count() }).from(users))[0]!.n).toBe(before);
  });

  it("a disabled member of staff is refused, and the refusal audited", async () => {
    const leaver = await buildStaff(db, msSchool.id, ["office"], "leaver@hunsburypark.sch.uk");
    await db.db.update(users).set({ disabled: true }).where(eq(users.id, leaver.id));
    const { end } = await signOn("hunsbury-park", msAccount({ email: leaver.email }));
    expect(end.url.search).toBe("?sso_error=disabled");
    expect(await db.db.select().from(sessions).where(eq(sessions.userId, leaver.id))).toEqual([]);
    const [refusal] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "login_refused"));
    expect(refusal!.after).toMatchObject({ reason: "disabled" });
  });

  it("staff of another school are not let in through this school's directory", async () => {
    const elsewhere = await buildStaff(db, googleSchool.id, ["office"], "someone@hunsburypark-friends.sch.uk");
    const { end } = await signOn("hunsbury-park", msAccount({ email: elsewhere.email }));
    expect(end.url.search).toBe("?sso_error=not_at_school");
  });

  it("the head's settings never show the secret; it is sealed in the database; changing it is audited", async () => {
    const headClient = new TestClient(server.url);
    await headClient.login(head.email, TEST_PASSWORD);
    const got = await headClient.request("GET", "/api/school/sso");
    expect(got.body).toMatchObject({ configured: true, provider: "microsoft", tenantId: TENANT, slug: "hunsbury-park", secretSet: true, redirectUri: `${server.url}/api/auth/sso/callback` });
    expect(got.text).not.toContain("ms-secret-from-entra");
    const [row] = await db.db.select().from(schoolSso).where(eq(schoolSso.schoolId, msSchool.id));
    expect(row!.clientSecretSealed).toMatch(/^v1\./);
    expect(row!.clientSecretSealed).not.toContain("ms-secret");
    const audits = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "sso_configured"));
    expect(JSON.stringify(audits)).not.toContain("ms-secret-from-entra");
    // Keeping the secret (none sent) still signs in.
    const keep = await headClient.request("PUT", "/api/school/sso", { provider: "microsoft", tenantId: TENANT, clientId: "doorstep-ms", slug: "hunsbury-park", enabled: true });
    expect(keep.status).toBe(200);
    expect((await signOn("hunsbury-park", msAccount())).end.url.pathname).toBe("/");
    const bad = await headClient.request("PUT", "/api/school/sso", { provider: "microsoft", tenantId: "not-a-guid", clientId: "x", slug: "hunsbury-park", enabled: true });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("tenantId");
  });

  it("only the head configures it", async () => {
    const v = new TestClient(server.url);
    await v.login(visitor.email, TEST_PASSWORD);
    expect((await v.request("GET", "/api/school/sso")).status).toBe(403);
    expect((await v.request("PUT", "/api/school/sso", { provider: "google", domain: "x.org", clientId: "x", clientSecret: "y", slug: "x", enabled: true })).status).toBe(403);
  });

  it("a school switched off, or unknown, has no start link", async () => {
    expect((await new TestClient(server.url).request("GET", "/api/auth/sso/nowhere/start")).status).toBe(404);
  });
});
