import type { VisitDetail, VisitView as VisitReply } from "../../../src/contracts/visits";
import type { AttendanceSummary, StaffRecord } from "../../../src/contracts/common";
/** The visit as GET /api/visits and GET /api/visits/:id return it: the server's contract (src/contracts/visits.ts). */
export type VisitState = VisitReply["state"];

export const VISIT_STATES: VisitState[] = ["proposed", "approved", "planned", "under_way", "completed", "no_contact", "cancelled"];

export type { AttendanceSummary, StaffRecord };
export type VisitPupil = VisitReply["pupils"][number];
export type Parent = VisitPupil["parents"][number];
/** Who signs under the policy in force, and the danger report owed, are on GET /api/visits/:id only. */
export type VisitView = VisitReply & Partial<Pick<VisitDetail, "approvers" | "dangerReport" | "backgroundCheckRule">>;

export const isFinal = (s: VisitState) => s === "completed" || s === "no_contact" || s === "cancelled";
export const visitTitle = (v: VisitView) => v.pupils.map((p) => p.name);
