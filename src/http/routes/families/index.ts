import type { RouteFolder } from "../route-folder";
import { familyPolicyRoutes } from "./family-policy";
import { familyTextRoutes } from "./family-texts";

export const families: RouteFolder = {
  name: "families",
  owns: ["/api/pupils/:pupilId/texts", "/api/pupils/:pupilId/emails", "/api/pupils/:pupilId/replies", "/api/replies", "/api/reply", "/api/texts", "/api/today/texts", "/api/families", "/api/policy/family-link"],
  register(app) {
    familyPolicyRoutes(app);
    familyTextRoutes(app);
  },
};
