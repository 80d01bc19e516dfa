import type { RouteFolder } from "../route-folder";
import { concernRoutes } from "./concerns";
import { handOffRoutes } from "./hand-off";

export const safeguarding: RouteFolder = {
  name: "safeguarding",
  owns: ["/api/concerns", "/api/my/concerns", "/api/external-references", "/api/hand-off"],
  register(app) {
    concernRoutes(app);
    handOffRoutes(app);
  },
};
