import type { RouteFolder } from "../route-folder";
import { complianceRoutes } from "./compliance";
import { oversightRoutes } from "./oversight";
import { caseworkReviewRoutes } from "./casework-review";

export const oversight: RouteFolder = {
  name: "oversight",
  owns: ["/api/compliance", "/api/dashboard", "/api/figures", "/api/governors", "/api/case-samples", "/api/decision-lists", "/api/trust/figures", "/api/trust/schools"],
  register(app) {
    complianceRoutes(app);
    oversightRoutes(app);
    caseworkReviewRoutes(app);
  },
};
