import { z } from "zod";
import type { AppInstance } from "../../server";
import { evaluate } from "../../../domain/attendance/evaluate";
import { parseScenario } from "../../../domain/attendance/scenario";
import { policyTemplates } from "../../../domain/policy/templates";

/** The same contract as `doorstep evaluate` (shared/spec/evaluate.md), over HTTP: one engine, many doors. */
export function evaluateRoutes(app: AppInstance) {
  app.post(
    "/api/evaluate",
    {
      bodyLimit: 100 * 1024 * 1024,
      schema: {
        tags: ["attendance"],
        summary: "Evaluate a scenario against a shipped policy template (see shared/spec/evaluate.md)",
        body: z.unknown(),
        response: { 200: z.object({ date: z.string(), actions: z.array(z.object({ upn: z.string(), action: z.string(), rule: z.string(), reason: z.string() })) }) },
      },
    },
    async (req) => {
      const scenario = parseScenario(req.body);
      const result = evaluate(policyTemplates[scenario.policy], scenario);
      return { date: result.date, actions: result.actions.map(({ upn, action, rule, reason }) => ({ upn, action, rule, reason })) };
    },
  );
}
