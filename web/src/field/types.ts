import type { FieldView } from "../../../src/contracts/safety";

/** GET /api/visits/:visitId/field (src/app/safety/field-view.ts): the server's contract (src/contracts/safety.ts). */
export type { FieldView };

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
