/** The one-time setup of a machine's first real school (src/app/setup/first-run.ts). */
import { z } from "zod";
import type { AppInstance } from "../../server";
import { checkSetupCode, createFirstSchool, FirstSchoolSchema, hasRealSchool } from "../../../app/setup/first-run";
import { templateChoices } from "../../../app/policy/school-policy";
import { FirstSchoolCreated, SetupStatus } from "../../../contracts/setup";

export function setupRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get(
    "/api/setup",
    {
      schema: {
        tags: ["platform"],
        summary: "Whether this machine still needs its first school, and the policies to start from",
        response: { 200: SetupStatus },
      },
    },
    async () => {
      const needed = !(await hasRealSchool(db));
      return { needed, templates: needed ? templateChoices() : [] };
    },
  );
  app.post(
    "/api/setup",
    {
      config: { rateLimit: { max: app.deps.config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        tags: ["platform"],
        summary: "Create the trust, the first school and its headteacher, with the code the server printed at start-up",
        body: FirstSchoolSchema.extend({ setupCode: z.string().min(1).max(100) }),
        response: { 201: FirstSchoolCreated },
      },
    },
    async (req, reply) => {
      const { setupCode, ...school } = req.body;
      await checkSetupCode(db, setupCode);
      const created = await createFirstSchool(db, school);
      return reply.code(201).send({ schoolId: created.schoolId, headId: created.headId });
    },
  );
}
