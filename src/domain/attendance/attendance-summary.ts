/**
 * The attendance figures a visit list and a visit report show (coteford 3.2,
 * Appendix 2): sessions missed, authorised, unauthorised, and the percentage,
 * over the school year to date. Pure: the caller reads the marks.
 */
import { classifyCode, isAttendanceCode } from "./codes";
import type { IsoDate } from "./iso-date";

export interface AttendanceSummary {
  from: IsoDate;
  to: IsoDate;
  possibleSessions: number;
  attendedSessions: number;
  /** Absent sessions: authorised + unauthorised (U counts as unauthorised in the figures). */
  sessionsMissed: number;
  authorised: number;
  unauthorised: number;
  /** null when there is no possible session yet. */
  percent: number | null;
}

/** 1 September of the school year a date falls in. */
export function schoolYearStart(day: IsoDate): IsoDate {
  const year = Number(day.slice(0, 4));
  return day.slice(5) >= "09-01" ? `${year}-09-01` : `${year - 1}-09-01`;
}

export function summariseAttendance(codes: readonly string[], from: IsoDate, to: IsoDate): AttendanceSummary {
  let possible = 0;
  let attended = 0;
  let authorised = 0;
  let unauthorised = 0;
  for (const code of codes) {
    if (!isAttendanceCode(code)) continue;
    switch (classifyCode(code)) {
      case "not_possible":
        continue;
      case "present":
      case "attending_elsewhere":
        possible++;
        attended++;
        break;
      case "late_unauthorised":
      case "unauthorised_absence":
        possible++;
        unauthorised++;
        break;
      case "authorised_absence":
        possible++;
        authorised++;
        break;
    }
  }
  return {
    from,
    to,
    possibleSessions: possible,
    attendedSessions: attended,
    sessionsMissed: authorised + unauthorised,
    authorised,
    unauthorised,
    percent: possible === 0 ? null : Math.round((attended / possible) * 1000) / 10,
  };
}
