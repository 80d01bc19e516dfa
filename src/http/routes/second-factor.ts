/** Two-factor sign-in, the Account page and the head's unlock and reset (issue 20). */
import { z } from "zod";
import type { AppInstance } from "../server";
import { completeSecondFactor, resetSecondFactor, schoolSecondFactor, secondFactorStatus, setSchoolSecondFactor, startEnrolment } from "../../app/auth/second-factor";
import { changeOwnPassword, listOwnSessions, unlockAccount } from "../../app/auth/account";
import { actorOf, schoolOf } from "../auth-hook";
import { setSessionCookie } from "../session-cookie";
import { sessionView } from "./session";
import { Ok } from "../../contracts/common";
import { AccountView, PasswordChanged, SchoolSecondFactor, SecondFactorEnrolment, SecondFactorSignedIn, SessionsEnded } from "../../contracts/session";

const Challenge = z.string().min(20).max(200);
const UserParams = z.object({ userId: z.uuid() });

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
        body: z.object({ challenge: Challenge, code: z.string().trim().min(6).max(20) }),
        response: { 200: SecondFactorSignedIn },
      },
    },
    async (req, reply) => {
      const s = await completeSecondFactor(db, app.deps.secondFactorKey!, req.body.challenge, req.body.code, app.deps.now(), settings);
      setSessionCookie(req, reply, config.COOKIE_SECURE, s.token, s.expiresAt);
      return { ...(await sessionView(db, s.userId, s.csrfToken, null)), ...(s.recoveryCodes ? { recoveryCodes: s.recoveryCodes } : {}) };
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
      secondFactor: await secondFactorStatus(db, req.auth!.userId),
      sessions: await listOwnSessions(db, req.auth!.userId, req.auth!.token, app.deps.now()),
    }),
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
