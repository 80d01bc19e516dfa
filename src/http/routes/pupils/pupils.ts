import { z } from "zod";
import type { AppInstance } from "../../server";
import { schoolOf } from "../../auth-hook";
import { pupilsInReach } from "../../reach-guard";
import { inReach } from "../../../app/people/reach";
import { listPupils, readPupil } from "../../../app/people/pupil-directory";
import { Pupil, PupilList } from "../../../contracts/pupils";

export function pupilRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get("/api/pupils", { schema: { tags: ["pupils"], summary: "Pupils of the current school within the caller's reach (a visitor: the children on their visits)", response: { 200: PupilList } } }, async (req) => {
    const reached = await pupilsInReach(db, req, app.deps.now());
    return { pupils: (await listPupils(db, schoolOf(req))).filter((p) => inReach(reached, p.id)) };
  });

  app.get(
    "/api/pupils/:pupilId",
    { schema: { tags: ["pupils"], summary: "One pupil with their family contacts", params: z.object({ pupilId: z.uuid() }), response: { 200: Pupil } } },
    async (req) => readPupil(db, schoolOf(req), req.params.pupilId),
  );
}
