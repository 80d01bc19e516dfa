import type { GoingInRules, ImmediateDanger } from "../../../src/domain/policy/template";

/** GET /api/visits/:visitId/field (src/app/safety/field-view.ts). */
export interface FieldView {
  visitId: string;
  state: string;
  purpose: string;
  address: string | null;
  mapLink: string | null;
  startsAt: string | null;
  /** The time agreed with the family (absent from older servers). */
  arrangedAt?: string | null;
  expectedBackAt: string | null;
  children: string[];
  /** Every child's parents and carers, one line per person; `children` names whose contact they are (absent from older servers). */
  parents: { name: string; relationship: string | null; phone: string | null; children?: string[]; parentalResponsibility?: boolean }[];
  /** The team went out and has not yet said it is back. */
  teamOut?: boolean;
  /** Cancelled while the team was out: the steps the team can still report (coming back), and why it was cancelled. */
  afterCancellation?: { reason: string | null; steps: string[] } | null;
  risk: { level: string; paired: boolean; animals: string; environment: string; previousIncidents: string; occupants: string } | null;
  /** What the DSL told the team at the background check (burgh 7; absent from older servers). */
  backgroundNote?: string | null;
  rules: {
    checkIns: { beforeVisit: boolean; onArrival: boolean; everyMinutes: number | null; afterVisit: boolean; clause: string } | null;
    waitingLimitMinutes: { minutes: number; clause: string } | null;
    lateArrivalLimitMinutes: { minutes: number; clause: string } | null;
    appointmentRequiredToEnter: { required: boolean; clause: string } | null;
    calledCard: { clause: string } | null;
    /** The questions before "went in" (absent from older servers). */
    goingIn?: (GoingInRules & { clause: string }) | null;
    /** The ID card confirmed before "departed". */
    idCard?: { text: string; clause: string } | null;
    /** What to do in immediate danger, as the school's policy says it. */
    immediateDanger?: ImmediateDanger & { clause: string };
  };
  /** An appointment is recorded: the going-in decision needs it. */
  appointmentRecorded?: boolean;
  /** transform-trust 2.5: alarms on this visit still without a full report after them. */
  dangerReport?: { alarms: number; outstanding: number; clause: string } | null;
  nextDeadline: { kind: string; dueAt: string; clause: string; overdue?: boolean } | null;
  events: { id: string; step: string; at: string; by: string }[];
}

export type Outcome = "child_seen" | "parent_seen_child_not_seen" | "no_contact";

export const OUTCOME_LABELS: Record<Outcome, string> = {
  child_seen: "We saw the child",
  parent_seen_child_not_seen: "We saw a parent but not the child",
  no_contact: "Nobody answered",
};

/** A v4 UUID, also where `crypto.randomUUID` is missing (plain http on a school network). */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
