import type { RouteFolder } from "../route-folder";
import { healthRoutes } from "./health";
import { backupRoutes } from "./backup";

export const ops: RouteFolder = {
  name: "ops",
  owns: ["/api/health", "/api/ops"],
  register(app) {
    healthRoutes(app);
    backupRoutes(app);
  },
};
