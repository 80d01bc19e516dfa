import type { RouteFolder } from "../route-folder";
import { notificationRoutes } from "./notifications";
import { pushRoutes } from "./push";

export const notifications: RouteFolder = {
  name: "notifications",
  owns: ["/api/notifications", "/api/push"],
  register(app) {
    notificationRoutes(app);
    pushRoutes(app);
  },
};
