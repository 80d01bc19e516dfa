import type { RouteFolder } from "../route-folder";
import { boardRoutes } from "./board";

export const safety: RouteFolder = {
  name: "safety",
  owns: ["/api/board", "/api/alerts"],
  register(app) {
    boardRoutes(app);
  },
};
