import type { RouteFolder } from "../route-folder";
import { setupRoutes } from "./setup";
import { authRoutes } from "./auth";
import { signOnRoutes } from "./sign-on";
import { secondFactorRoutes } from "./second-factor";
import { sessionRoutes } from "./session";

export const auth: RouteFolder = {
  name: "auth",
  owns: ["/api/auth", "/api/session", "/api/setup", "/api/account", "/api/school/second-factor", "/api/school/sso", "/api/staff/:userId/second-factor", "/api/staff/:userId/unlock"],
  register(app) {
    setupRoutes(app);
    authRoutes(app);
    signOnRoutes(app);
    secondFactorRoutes(app);
    sessionRoutes(app);
  },
};
