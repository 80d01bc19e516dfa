import type { RouteFolder } from "../route-folder";
import { documentRoutes } from "./documents";

export const documents: RouteFolder = {
  name: "documents",
  owns: ["/api/documents", "/api/letter-templates"],
  register(app) {
    documentRoutes(app);
  },
};
