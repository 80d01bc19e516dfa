import type { RouteFolder } from "../route-folder";
import { retentionRoutes } from "./retention";

export const privacy: RouteFolder = {
  name: "privacy",
  owns: ["/api/retention", "/api/subject-access"],
  register(app) {
    retentionRoutes(app);
  },
};
