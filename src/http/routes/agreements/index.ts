import type { RouteFolder } from "../route-folder";
import { agreementRoutes } from "./agreements";

export const agreements: RouteFolder = {
  name: "agreements",
  owns: ["/api/agreements"],
  register(app) {
    agreementRoutes(app);
  },
};
