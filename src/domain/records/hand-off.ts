/**
 * The plain-text hand-off a DSL pastes into the school's safeguarding system
 * (scargill "recorded using MyConcern"; coteford 2.7, 4.1 on CPOMS): what the
 * record is, its facts line by line, and the reference already recorded, so the
 * entry there and the record in Doorstep point at each other.
 */
export const REFERENCED_ENTITIES = ["visit_report", "agreement", "referral", "visit_record"] as const;
export type ReferencedEntity = (typeof REFERENCED_ENTITIES)[number];

export interface HandOff {
  /** CPOMS, MyConcern or the policy's own description. */
  system: string;
  clause: string;
  title: string;
  facts: readonly (readonly [label: string, value: string | null | undefined])[];
  doorstepId: string;
  reference: string | null;
}

/** Facts with no value are left out; a value over several lines is indented under its label. */
export function handOffText(h: HandOff): string {
  const lines = [`${h.title}`, `For ${h.system} (${h.clause})`, ""];
  for (const [label, value] of h.facts) {
    const v = value?.trim();
    if (!v) continue;
    if (v.includes("\n")) lines.push(`${label}:`, ...v.split(/\r?\n/).map((l) => `  ${l}`));
    else lines.push(`${label}: ${v}`);
  }
  lines.push("", `Doorstep record: ${h.doorstepId}`, `${h.system} reference: ${h.reference ?? "not recorded yet"}`);
  return `${lines.join("\n")}\n`;
}
