/**
 * The callback leg: the pending sign-in is taken (deleted) in the same statement that reads
 * it, so a state works once; openid-client checks the state, exchanges the code with the
 * PKCE verifier and checks the ID token's signature, issuer, audience and nonce; then the
 * school's rules (tenant or domain, a verified email) and an existing, enabled account
 * working at the school. Doorstep never creates an account here.
 */
import * as oidc from "openid-client";
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { ssoLogins, users } from "../../../db/schema";
import { DomainError } from "../../../domain/errors";
import { checkIdentity, providerCheckedSecondFactor, SSO_REFUSAL_MESSAGES, type SsoRefusal } from "../../../domain/sign-on/identity";
import { openChallenge, secondFactorStepFor, type Challenge } from "../second-factor";
import { writeAudited } from "../../audit/write-audited";
import { rolesOfUser } from "../../people/roles-of-user";
import { createSession, hashToken, type NewSession } from "../sessions";
import { clientConfiguration, findSchoolSso, type SsoDeps } from "./provider";

export type SignOnOutcome =
  | ({ kind: "session"; userId: string; schoolId: string } & NewSession)
  | ({ kind: "second_factor_pending"; userId: string; schoolId: string } & Challenge);

export class SsoRefused extends DomainError {
  constructor(
    readonly reason: SsoRefusal,
    /** For the server's log: what the provider or the library said. */
    readonly detail?: string,
  ) {
    super("unauthenticated", SSO_REFUSAL_MESSAGES[reason]);
    this.name = "SsoRefused";
  }
}

export async function finishSignOn(
  db: Database,
  deps: SsoDeps,
  /** The callback URL as the browser requested it (query included). */
  callback: URL,
  browserToken: string | undefined,
  now: Date,
  sessionHours: number,
  /** REQUIRE_SECOND_FACTOR: the roles that read records must show a second factor (src/domain/people/second-factor.ts). */
  rolesRequireSecondFactor: boolean,
): Promise<SignOnOutcome> {
  const state = callback.searchParams.get("state");
  if (!state) throw new SsoRefused("stale_request", "no state");
  const [pending] = await db.delete(ssoLogins).where(eq(ssoLogins.stateHash, hashToken(state))).returning();
  if (!pending) throw new SsoRefused("stale_request", "state unknown or already used");
  if (pending.expiresAt <= now) throw new SsoRefused("stale_request", "state expired");
  if (!browserToken || hashToken(browserToken) !== pending.browserHash) throw new SsoRefused("stale_request", "started in another browser");
  const row = await findSchoolSso(db, pending.schoolId);
  if (!row) throw new SsoRefused("stale_request", "single sign-on switched off meanwhile");

  const providerError = callback.searchParams.get("error");
  if (providerError) throw new SsoRefused("provider_refused", providerError);
  // The URL the provider redirected to, as registered (a proxy may have rewritten the host).
  const current = new URL(pending.redirectUri);
  current.search = callback.search;
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(await clientConfiguration(row, deps), current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
  } catch (err) {
    throw new SsoRefused("provider_refused", err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }

  const checked = checkIdentity(row, claims);
  if (!checked.ok) throw new SsoRefused(checked.reason, `${row.provider} tid=${String(claims.tid)} hd=${String(claims.hd)}`);
  const { email, amr } = checked.identity;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new SsoRefused("no_account");
  const actor = { userId: user.id, name: user.name };
  const refuse = async (reason: SsoRefusal) => {
    await writeAudited(db, actor, (_tx, audit) =>
      audit({ action: "login_refused", entity: "user", entityId: user.id, schoolId: row.schoolId, after: { method: "sso", provider: row.provider, reason } }),
    );
    return new SsoRefused(reason);
  };
  if (user.disabled) throw await refuse("disabled");
  // The school's directory vouches for its own staff, not for a colleague at another school.
  if (!(await rolesOfUser(db, user.id)).some((s) => s.schoolId === row.schoolId)) throw await refuse("not_at_school");

  // The provider's own second factor (amr "mfa") stands for Doorstep's; otherwise Doorstep asks, as after a password.
  const step = providerCheckedSecondFactor(amr) ? null : await secondFactorStepFor(db, user, rolesRequireSecondFactor);
  return writeAudited(db, actor, async (tx, audit): Promise<SignOnOutcome> => {
    if (step) {
      const challenge = await openChallenge(tx, user.id, step, "sso", now);
      await audit({ action: "login_second_factor_pending", entity: "user", entityId: user.id, schoolId: row.schoolId, after: { method: "sso", provider: row.provider, step } });
      return { kind: "second_factor_pending", ...challenge, userId: user.id, schoolId: row.schoolId };
    }
    const session = await createSession(tx, user.id, row.schoolId, now, sessionHours, { amr });
    await audit({ action: "login", entity: "user", entityId: user.id, schoolId: row.schoolId, after: { method: "sso", provider: row.provider, amr } });
    return { kind: "session", ...session, userId: user.id, schoolId: row.schoolId };
  });
}
