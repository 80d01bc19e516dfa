import { z } from "zod";
import { PupilRecord } from "../../../contracts/records";
import type { AppInstance } from "../../server";
import { pupilRecord } from "../../../app/pupils/pupil-record";
import { londonDate } from "../../../app/clock";
import { schoolOf } from "../../auth-hook";
import { reachOfRequest } from "../../reach-guard";

export function pupilRecordRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/pupils/:pupilId/record", { schema: { tags: ["pupils"], summary: "The pupil record: attendance, contacts, visits, reports, agreements, documents, referrals (concerns for the DSL team)", params: z.object({ pupilId: z.uuid() }), response: { 200: PupilRecord } } }, async (req) =>
    pupilRecord(db, schoolOf(req), req.params.pupilId, londonDate(now()), req.auth!.roles, reachOfRequest(req)),
  );
}
