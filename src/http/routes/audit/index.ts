import type { RouteFolder } from "../route-folder";
import { auditRoutes } from "./audit";

export const audit: RouteFolder = {
  name: "audit",
  owns: ["/api/audit"],
  register(app) {
    auditRoutes(app);
  },
};
