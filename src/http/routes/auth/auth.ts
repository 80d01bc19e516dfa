import { z } from "zod";
import type { AppInstance } from "../../server";
import { login } from "../../../app/auth/login";
import { askForPasswordReset, completePasswordReset, RESET_ASKED } from "../../../app/auth/password-reset";
import { deleteAllSessions, deleteSession } from "../../../app/auth/sessions";
import { writeAudited } from "../../../app/audit/write-audited";
import { actorOf } from "../../auth-hook";
import { clearSessionCookie } from "../../session-cookie";
import { answerSignedIn } from "./session";
import { LoginAnswer, ResetRequested, SignedOutEverywhere } from "../../../contracts/session";

const Ok = z.object({ ok: z.literal(true), sessionsEnded: z.number().optional() });

export function authRoutes(app: AppInstance) {
  const { config, database } = app.deps;

  app.post(
    "/api/auth/login",
    {
      config: { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) }),
        // A session, or the second step still to come (src/http/routes/auth/second-factor.ts).
        response: { 200: LoginAnswer },
      },
    },
    async (req, reply) => {
      const s = await login(database.db, req.body.email, req.body.password, app.deps.now(), {
        maxFailures: config.LOGIN_MAX_FAILURES,
        lockMinutes: config.LOGIN_LOCK_MINUTES,
        sessionHours: config.SESSION_HOURS,
        demoMachine: config.DEMO_MACHINE,
        rolesRequireSecondFactor: config.REQUIRE_SECOND_FACTOR,
      }, req.ip);
      if (s.kind === "second_factor_pending") return { secondFactor: s.step, challenge: s.challenge, expiresAt: s.expiresAt.toISOString(), passkey: s.passkey };
      return answerSignedIn(app, req, reply, s);
    },
  );

  app.post(
    "/api/auth/password-reset",
    {
      config: { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Ask for a link to set a new password; the answer is the same whether or not the address has an account",
        body: z.object({ email: z.string().trim().min(3).max(254) }),
        response: { 202: ResetRequested },
      },
    },
    async (req, reply) => {
      await askForPasswordReset(database.db, req.body.email, `${req.protocol}://${req.host}`, app.deps.now());
      app.deps.kickMessageDelivery?.();
      return reply.code(202).send({ ok: true as const, message: RESET_ASKED });
    },
  );
  app.post(
    "/api/auth/password-reset/complete",
    {
      config: { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Set a new password with the link's token; every session of the account ends",
        body: z.object({ token: z.string().min(20).max(200), password: z.string().min(1).max(200) }),
        response: { 200: Ok },
      },
    },
    async (req) => ({ ok: true as const, ...(await completePasswordReset(database.db, req.body.token, req.body.password, app.deps.now())) }),
  );

  app.post("/api/auth/logout", { schema: { tags: ["auth"], summary: "End this session", response: { 200: Ok } } }, async (req, reply) => {
    await writeAudited(database.db, actorOf(req), async (tx, audit) => {
      await deleteSession(tx, req.auth!.token);
      await audit({ action: "logout", entity: "user", entityId: req.auth!.userId, schoolId: req.auth!.schoolId });
    });
    clearSessionCookie(req, reply, config.COOKIE_SECURE);
    return { ok: true as const };
  });

  app.post(
    "/api/auth/logout-everywhere",
    { schema: { tags: ["auth"], summary: "End every session of this account, on every device", response: { 200: SignedOutEverywhere } } },
    async (req, reply) => {
      const ended = await writeAudited(database.db, actorOf(req), async (tx, audit) => {
        const n = await deleteAllSessions(tx, req.auth!.userId);
        await audit({ action: "logout_everywhere", entity: "user", entityId: req.auth!.userId, schoolId: req.auth!.schoolId, after: { sessionsEnded: n } });
        return n;
      });
      clearSessionCookie(req, reply, config.COOKIE_SECURE);
      return { ok: true as const, sessionsEnded: ended };
    },
  );
}
