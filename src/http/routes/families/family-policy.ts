import { z } from "zod";
import type { AppInstance } from "../../server";
import { FamilyPolicy, FamilyPolicyLink } from "../../../contracts/family-policy";
import { familyPolicyLink, familyPolicyOf, familyPolicyPdf } from "../../../app/policy/family-policy";
import { publicOrigin } from "../../../app/notify/reply-links";
import { londonDate } from "../../../app/clock";
import { schoolOf } from "../../auth-hook";

const Params = z.object({ familyPolicyId: z.string().max(100) });

/**
 * The school's policy for its families (scargill, transform-trust: "made
 * available to parents"). Public like the reply link: no sign-in, rate-limited,
 * the same 404 for any id that is not a school's, and nothing about a child.
 */
export function familyPolicyRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const today = () => londonDate(app.deps.now());
  const limit = { rateLimit: { max: 60, timeWindow: "1 minute" } };

  app.get(
    "/api/families/policy/:familyPolicyId",
    { config: limit, schema: { tags: ["policy"], summary: "The school's home-visit policy as its families read it, from the version in force today", params: Params, response: { 200: FamilyPolicy } } },
    async (req) => familyPolicyOf(db, req.params.familyPolicyId, today()),
  );
  app.get(
    "/api/families/policy/:familyPolicyId/pdf",
    { config: limit, schema: { tags: ["policy"], summary: "The same, as a PDF to print or put on the school's website", params: Params, produces: ["application/pdf"] } },
    async (req, reply) => {
      const { pdf, filename } = await familyPolicyPdf(db, req.params.familyPolicyId, today());
      return reply.type("application/pdf").header("content-disposition", `inline; filename="${filename}"`).send(pdf);
    },
  );
  app.get(
    "/api/policy/family-link",
    { schema: { tags: ["policy"], summary: "Where the school's families find its policy: the page's address and the PDF's", response: { 200: FamilyPolicyLink } } },
    async (req) => {
      const link = await familyPolicyLink(db, schoolOf(req));
      return { ...link, url: publicOrigin(app.deps.config.PUBLIC_URL, req) + link.path };
    },
  );
}
