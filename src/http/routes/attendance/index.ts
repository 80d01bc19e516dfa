import type { RouteFolder } from "../route-folder";
import { todayRoutes } from "./today";
import { statutoryRoutes } from "./statutory";
import { importRoutes, registerUploadParsers } from "./imports";
import { wondeRoutes } from "./wonde";
import { calendarRoutes } from "./calendar";
import { evaluateRoutes } from "./evaluate";

export const attendance: RouteFolder = {
  name: "attendance",
  owns: ["/api/today", "/api/trust/today", "/api/imports", "/api/wonde", "/api/evaluate", "/api/calendar", "/api/statutory"],
  register(app) {
    todayRoutes(app);
    statutoryRoutes(app);
    registerUploadParsers(app);
    importRoutes(app);
    wondeRoutes(app);
    calendarRoutes(app);
    evaluateRoutes(app);
  },
};
