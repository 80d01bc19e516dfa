import { z } from "zod";
import type { AppInstance } from "../../server";
import type { Executor } from "../../../db/client";
import { rolesOfUser } from "../../../app/people/roles-of-user";
import { signedInUser, switchSessionSchool } from "../../../app/auth/sessions";
import { NotFound } from "../../../domain/errors";
import { SessionView } from "../../../contracts/session";
import { actorOf } from "../../auth-hook";
import { allowedRoutes } from "../../access";
import { reachOf } from "../../../domain/people/visit-reach";
import type { FastifyReply, FastifyRequest } from "fastify";
import { setSessionCookie } from "../../session-cookie";

/** The end of every way of signing in (password, code, passkey): the session's cookie, and the session as the web app reads it. */
export async function answerSignedIn(app: AppInstance, req: FastifyRequest, reply: FastifyReply, s: { userId: string; token: string; csrfToken: string; expiresAt: Date }): Promise<SessionView> {
  setSessionCookie(req, reply, app.deps.config.COOKIE_SECURE, s.token, s.expiresAt);
  return sessionView(app.deps.database.db, s.userId, s.csrfToken, null);
}

export async function sessionView(db: Executor, userId: string, csrfToken: string, schoolId: string | null): Promise<SessionView> {
  const user = await signedInUser(db, userId);
  const schools = await rolesOfUser(db, userId);
  const current = schools.find((s) => s.schoolId === schoolId) ?? schools[0];
  const roles = current?.roles ?? [];
  return { user, csrfToken, schoolId: current?.schoolId ?? null, roles, schools, may: allowedRoutes(roles), reach: reachOf(roles, userId).kind };
}

export function sessionRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get("/api/session", { schema: { tags: ["auth"], summary: "Who is signed in, in which school, with which roles", response: { 200: SessionView } } }, async (req) =>
    sessionView(db, req.auth!.userId, req.auth!.csrfToken, req.auth!.schoolId),
  );

  app.put(
    "/api/session/school",
    {
      schema: { tags: ["auth"], summary: "Work in another school you hold a role in", body: z.object({ schoolId: z.uuid() }), response: { 200: SessionView } },
    },
    async (req) => {
      const target = req.auth!.schools.find((s) => s.schoolId === req.body.schoolId);
      if (!target) throw new NotFound("school", "schoolId");
      await switchSessionSchool(db, actorOf(req), req.auth!.token, target.schoolId);
      return sessionView(db, req.auth!.userId, req.auth!.csrfToken, target.schoolId);
    },
  );
}
