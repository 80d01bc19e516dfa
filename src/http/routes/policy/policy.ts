import { z } from "zod";
import type { AppInstance } from "../../server";
import { approvePolicyReviewNow, changePolicy, policyInForce, signOffPolicyReview, policyVersions, reviewReminder, switchTemplate, templateChoices } from "../../../app/policy/school-policy";
import { londonDate } from "../../../app/clock";
import { actorOf, schoolOf, staffActor } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { PolicyVersionSchema, PolicyView, TemplateChoices } from "../../../contracts/policy";

export function policyRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get(
    "/api/policy",
    {
      schema: {
        tags: ["policy"],
        summary: "The policy in force on a day (default today), its review reminder and every version",
        querystring: z.object({ date: schoolDate().optional() }),
        response: { 200: PolicyView },
      },
    },
    async (req) => {
      const day = req.query.date ?? londonDate(app.deps.now());
      const inForce = await policyInForce(db, schoolOf(req), day);
      const versions = (await policyVersions(db, schoolOf(req))).map(({ policy: _p, ...v }) => v);
      return { inForce, review: reviewReminder(inForce.policy, day), versions };
    },
  );
  app.put(
    "/api/policy",
    {
      schema: {
        tags: ["policy"],
        summary: "Save an edited policy as a new version, in force from today",
        body: z.object({ policy: z.unknown(), note: z.string().max(1000) }),
        response: { 200: PolicyVersionSchema },
      },
    },
    async (req) => changePolicy(db, actorOf(req), schoolOf(req), req.body.policy, req.body.note, londonDate(app.deps.now())),
  );
  app.get(
    "/api/policy/templates",
    {
      schema: {
        tags: ["policy"],
        summary: "The seed policy templates a school can start from",
        response: { 200: TemplateChoices },
      },
    },
    async () => ({ templates: templateChoices() }),
  );
  app.post(
    "/api/policy/template",
    {
      schema: {
        tags: ["policy"],
        summary: "Start again from another seed template: a new version, in force from today",
        body: z.object({ templateId: z.string(), note: z.string().max(1000) }),
        response: { 200: PolicyVersionSchema },
      },
    },
    async (req) => switchTemplate(db, actorOf(req), schoolOf(req), req.body.templateId, req.body.note, londonDate(app.deps.now())),
  );
  app.post(
    "/api/policy/review",
    {
      schema: {
        tags: ["policy"],
        summary: "A reviewer the policy names signs off its review: a new version whose review date moves on, or which waits for the approvers",
        body: z.object({ outcome: z.enum(["no_changes", "amended"]), note: z.string().max(2000) }),
        response: { 200: PolicyVersionSchema },
      },
    },
    async (req) => signOffPolicyReview(db, staffActor(req), schoolOf(req), req.body, londonDate(app.deps.now())),
  );
  app.post(
    "/api/policy/review/approve",
    { schema: { tags: ["policy"], summary: "The approvers the policy names (burgh 13: the Governing Body) approve the review waiting for them", response: { 200: PolicyVersionSchema } } },
    async (req) => approvePolicyReviewNow(db, staffActor(req), schoolOf(req), londonDate(app.deps.now())),
  );
}
