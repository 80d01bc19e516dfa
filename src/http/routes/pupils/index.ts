import type { RouteFolder } from "../route-folder";
import { pupilRoutes } from "./pupils";
import { pupilContactRoutes } from "./pupil-contacts";
import { pupilRecordRoutes } from "./pupil-record";

export const pupils: RouteFolder = {
  name: "pupils",
  owns: ["/api/pupils"],
  register(app) {
    pupilRoutes(app);
    pupilContactRoutes(app);
    pupilRecordRoutes(app);
  },
};
