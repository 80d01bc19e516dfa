/**
 * The session cookie's name and flags, and when the browser is told to keep to
 * HTTPS. Over HTTPS (directly, or through a trusted proxy's X-Forwarded-Proto)
 * the cookie is `__Host-doorstep_session`: the browser then accepts it only with
 * Secure, Path=/ and no Domain, so neither a sibling subdomain nor a plain-http
 * page can plant or overwrite a session (fixation). Plain http (development on
 * http://localhost, the e2e run) keeps the plain name, which browsers would refuse
 * with the prefix.
 */
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "doorstep_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** `COOKIE_SECURE` forces either way; otherwise the protocol the client used (Fastify honours TRUST_PROXY). */
export function overHttps(req: FastifyRequest, forced: boolean | undefined): boolean {
  return forced ?? req.protocol === "https";
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The token the request carries under the name its protocol calls for: over HTTPS a
 * plain-named cookie is ignored, since anyone on the network could have set it.
 */
export function sessionTokenOf(req: FastifyRequest, forced: boolean | undefined): string | undefined {
  return req.cookies[sessionCookieName(overHttps(req, forced))];
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, forced: boolean | undefined, token: string, expires: Date) {
  const secure = overHttps(req, forced);
  reply.setCookie(sessionCookieName(secure), token, { httpOnly: true, sameSite: "strict", secure, path: "/", expires });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, forced: boolean | undefined) {
  const secure = overHttps(req, forced);
  reply.clearCookie(sessionCookieName(secure), { httpOnly: true, sameSite: "strict", secure, path: "/" });
}

/** A year, with subdomains: helmet's default, sent only where it means something (HTTPS). */
export const HSTS = "max-age=31536000; includeSubDomains";
