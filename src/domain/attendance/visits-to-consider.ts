/**
 * The visits a policy says "may be considered" (burgh 6.4: persistent or severe
 * absence; 6.5: safeguarding indicators or a child known to social care), for a
 * child absent today whom the action list does not already name. Pure: the
 * caller reads the marks.
 */
import type { Consideration } from "../policy/template";
import { classifyCode, isAbsence, isAttendanceCode, isCounted } from "./codes";

export interface PupilToConsider {
  upn: string;
  /** Today's register codes (AM and PM). */
  todaysCodes: readonly string[];
  /** Sessions of the school year to date: possible (counted) and attended (present or approved education elsewhere). */
  possibleSessions: number;
  attendedSessions: number;
  /** The vulnerability flags on the child's record (known to social care, child protection plan, …). */
  vulnerabilities: readonly string[];
}

export type ConsiderationKind = "persistent_absence" | "severe_absence" | "safeguarding_indicators";

export interface VisitToConsider {
  upn: string;
  kind: ConsiderationKind;
  clause: string;
  reason: string;
}

/** Absent today: at least one counted mark, and every counted mark an absence. */
export function absentToday(codes: readonly string[]): boolean {
  const counted = codes.filter(isAttendanceCode).map(classifyCode).filter(isCounted);
  return counted.length > 0 && counted.every(isAbsence);
}

export function visitsToConsider(considerations: readonly Consideration[], pupils: readonly PupilToConsider[], alreadyListed: ReadonlySet<string>): VisitToConsider[] {
  if (considerations.length === 0) return [];
  const out: VisitToConsider[] = [];
  for (const p of pupils) {
    if (alreadyListed.has(p.upn) || !absentToday(p.todaysCodes)) continue;
    for (const c of considerations) {
      if (c.kind === "persistent_absence" && p.possibleSessions > 0) {
        const missedPercent = ((p.possibleSessions - p.attendedSessions) / p.possibleSessions) * 100;
        if (missedPercent >= c.persistentPercent) {
          const severe = missedPercent >= c.severePercent;
          const missed = Math.round(missedPercent * 10) / 10;
          out.push({
            upn: p.upn,
            kind: severe ? "severe_absence" : "persistent_absence",
            clause: c.clause,
            reason: `Absent today, and ${missed}% of this school year's ${p.possibleSessions} sessions missed (${severe ? "severe" : "persistent"} absence: ${severe ? c.severePercent : c.persistentPercent}% or more)`,
          });
        }
      }
      if (c.kind === "safeguarding_indicators" && p.vulnerabilities.length > 0) {
        out.push({ upn: p.upn, kind: "safeguarding_indicators", clause: c.clause, reason: `Absent today, and the record shows ${p.vulnerabilities.map((v) => v.replaceAll("_", " ")).join(", ")}` });
      }
    }
  }
  return out;
}
