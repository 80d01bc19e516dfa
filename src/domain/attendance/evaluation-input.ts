import type { AttendanceCode } from "./codes";
import type { IsoDate } from "./iso-date";

/** What the engine is told about a school on the morning it makes the list. */

export const SESSIONS = ["AM", "PM"] as const;
export type Session = (typeof SESSIONS)[number];

export const VISIT_OUTCOMES = ["child_seen", "parent_seen_child_not_seen", "no_contact", "cancelled"] as const;
/** `no_contact`: nobody answered or entry was refused. */
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export interface Pupil {
  upn: string;
  /** Known to social care or otherwise vulnerable. */
  vulnerable?: boolean;
}

/** One register mark: a pupil, a date and session, a DfE code. */
export interface Mark {
  upn: string;
  date: IsoDate;
  session: Session;
  code: AttendanceCode;
}

/** An attempt to contact parents/carers about an absence; `reached` if one was spoken to. */
export interface Contact {
  upn: string;
  date: IsoDate;
  reached: boolean;
}

/** The child seen in person by school staff or another verified professional, outside the register. */
export interface Sighting {
  upn: string;
  date: IsoDate;
}

export interface Visit {
  upn: string;
  date: IsoDate;
  outcome: VisitOutcome;
}

export interface EvaluationInput {
  /** The school day the list is made for. */
  today: IsoDate;
  /** Holidays, INSET and closures; weekends are never school days anyway. */
  nonSchoolDays: readonly IsoDate[];
  pupils: readonly Pupil[];
  marks: readonly Mark[];
  contacts: readonly Contact[];
  sightings: readonly Sighting[];
  visits: readonly Visit[];
}
