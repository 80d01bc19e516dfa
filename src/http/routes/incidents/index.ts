import type { RouteFolder } from "../route-folder";
import { incidentRoutes } from "./incidents";

export const incidents: RouteFolder = {
  name: "incidents",
  owns: ["/api/incidents"],
  register(app) {
    incidentRoutes(app);
  },
};
