import type { RouteFolder } from "../route-folder";
import { referralRoutes } from "./referrals";

export const referrals: RouteFolder = {
  name: "referrals",
  owns: ["/api/referrals"],
  register(app) {
    referralRoutes(app);
  },
};
