/**
 * Reach, enforced at the door for every route that names a visit, a pupil, a
 * document or an agreement (by path, or in the body of a write that links one):
 * outside the caller's reach (src/domain/people/visit-reach.ts) it is a 404, as if
 * it did not exist. Lists filter themselves with the same rule (src/app/people/reach.ts).
 * New routes with these parameters are covered without being listed here.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { londonDate } from "../app/clock";
import { assertAgreementInReach, assertDocumentInReach, assertPupilInReach, assertReportInReach, assertVisitInReach, inReach, reachablePupilIds, reachableVisitIds, type ReachSet } from "../app/people/reach";
import { schoolOf } from "./auth-hook";
import { reachOf, type Reach } from "../domain/people/visit-reach";
import type { Database } from "../db/client";

export function reachOfRequest(req: FastifyRequest): Reach {
  return reachOf(req.auth!.roles, req.auth!.userId);
}

/** Writes whose body links a child or a visit: the caller must reach what it links. */
const BODY_LINKS: Record<string, { pupilIds?: true; pupilId?: true; visitId?: true }> = {
  "POST /api/visits": { pupilIds: true },
  "POST /api/agreements": { pupilId: true, visitId: true },
  "POST /api/visit-records": { pupilId: true, visitId: true },
  "POST /api/subject-access": { pupilId: true },
};

export function registerReachGuard(app: FastifyInstance, db: Database, now: () => Date) {
  // preHandler: after validation, so the ids are well-formed UUIDs.
  app.addHook("preHandler", async (req) => {
    const url = req.routeOptions.url;
    if (!req.auth?.schoolId || !url?.startsWith("/api")) return;
    const reach = reachOfRequest(req);
    if (reach.kind === "school") return;
    const schoolId = req.auth.schoolId;
    const today = londonDate(now());
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    if (params.visitId) {
      // A report is read and written by the visit's team (and the school-wide roles).
      if (/\/report(\/|$)/.test(url)) await assertReportInReach(db, schoolId, reach, params.visitId, today);
      else await assertVisitInReach(db, schoolId, reach, params.visitId, today);
    }
    if (params.pupilId) await assertPupilInReach(db, schoolId, reach, params.pupilId, today);
    if (params.documentId) await assertDocumentInReach(db, schoolId, reach, params.documentId, today);
    if (params.agreementId) await assertAgreementInReach(db, schoolId, reach, params.agreementId, today);

    const links = BODY_LINKS[`${req.method} ${url}`];
    const body = (req.body ?? {}) as { pupilIds?: string[]; pupilId?: string; visitId?: string };
    if (links?.pupilIds && body.pupilIds) await assertPupilInReach(db, schoolId, reach, body.pupilIds, today, "pupilIds");
    if (links?.pupilId && body.pupilId) await assertPupilInReach(db, schoolId, reach, body.pupilId, today);
    if (links?.visitId && body.visitId) await assertVisitInReach(db, schoolId, reach, body.visitId, today);
  });
}

/** The visits a list may show this caller (`null`: all of the school's). */
export async function visitsInReach(db: Database, req: FastifyRequest, now: Date): Promise<ReachSet> {
  return reachableVisitIds(db, schoolOf(req), reachOfRequest(req), londonDate(now));
}

/** The pupils a list may show this caller (`null`: all of the school's). */
export async function pupilsInReach(db: Database, req: FastifyRequest, now: Date): Promise<ReachSet> {
  return reachablePupilIds(db, schoolOf(req), reachOfRequest(req), londonDate(now));
}

export function withinReach(set: ReachSet, ids: readonly string[]): string[] {
  return ids.filter((id) => inReach(set, id));
}
