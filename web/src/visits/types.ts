import type { MessageDelivery } from "../records/delivery";
/** The visit as GET /api/visits and GET /api/visits/:id return it (src/app/visits/load-visit.ts). */
export type VisitState = "proposed" | "approved" | "planned" | "under_way" | "completed" | "no_contact" | "cancelled";

export const VISIT_STATES: VisitState[] = ["proposed", "approved", "planned", "under_way", "completed", "no_contact", "cancelled"];

export interface AttendanceSummary {
  from: string;
  to: string;
  possibleSessions: number;
  attendedSessions: number;
  sessionsMissed: number;
  authorised: number;
  unauthorised: number;
  percent: number | null;
}

export interface Parent {
  name: string;
  relationship: string;
  parentalResponsibility: boolean;
  phone: string | null;
  email: string | null;
}

export interface VisitPupil {
  id: string;
  upn: string;
  name: string;
  yearClass: string | null;
  outcome: string | null;
  parents: Parent[];
  attendance: AttendanceSummary;
  recentMarks: { day: string; am: string | null; pm: string | null }[];
}

export interface StaffRecord {
  userId: string;
  name: string;
  mobile: string | null;
  dbs: { number: string; issuedOn: string } | null;
  barredListCheckedOn: string | null;
  training: { kind: string; completedOn: string; expiresOn: string | null }[];
  vehicle: { make: string; model: string; registration: string; colour: string; insuranceExpiresOn: string | null } | null;
}

export interface VisitView {
  id: string;
  schoolId: string;
  state: VisitState;
  purpose: string;
  day: string;
  startsAt: string | null;
  expectedBackAt: string | null;
  address: string | null;
  answersAction: string | null;
  safeguarding: boolean;
  dslAgreed: boolean;
  revision: number;
  cancelledReason: string | null;
  pupils: VisitPupil[];
  team: { staff: StaffRecord; driver: boolean }[];
  riskAssessment: null | { id: string; answers: unknown; pairDecision: boolean; riskLevel: string; completedBy: string; completedRole: string; completedAt: string };
  appointment: null | { startsAt: string; place: string; agreedWith: string; signed: boolean; signedAt: string | null };
  approval: null | { signedName: string; role: string; signedAt: string; accountName: string; current: boolean; listId: string | null };
  /** Who signs under the policy in force, and its clause (null where it asks no approval); on GET /api/visits/:id only. */
  approvers?: { roles: string[]; clause: string | null };
  documents: { id: string; kind: string; title: string; createdAt: string; emailedTo: string[]; delivery: MessageDelivery | null }[];
  steps: { step: string; at: string; by: string; note: string | null }[];
}

export const isFinal = (s: VisitState) => s === "completed" || s === "no_contact" || s === "cancelled";
export const visitTitle = (v: VisitView) => v.pupils.map((p) => p.name);
