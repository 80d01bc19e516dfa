import type { RouteFolder } from "../route-folder";
import { policyRoutes } from "./policy";

export const policy: RouteFolder = {
  name: "policy",
  owns: ["/api/policy"],
  register(app) {
    policyRoutes(app);
  },
};
