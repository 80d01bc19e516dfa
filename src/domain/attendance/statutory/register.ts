import { classifyCode, isCounted, type AttendanceCode } from "../codes";
import type { Mark, Session } from "../evaluation-input";
import { epochDayOf, type EpochDay, type IsoDate } from "../iso-date";

/**
 * One pupil's register as the statutory duties read it: the codes of each
 * school day up to today. The duties look back over a school year at most, so
 * a plain map per pupil is enough (the template engine's ledger is built for
 * the every-morning list over 50,000 pupils).
 */
export class PupilRegister {
  private readonly byDay = new Map<EpochDay, { session: Session; code: AttendanceCode }[]>();

  add(mark: Mark): void {
    const day = epochDayOf(mark.date);
    const list = this.byDay.get(day);
    if (list) list.push({ session: mark.session, code: mark.code });
    else this.byDay.set(day, [{ session: mark.session, code: mark.code }]);
  }

  /** The counted codes (not "not a possible session") of a day. */
  countedOn(day: EpochDay): AttendanceCode[] {
    return (this.byDay.get(day) ?? []).map((m) => m.code).filter((c) => isCounted(classifyCode(c)));
  }

  marksOn(day: EpochDay): readonly { session: Session; code: AttendanceCode }[] {
    return this.byDay.get(day) ?? [];
  }

  days(): EpochDay[] {
    return [...this.byDay.keys()].sort((a, b) => a - b);
  }
}

/** Unauthorised absence in the figures: G, N, O, and U (late after registers closed). */
export const UNAUTHORISED: ReadonlySet<AttendanceCode> = new Set<AttendanceCode>(["G", "N", "O", "U"]);

/** A school day every counted mark of which (at least one) is unauthorised. */
export function isUnauthorisedDay(codes: readonly AttendanceCode[]): boolean {
  return codes.length > 0 && codes.every((c) => UNAUTHORISED.has(c));
}

/** A school day of absence through sickness: every counted mark (at least one) is `I`. */
export function isSicknessDay(codes: readonly AttendanceCode[]): boolean {
  return codes.length > 0 && codes.every((c) => c === "I");
}

export function registersByPupil(marks: readonly Mark[], upns: ReadonlySet<string>, through: IsoDate): Map<string, PupilRegister> {
  const out = new Map<string, PupilRegister>();
  for (const m of marks) {
    if (!upns.has(m.upn) || m.date > through) continue;
    let r = out.get(m.upn);
    if (!r) out.set(m.upn, (r = new PupilRegister()));
    r.add(m);
  }
  return out;
}
