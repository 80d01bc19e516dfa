/**
 * Staff checks that run out soon (or have run out): the DBS certificate
 * Doorstep treats as current for DBS_RECHECK_YEARS, and training with an
 * expiry date. A person whose check has lapsed cannot be put on a visit team
 * (team-check.ts), so the head wants to know a month or two ahead.
 */
import { addDays, type IsoDate } from "../attendance/iso-date";
import { DBS_RECHECK_YEARS } from "../people/staff-record";

/** How far ahead the head's home page looks. */
export const CHECKS_LOOKAHEAD_DAYS = 60;

export interface StaffCheckDates {
  userId: string;
  name: string;
  dbsIssuedOn: IsoDate | null;
  training: readonly { kind: string; expiresOn: IsoDate | null }[];
}

export interface CheckRunningOut {
  userId: string;
  name: string;
  check: string;
  endsOn: IsoDate;
  /** Already ended on or before today. */
  lapsed: boolean;
}

export function dbsRecheckDue(issuedOn: IsoDate): IsoDate {
  return `${Number(issuedOn.slice(0, 4)) + DBS_RECHECK_YEARS}${issuedOn.slice(4)}`;
}

export function checksRunningOut(staff: readonly StaffCheckDates[], today: IsoDate, lookaheadDays = CHECKS_LOOKAHEAD_DAYS): CheckRunningOut[] {
  const horizon = addDays(today, lookaheadDays);
  const out: CheckRunningOut[] = [];
  for (const s of staff) {
    const ends: [string, IsoDate][] = [];
    if (s.dbsIssuedOn) ends.push(["Enhanced DBS", dbsRecheckDue(s.dbsIssuedOn)]);
    for (const t of s.training) if (t.expiresOn) ends.push([t.kind, t.expiresOn]);
    for (const [check, endsOn] of ends) if (endsOn <= horizon) out.push({ userId: s.userId, name: s.name, check, endsOn, lapsed: endsOn <= today });
  }
  return out.sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.name.localeCompare(b.name));
}
