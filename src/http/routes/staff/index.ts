import type { RouteFolder } from "../route-folder";
import { staffRoutes } from "./staff";
import { staffRecordRoutes } from "./staff-records";

export const staff: RouteFolder = {
  name: "staff",
  owns: ["/api/staff"],
  register(app) {
    staffRoutes(app);
    staffRecordRoutes(app);
  },
};
