/**
 * Passkeys (WebAuthn, @simplewebauthn/server), where the browser offers them (issue
 * 20): a second way to do the second step of signing in, added on the Account page
 * by someone whose authenticator-app code is already set up. The app code and its
 * recovery codes stay the way back when a passkey is lost, so a passkey cannot be
 * the only factor.
 *
 * Challenges are single-use: a registration's row is deleted as it is checked, and
 * a sign-in's challenge lives on the login challenge, which the sign-in deletes
 * conditionally (two requests with one signed answer cannot both make a session).
 * A passkey does not count wrong codes towards the lock, and is not refused by it:
 * only the holder of the device can answer, so guessing codes does not lock out the
 * person who has it.
 */
import { and, eq, gt } from "drizzle-orm";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Database, Executor } from "../../db/client";
import { loginChallenges, passkeyRegistrations, passkeys, secondFactors, users } from "../../db/schema";
import { InvalidInput, NotFound } from "../../domain/errors";
import { writeAudited, type Actor } from "../audit/write-audited";
import { hashToken } from "./sessions";
import { challengeUser, finishSignIn, SecondFactorRefused, type SignedIn } from "./second-factor";

/** Who the passkey is for: the site's host name and the origin the browser shows. */
export interface RelyingParty {
  id: string;
  origin: string;
}

const RP_NAME = "Doorstep";
const REGISTRATION_MINUTES = 5;
const NAME_MAX = 60;

/** The relying party from the public address (PUBLIC_URL, or the address the request came in on). */
export function relyingParty(origin: string): RelyingParty {
  return { id: new URL(origin).hostname, origin: new URL(origin).origin };
}

const toB64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, "base64url"));
/** The WebAuthn user handle: the account's uuid as its 16 bytes, never the email. */
const userHandle = (userId: string) => new Uint8Array(Buffer.from(userId.replace(/-/g, ""), "hex"));

export async function listPasskeys(db: Executor, userId: string) {
  const rows = await db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(passkeys.createdAt);
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}

/** The options for navigator.credentials.create; the challenge is kept for five minutes. */
export async function passkeyRegistrationOptions(db: Database, actor: Actor & { userId: string }, rp: RelyingParty, now: Date): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new NotFound("user", actor.userId);
  const [factor] = await db.select({ confirmedAt: secondFactors.confirmedAt }).from(secondFactors).where(eq(secondFactors.userId, user.id));
  if (!factor?.confirmedAt) {
    throw new InvalidInput("passkey", "set up two-factor sign-in with an authenticator app first: it and its recovery codes are the way back if a passkey is lost");
  }
  const existing = await db.select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id));
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandle(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((k) => ({ id: k.id, transports: k.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  const expiresAt = new Date(now.getTime() + REGISTRATION_MINUTES * 60_000);
  await writeAudited(db, actor, async (tx, audit) => {
    await tx
      .insert(passkeyRegistrations)
      .values({ userId: user.id, challenge: options.challenge, expiresAt, createdAt: now })
      .onConflictDoUpdate({ target: passkeyRegistrations.userId, set: { challenge: options.challenge, expiresAt, createdAt: now } });
    await audit({ action: "passkey_setup_started", entity: "user", entityId: user.id });
  });
  return options;
}

/**
 * The browser's answer to the registration options: checked, and kept as a passkey
 * called `name`. Sent again after it was kept (a lost reply), it answers the same
 * passkey and changes nothing.
 */
export async function addPasskey(db: Database, actor: Actor & { userId: string }, rp: RelyingParty, name: string, response: RegistrationResponseJSON, now: Date) {
  const label = name.trim();
  if (!label || label.length > NAME_MAX) throw new InvalidInput("name", `give the passkey a name of 1 to ${NAME_MAX} characters, such as "work laptop"`);
  const [already] = await db.select().from(passkeys).where(eq(passkeys.id, response.id));
  if (already?.userId === actor.userId) return { id: already.id, name: already.name, createdAt: already.createdAt.toISOString(), lastUsedAt: already.lastUsedAt?.toISOString() ?? null };
  if (already) throw new InvalidInput("response", "this passkey belongs to another account");
  return writeAudited(db, actor, async (tx, audit) => {
    const [pending] = await tx
      .delete(passkeyRegistrations)
      .where(and(eq(passkeyRegistrations.userId, actor.userId), gt(passkeyRegistrations.expiresAt, now)))
      .returning({ challenge: passkeyRegistrations.challenge });
    if (!pending) throw new InvalidInput("response", "adding the passkey took too long: start again");
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    }).catch(() => null);
    if (!verified?.verified) throw new InvalidInput("response", "the passkey's answer could not be checked: start again");
    const { credential } = verified.registrationInfo;
    const [row] = await tx
      .insert(passkeys)
      .values({ id: credential.id, userId: actor.userId, publicKey: toB64(credential.publicKey), counter: credential.counter, transports: credential.transports ?? [], name: label, createdAt: now })
      .returning();
    await audit({ action: "passkey_added", entity: "user", entityId: actor.userId, after: { passkey: row!.name } });
    return { id: row!.id, name: row!.name, createdAt: row!.createdAt.toISOString(), lastUsedAt: null };
  });
}

/** Removing a passkey (lost, or a device given back); removing one already gone changes nothing. */
export async function removePasskey(db: Database, actor: Actor & { userId: string }, id: string): Promise<{ removed: boolean }> {
  const [held] = await db.select({ id: passkeys.id }).from(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, actor.userId)));
  if (!held) return { removed: false };
  return writeAudited(db, actor, async (tx, audit) => {
    const gone = await tx.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, actor.userId))).returning({ name: passkeys.name });
    await audit({ action: "passkey_removed", entity: "user", entityId: actor.userId, before: { passkey: gone[0]?.name ?? null } });
    return { removed: gone.length > 0 };
  });
}

/** The options for navigator.credentials.get at the second step; the challenge is kept on the login challenge. */
export async function passkeySignInOptions(db: Database, challenge: string, rp: RelyingParty, now: Date): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { user } = await challengeUser(db, challenge, now);
  const keys = await db.select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id));
  if (!keys.length) throw new InvalidInput("passkey", "this account has no passkey: type a code from your app");
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports as AuthenticatorTransportFuture[] })),
    userVerification: "preferred",
  });
  await writeAudited(db, { userId: user.id, name: user.name }, async (tx, audit) => {
    await tx.update(loginChallenges).set({ passkeyChallenge: options.challenge }).where(eq(loginChallenges.tokenHash, hashToken(challenge)));
    await audit({ action: "passkey_sign_in_started", entity: "user", entityId: user.id });
  });
  return options;
}

/** The second step with a passkey: the signed answer checked against the kept public key, then a session. */
export async function completePasskeySignIn(db: Database, challenge: string, rp: RelyingParty, response: AuthenticationResponseJSON, now: Date, sessionHours: number): Promise<SignedIn> {
  const { user, firstFactor, passkeyChallenge } = await challengeUser(db, challenge, now);
  if (!passkeyChallenge) throw new SecondFactorRefused("passkey_refused");
  const [key] = await db.select().from(passkeys).where(and(eq(passkeys.id, response.id), eq(passkeys.userId, user.id)));
  if (!key) throw new SecondFactorRefused("passkey_refused");
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: passkeyChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: { id: key.id, publicKey: fromB64(key.publicKey), counter: key.counter, transports: key.transports as AuthenticatorTransportFuture[] },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) throw new SecondFactorRefused("passkey_refused");
  return writeAudited(db, { userId: user.id, name: user.name }, async (tx, audit) => {
    const spent = await tx
      .delete(loginChallenges)
      .where(and(eq(loginChallenges.tokenHash, hashToken(challenge)), eq(loginChallenges.passkeyChallenge, passkeyChallenge)))
      .returning({ userId: loginChallenges.userId });
    if (!spent.length) throw new SecondFactorRefused("challenge_expired");
    await tx.update(passkeys).set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: now }).where(eq(passkeys.id, key.id));
    return finishSignIn(tx, audit, user.id, challenge, { firstFactor, secondFactor: "passkey" }, now, sessionHours);
  });
}
