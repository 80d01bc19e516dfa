import type { RouteFolder } from "../route-folder";
import { proposeVisitRoutes } from "./propose-visit";
import { visitRoutes } from "./visits";
import { fieldRoutes } from "./field";
import { visitReportRoutes } from "./visit-report";
import { visitDocumentRoutes } from "./visit-documents";
import { calendarFeedRoutes } from "./calendar-feed";

export const visits: RouteFolder = {
  name: "visits",
  owns: ["/api/visits", "/api/calendar-feed", "/api/my/calendar-feed"],
  register(app) {
    proposeVisitRoutes(app);
    visitRoutes(app);
    fieldRoutes(app);
    visitReportRoutes(app);
    visitDocumentRoutes(app);
    calendarFeedRoutes(app);
  },
};
