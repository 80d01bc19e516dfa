/**
 * The first leg of an OpenID Connect sign-in (authorization code with PKCE): fresh state,
 * nonce and code verifier kept server-side, and the browser sent to the school's provider.
 */
import * as oidc from "openid-client";
import { lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { ssoLogins } from "../../../db/schema";
import { NotFound } from "../../../domain/errors";
import { hashToken, newToken } from "../sessions";
import { clientConfiguration, findSchoolSso, type SsoDeps } from "./provider";

/** Long enough to type a password and approve a phone prompt; short enough that a stolen link is stale. */
export const SIGN_ON_MINUTES = 10;

export async function startSignOn(
  db: Database,
  deps: SsoDeps,
  slugOrId: string,
  redirectUri: string,
  now: Date,
): Promise<{ authorizationUrl: URL; browserToken: string; expiresAt: Date }> {
  const row = await findSchoolSso(db, slugOrId);
  if (!row) throw new NotFound("Single sign-on for this school", "school");
  const config = await clientConfiguration(row, deps);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const browserToken = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_ON_MINUTES * 60_000);
  // Protocol bookkeeping, not a school record: no audit row until the sign-in's outcome.
  await db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, now));
  await db.insert(ssoLogins).values({
    stateHash: hashToken(state),
    schoolId: row.schoolId,
    browserHash: hashToken(browserToken),
    nonce,
    codeVerifier,
    redirectUri,
    createdAt: now,
    expiresAt,
  });
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  };
  // A hint for Google's account chooser only; the `hd` claim is what is checked on the way back.
  if (row.provider === "google" && row.domain) parameters.hd = row.domain;
  return { authorizationUrl: oidc.buildAuthorizationUrl(config, parameters), browserToken, expiresAt };
}
