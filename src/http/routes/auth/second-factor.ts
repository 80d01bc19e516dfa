/** Two-factor sign-in, the Account page and the head's unlock and reset (issue 20). */
import { z } from "zod";
import type { AppInstance } from "../../server";
import {
  completeSecondFactor,
  confirmOwnEnrolment,
  replaceRecoveryCodes,
  resetSecondFactor,
  schoolSecondFactor,
  secondFactorStatus,
  setSchoolSecondFactor,
  startEnrolment,
  startOwnEnrolment,
} from "../../../app/auth/second-factor";
import { addPasskey, completePasskeySignIn, passkeyRegistrationOptions, passkeySignInOptions, relyingParty, removePasskey } from "../../../app/auth/passkeys";
import { publicOrigin } from "../../../app/notify/reply-links";
import { changeOwnPassword, listOwnSessions, unlockAccount } from "../../../app/auth/account";
import { actorOf, schoolOf } from "../../auth-hook";
import { answerSignedIn } from "./session";
import { Ok } from "../../../contracts/common";
import {
  AccountView,
  PasskeyAuthenticationResponse,
  PasskeyOptions,
  PasskeyRegistrationResponse,
  PasskeyView,
  PasswordChanged,
  RecoveryCodes,
  SchoolSecondFactor,
  SecondFactorEnrolment,
  SecondFactorSignedIn,
  SessionsEnded,
  SessionView,
} from "../../../contracts/session";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

const Challenge = z.string().min(20).max(200);
const UserParams = z.object({ userId: z.uuid() });
const Code = z.string().trim().min(6).max(20);

export function secondFactorRoutes(app: AppInstance) {
  const { config, database } = app.deps;
  const db = database.db;
  const limited = { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute" } };
  const settings = { rolesRequire: config.REQUIRE_SECOND_FACTOR, maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES, sessionHours: config.SESSION_HOURS };

  app.post(
    "/api/auth/second-factor/setup",
    {
      config: limited,
      schema: {
        tags: ["auth"],
        summary: "First sign-in of an account that must use two-factor sign-in: a new secret and its QR code, made on the server",
        body: z.object({ challenge: Challenge }),
        response: { 200: SecondFactorEnrolment },
      },
    },
    async (req) => startEnrolment(db, app.deps.secondFactorKey!, req.body.challenge, app.deps.now()),
  );

  app.post(
    "/api/auth/second-factor",
    {
      config: limited,
      schema: {
        tags: ["auth"],
        summary: "The second step of signing in: the code from the phone (during set-up it confirms the secret) or a recovery code",
        body: z.object({ challenge: Challenge, code: Code }),
        response: { 200: SecondFactorSignedIn },
      },
    },
    async (req, reply) => {
      const s = await completeSecondFactor(db, app.deps.secondFactorKey!, req.body.challenge, req.body.code, app.deps.now(), settings);
      return { ...(await answerSignedIn(app, req, reply, s)), ...(s.recoveryCodes ? { recoveryCodes: s.recoveryCodes } : {}) };
    },
  );

  app.get(
    "/api/account",
    {
      schema: {
        tags: ["auth"],
        summary: "Your own account: two-factor sign-in and where you are signed in",
        response: { 200: AccountView },
      },
    },
    async (req) => ({
      secondFactor: await secondFactorStatus(db, { id: req.auth!.userId, email: req.auth!.email }, config.REQUIRE_SECOND_FACTOR),
      sessions: await listOwnSessions(db, req.auth!.userId, req.auth!.token, app.deps.now()),
    }),
  );

  // The passkey is bound to the address families and staff see (PUBLIC_URL), else the one the request came in on.
  const rpOf = (req: { protocol: string; host: string }) => relyingParty(publicOrigin(config.PUBLIC_URL, req));
  const self = (req: Parameters<typeof actorOf>[0]) => ({ ...actorOf(req), userId: req.auth!.userId });

  app.post(
    "/api/auth/passkey/options",
    {
      config: limited,
      schema: { tags: ["auth"], summary: "The second step with a passkey: the challenge for the browser to sign", body: z.object({ challenge: Challenge }), response: { 200: PasskeyOptions } },
    },
    async (req) => ({ ...(await passkeySignInOptions(db, req.body.challenge, rpOf(req), app.deps.now())) }),
  );
  app.post(
    "/api/auth/passkey",
    {
      config: limited,
      schema: {
        tags: ["auth"],
        summary: "The second step with a passkey: the browser's signed answer; a session",
        body: z.object({ challenge: Challenge, response: PasskeyAuthenticationResponse }),
        response: { 200: SessionView },
      },
    },
    async (req, reply) => {
      const s = await completePasskeySignIn(db, req.body.challenge, rpOf(req), req.body.response as unknown as AuthenticationResponseJSON, app.deps.now(), config.SESSION_HOURS);
      return answerSignedIn(app, req, reply, s);
    },
  );

  app.post(
    "/api/account/second-factor/setup",
    {
      config: limited,
      schema: { tags: ["auth"], summary: "Set up two-factor sign-in from the Account page: a new secret and its QR code", response: { 200: SecondFactorEnrolment } },
    },
    async (req) => startOwnEnrolment(db, app.deps.secondFactorKey!, req.auth!.userId, app.deps.now()),
  );
  app.post(
    "/api/account/second-factor/confirm",
    {
      config: limited,
      schema: { tags: ["auth"], summary: "The first code from the app confirms set-up; the ten recovery codes, shown once", body: z.object({ code: Code }), response: { 200: RecoveryCodes } },
    },
    async (req) => confirmOwnEnrolment(db, app.deps.secondFactorKey!, self(req), req.body.code, app.deps.now(), settings),
  );
  app.post(
    "/api/account/recovery-codes",
    {
      config: limited,
      schema: { tags: ["auth"], summary: "Ten new recovery codes, with a current code from the app; the old ones stop working", body: z.object({ code: Code }), response: { 200: RecoveryCodes } },
    },
    async (req) => replaceRecoveryCodes(db, app.deps.secondFactorKey!, self(req), req.body.code, app.deps.now(), settings),
  );
  app.post(
    "/api/account/passkeys/options",
    { schema: { tags: ["auth"], summary: "Add a passkey: the options for the browser", response: { 200: PasskeyOptions } } },
    async (req) => ({ ...(await passkeyRegistrationOptions(db, self(req), rpOf(req), app.deps.now())) }),
  );
  app.post(
    "/api/account/passkeys",
    {
      schema: {
        tags: ["auth"],
        summary: "Add a passkey: the browser's answer, kept under a name; the same answer again changes nothing",
        body: z.object({ name: z.string().max(200), response: PasskeyRegistrationResponse }),
        response: { 200: PasskeyView },
      },
    },
    async (req) => addPasskey(db, self(req), rpOf(req), req.body.name, req.body.response as unknown as RegistrationResponseJSON, app.deps.now()),
  );
  app.delete(
    "/api/account/passkeys/:passkeyId",
    {
      schema: { tags: ["auth"], summary: "Remove one of your passkeys", params: z.object({ passkeyId: z.string().min(1).max(1500) }), response: { 200: z.object({ removed: z.boolean() }) } },
    },
    async (req) => removePasskey(db, self(req), req.params.passkeyId),
  );

  app.post(
    "/api/account/password",
    {
      config: limited,
      schema: {
        tags: ["auth"],
        summary: "Change your own password (the current one first); your other sessions end",
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: PasswordChanged },
      },
    },
    async (req) => ({
      ok: true as const,
      ...(await changeOwnPassword(db, { ...actorOf(req), userId: req.auth!.userId }, req.auth!.token, req.body.currentPassword, req.body.newPassword)),
    }),
  );

  app.post(
    "/api/staff/:userId/second-factor/reset",
    {
      schema: {
        tags: ["people"],
        summary: "A colleague lost their phone: remove their second factor (they set a new one up at their next sign-in); their sessions end",
        params: UserParams,
        response: { 200: SessionsEnded },
      },
    },
    async (req) => resetSecondFactor(db, { ...actorOf(req), userId: req.auth!.userId }, { kind: "staff", roles: req.auth!.roles }, schoolOf(req), req.params.userId),
  );

  app.post(
    "/api/staff/:userId/unlock",
    { schema: { tags: ["people"], summary: "Lift the lock on a colleague's sign-in (wrong passwords or codes)", params: UserParams, response: { 200: Ok } } },
    async (req) => unlockAccount(db, actorOf(req), { kind: "staff", roles: req.auth!.roles }, schoolOf(req), req.params.userId),
  );

  app.get(
    "/api/school/second-factor",
    { schema: { tags: ["people"], summary: "Whether this school asks a second factor of every member of staff", response: { 200: SchoolSecondFactor } } },
    async (req) => schoolSecondFactor(db, schoolOf(req)),
  );
  app.put(
    "/api/school/second-factor",
    {
      schema: {
        tags: ["people"],
        summary: "Ask a second factor of every member of staff (on), or of the roles Doorstep requires it of (off)",
        body: z.object({ everyone: z.boolean() }),
        response: { 200: SchoolSecondFactor },
      },
    },
    async (req) => setSchoolSecondFactor(db, actorOf(req), schoolOf(req), req.body.everyone),
  );
}
