import type { RouteFolder } from "../route-folder";
import { visitRecordRoutes } from "./visit-records";

export const visitRecords: RouteFolder = {
  name: "visit-records",
  owns: ["/api/visit-records"],
  register(app) {
    visitRecordRoutes(app);
  },
};
