/**
 * Single sign-on (OpenID Connect): the sign-in page's choices, the start and callback legs,
 * and the head's settings. The callback's answer is always a redirect back into the web app,
 * to the home page signed in, or to the sign-in page with the reason.
 */
import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppInstance } from "../../server";
import { startSignOn, SIGN_ON_MINUTES } from "../../../app/auth/sso/start-sign-on";
import { finishSignOn, SsoRefused } from "../../../app/auth/sso/finish-sign-on";
import { configureSignOn, signOnChoices, signOnSettings } from "../../../app/auth/sso/configure-sign-on";
import { ssoSecretKey } from "../../../app/auth/sso/secret-box";
import type { SsoDeps } from "../../../app/auth/sso/provider";
import { actorOf, schoolOf } from "../../auth-hook";
import { overHttps, setSessionCookie } from "../../session-cookie";
import { SignOnProvider, SignOnSchools, SignOnSettings } from "../../../contracts/sign-on";

const Redirect = z.null().describe("A redirect (303): Location says where");
/** Ties a sign-in to the browser that started it. Lax, since the provider's redirect back is a cross-site navigation. */
const BROWSER_COOKIE = "doorstep_sso";
const browserCookieName = (secure: boolean) => (secure ? `__Host-${BROWSER_COOKIE}` : BROWSER_COOKIE);

function callbackUri(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}/api/auth/sso/callback`;
}

export function signOnRoutes(app: AppInstance) {
  const { config, database } = app.deps;
  const db = database.db;
  let key: Buffer | undefined;
  const deps: SsoDeps = { key: () => (key ??= ssoSecretKey(config)), issuerOverride: config.SSO_ISSUER_OVERRIDE };
  const rateLimit = { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute" };

  app.get(
    "/api/auth/sso/schools",
    {
      schema: {
        tags: ["auth"],
        summary: "The schools whose staff can sign in with Microsoft or Google, for the sign-in page",
        response: { 200: SignOnSchools },
      },
    },
    async () => ({ schools: await signOnChoices(db) }),
  );

  app.get(
    "/api/auth/sso/:schoolSlugOrId/start",
    {
      config: { rateLimit },
      schema: {
        tags: ["auth"],
        summary: "Go to the school's identity provider to sign in (the school by its sign-in name or id)",
        params: z.object({ schoolSlugOrId: z.string().min(1).max(100) }),
        response: { 303: Redirect },
      },
    },
    async (req, reply) => {
      const started = await startSignOn(db, deps, req.params.schoolSlugOrId, callbackUri(req), app.deps.now());
      const secure = overHttps(req, config.COOKIE_SECURE);
      reply.setCookie(browserCookieName(secure), started.browserToken, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: SIGN_ON_MINUTES * 60 });
      return reply.redirect(started.authorizationUrl.href, 303);
    },
  );

  app.get(
    "/api/auth/sso/callback",
    {
      config: { rateLimit },
      schema: {
        tags: ["auth"],
        summary: "Where the identity provider sends the browser back; signs in and goes to the home page",
        querystring: z.object({
          code: z.string().max(4000).optional(),
          state: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
          iss: z.string().max(500).optional(),
          session_state: z.string().max(500).optional(),
          scope: z.string().max(1000).optional(),
          authuser: z.string().max(20).optional(),
          hd: z.string().max(253).optional(),
          prompt: z.string().max(100).optional(),
        }),
        response: { 303: Redirect },
      },
    },
    async (req, reply) => {
      const secure = overHttps(req, config.COOKIE_SECURE);
      const browserToken = req.cookies[browserCookieName(secure)];
      reply.clearCookie(browserCookieName(secure), { httpOnly: true, sameSite: "lax", secure, path: "/" });
      try {
        const url = new URL(req.url, "http://callback.invalid");
        const s = await finishSignOn(db, deps, url, browserToken, app.deps.now(), config.SESSION_HOURS, config.REQUIRE_SECOND_FACTOR);
        // The second step happens on the sign-in page; the challenge rides in the fragment, which no server or Referer sees.
        if (s.kind === "second_factor_pending") return reply.redirect(`/login#${new URLSearchParams({ "second-factor": s.step, challenge: s.challenge, expires: s.expiresAt.toISOString(), ...(s.passkey ? { passkey: "1" } : {}) })}`, 303);
        setSessionCookie(req, reply, config.COOKIE_SECURE, s.token, s.expiresAt);
        return reply.redirect("/", 303);
      } catch (err) {
        if (!(err instanceof SsoRefused)) throw err;
        req.log.info({ reason: err.reason, detail: err.detail }, "single sign-on refused");
        return refusedTo(reply, err);
      }
    },
  );

  app.get(
    "/api/school/sso",
    { schema: { tags: ["auth"], summary: "This school's single sign-on settings (never the secret)", response: { 200: SignOnSettings } } },
    async (req) => ({ ...(await signOnSettings(db, schoolOf(req))), redirectUri: callbackUri(req) }),
  );

  app.put(
    "/api/school/sso",
    {
      schema: {
        tags: ["auth"],
        summary: "Switch single sign-on on, change it, or off, for this school (audited; the secret is sealed)",
        body: z.object({
          provider: SignOnProvider,
          tenantId: z.string().max(100).nullish(),
          domain: z.string().max(253).nullish(),
          clientId: z.string().trim().min(1).max(300),
          clientSecret: z.string().max(500).optional(),
          slug: z.string().min(1).max(60),
          enabled: z.boolean(),
        }),
        response: { 200: SignOnSettings },
      },
    },
    async (req) => ({ ...(await configureSignOn(db, actorOf(req), schoolOf(req), req.body, deps.key(), app.deps.now())), redirectUri: callbackUri(req) }),
  );
}

function refusedTo(reply: FastifyReply, err: SsoRefused) {
  return reply.redirect(`/login?sso_error=${encodeURIComponent(err.reason)}`, 303);
}
