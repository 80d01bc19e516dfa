/**
 * Runs before anything else on every /api request: finds the session, checks the
 * route's entry in ROUTE_ACCESS against the roles held in the session's school,
 * and checks the CSRF token on every request that can change something.
 * It runs before body validation, so a refused caller learns nothing from 400s.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/client";
import type { Role } from "../domain/people/roles";
import { findSessionWithUser, touchSession } from "../app/auth/sessions";
import { rolesOfUser, type SchoolAccess } from "../app/people/roles-of-user";
import { accessFor, allows } from "./access";
import type { ErrorBody } from "./errors";
import { DomainError } from "../domain/errors";
import { sessionTokenOf } from "./session-cookie";
import type { StaffActor } from "../app/visits/planning-steps";

export const CSRF_HEADER = "x-csrf-token";

export interface AuthContext {
  userId: string;
  name: string;
  email: string;
  token: string;
  csrfToken: string;
  /** The school the session is working in, and the roles held there. */
  schoolId: string | null;
  roles: ReadonlySet<Role>;
  schools: SchoolAccess[];
}

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuthHook(app: FastifyInstance, db: Database, now: () => Date, sessionIdleMinutes: number, cookieSecure: boolean | undefined) {
  app.decorateRequest("auth", null);

  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.routeOptions.url;
    if (!url || !url.startsWith("/api")) return;
    const access = accessFor(req.method, url);
    if (!access) {
      // Unreachable: the server refuses to start with a route missing from the table.
      return reply.code(500).send({ error: "internal", message: "route has no access rule" } satisfies ErrorBody);
    }

    const token = sessionTokenOf(req, cookieSecure);
    if (token) {
      const found = await findSessionWithUser(db, token, now(), sessionIdleMinutes);
      if (found) {
        const { session, user } = found;
        if (!user.disabled) {
          const schools = await rolesOfUser(db, user.id);
          const current = schools.find((s) => s.schoolId === session.schoolId) ?? schools[0];
          req.auth = {
            userId: user.id,
            name: user.name,
            email: user.email,
            token,
            csrfToken: session.csrfToken,
            schoolId: current?.schoolId ?? null,
            roles: new Set(current?.roles ?? []),
            schools,
          };
          await touchSession(db, session, now());
        }
      }
    }

    if (access.kind !== "public" && !req.auth) {
      return reply.code(401).send({ error: "unauthenticated", message: "Sign in to continue." } satisfies ErrorBody);
    }
    if (!allows(access, req.auth !== null, req.auth?.roles ?? new Set())) {
      return reply.code(403).send({ error: "forbidden", message: "Your role in this school does not allow this." } satisfies ErrorBody);
    }
    if (!SAFE_METHODS.has(req.method)) {
      if (req.auth) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== "string" || !sameToken(sent, req.auth.csrfToken)) {
          return reply.code(403).send({ error: "csrf", message: "Missing or wrong CSRF token; reload the page." } satisfies ErrorBody);
        }
      } else if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
        // Signed-out writes (login) must be JSON: a cross-site form cannot send it without CORS, which we never grant.
        return reply.code(415).send({ error: "csrf", message: "Send JSON (Content-Type: application/json)." } satisfies ErrorBody);
      }
    }
  });
}

/** The school id a school-scoped route works on; access has already required a role there. */
export function schoolOf(req: FastifyRequest): string {
  const id = req.auth?.schoolId;
  if (!id) throw new DomainError("forbidden", "Your account has no role in any school yet: ask the headteacher to add you.");
  return id;
}

/** The person making the request, with the client's id for it when the write may be repeated (src/http/request-keys.ts). */
export function actorOf(req: FastifyRequest) {
  return { userId: req.auth!.userId, name: req.auth!.name, requestKey: req.requestKey ?? undefined };
}

/** The actor with the roles held in the session's school, for use cases that decide by role. */
export function staffActor(req: FastifyRequest): StaffActor {
  return { ...actorOf(req), userId: req.auth!.userId, roles: [...req.auth!.roles] };
}
