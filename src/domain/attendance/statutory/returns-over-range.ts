import type { IsoDate } from "../iso-date";
import { epochDayOf } from "../iso-date";
import { SchoolCalendar } from "../school-calendar";
import { RETURN_DUTIES, type ReturnDuty, type StatutoryAction } from "./duties";
import type { StatutoryInput } from "./evaluate-statutory";
import { LA_PACKS, returnFormOf, type LaPack } from "./la-packs";
import { isSicknessDay, isUnauthorisedDay, PupilRegister, registersByPupil } from "./register";
import { WHEREABOUTS_UNKNOWN_SCHOOL_DAYS } from "./deletion-grounds";
import { DUTY_CHECKS } from "./rules";

/**
 * Every return that fell due from `from` to `to`: the return duties asked on
 * each school day of the range (a return owed on its due day may have stopped
 * being owed later, when the child came back, and was still owed then), each
 * episode once. The register is read once; each day's checks look only
 * backwards from that day.
 */
export function returnsDueBetween(input: Omit<StatutoryInput, "today">, from: IsoDate, to: IsoDate, pack: LaPack = LA_PACKS.national!): StatutoryAction[] {
  const calendar = new SchoolCalendar(input.nonSchoolDays);
  const upns = new Set(input.pupils.map((p) => p.upn));
  const registers = registersByPupil(input.marks, upns, to);
  const byUpn = new Map(input.pupils.map((p) => [p.upn, p]));
  const found = new Map<string, StatutoryAction>();
  // Each duty needs at least its threshold of such days in the whole register: asked only of pupils who have them.
  const asked = new Map<string, ReturnDuty[]>();
  for (const pupil of byUpn.values()) {
    const register = registers.get(pupil.upn) ?? new PupilRegister();
    let sick = 0;
    let unauthorised = 0;
    for (const day of register.days()) {
      const codes = register.countedOn(day);
      if (isSicknessDay(codes)) sick++;
      else if (isUnauthorisedDay(codes)) unauthorised++;
    }
    const threshold = (duty: ReturnDuty) => returnFormOf(pack, duty)?.thresholdSchoolDays ?? Infinity;
    asked.set(
      pupil.upn,
      RETURN_DUTIES.filter((duty) => {
        if (duty === "sickness_return") return sick >= threshold(duty);
        if (duty === "ten_day_return") return unauthorised >= threshold(duty);
        if (duty === "new_pupil_return") return pupil.joinedOn !== undefined;
        return (pupil.deletionGrounds?.length ?? 0) > 0 || unauthorised >= Math.min(threshold(duty), WHEREABOUTS_UNKNOWN_SCHOOL_DAYS);
      }),
    );
  }
  for (const todayIso of calendar.schoolDaysBetween(from, to)) {
    const ctx = { today: epochDayOf(todayIso), todayIso, calendar, pack };
    for (const pupil of byUpn.values()) {
      const register = registers.get(pupil.upn) ?? new PupilRegister();
      for (const duty of asked.get(pupil.upn)!) {
        for (const a of DUTY_CHECKS[duty](pupil, register, ctx)) {
          if (a.dueOn < from || a.dueOn > to) continue;
          const key = `${a.upn} ${a.duty} ${a.episodeKey}`;
          if (!found.has(key)) found.set(key, a);
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.upn < b.upn ? -1 : a.upn > b.upn ? 1 : 0));
}

export interface ReturnsFigure {
  duty: ReturnDuty;
  /** Returns that fell due in the range, up to today. */
  due: number;
  submittedOnTime: number;
  submittedLate: number;
  /** Past their due date and not submitted. */
  notSubmitted: number;
  /** Not submitted by the due date: late, or not yet at all. */
  overdue: number;
}

/**
 * Per kind of return, how the returns due in the range were answered:
 * `submitted` maps "upn duty episodeKey" to the day it was submitted. A return
 * due today and not yet submitted is due, not overdue.
 */
export function returnsFigures(due: readonly StatutoryAction[], submitted: ReadonlyMap<string, IsoDate>, today: IsoDate): ReturnsFigure[] {
  return RETURN_DUTIES.map((duty) => {
    const f: ReturnsFigure = { duty, due: 0, submittedOnTime: 0, submittedLate: 0, notSubmitted: 0, overdue: 0 };
    for (const a of due) {
      if (a.duty !== duty || a.dueOn > today) continue;
      f.due++;
      const on = submitted.get(`${a.upn} ${a.duty} ${a.episodeKey}`);
      if (on === undefined) {
        if (a.dueOn < today) f.notSubmitted++;
      } else if (on <= a.dueOn) f.submittedOnTime++;
      else f.submittedLate++;
    }
    f.overdue = f.submittedLate + f.notSubmitted;
    return f;
  });
}
