/**
 * Every route of the API, one folder per resource (see route-folder.ts for the
 * rule that says which folder a path belongs to).
 */
import type { AppInstance } from "../server";
import { registerRouteFolders, type RouteFolder } from "./route-folder";
import { ops } from "./ops";
import { auth } from "./auth";
import { audit } from "./audit";
import { staff } from "./staff";
import { pupils } from "./pupils";
import { attendance } from "./attendance";
import { privacy } from "./privacy";
import { oversight } from "./oversight";
import { policy } from "./policy";
import { visits } from "./visits";
import { safety } from "./safety";
import { safeguarding } from "./safeguarding";
import { referrals } from "./referrals";
import { agreements } from "./agreements";
import { visitRecords } from "./visit-records";
import { incidents } from "./incidents";
import { documents } from "./documents";
import { notifications } from "./notifications";
import { families } from "./families";

export const ROUTE_FOLDERS: readonly RouteFolder[] = [ops, auth, audit, staff, pupils, attendance, privacy, oversight, policy, visits, safety, safeguarding, referrals, agreements, visitRecords, incidents, documents, notifications, families];

export function registerRoutes(app: AppInstance): void {
  registerRouteFolders(app, ROUTE_FOLDERS);
}
