/**
 * Reads what the engine needs about a school for one day. Most rules look back
 * a few weeks, so marks are read for a window; a child whose absence run or
 * unseen streak reaches back to the window's start is read again in full, so
 * "since" dates are never cut short by the window.
 */
import { and, eq, gte, inArray, isNotNull, lte } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { contactAttempts, nonSchoolDays, pupils, registerMarks, sightings, visitPupils, visits } from "../../db/schema";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import type { EvaluationInput, Mark, Pupil, VisitOutcome } from "../../domain/attendance";

/** Covers Coteford's three months and Transform's ten weeks with room to spare. */
export const WINDOW_DAYS = 100;

export interface PupilRow {
  id: string;
  upn: string;
  firstName: string;
  lastName: string;
  yearGroup: string | null;
  className: string | null;
  householdKey: string | null;
  addressLine1: string | null;
  town: string | null;
  postcode: string | null;
  vulnerabilities: string[];
}

export interface LoadedSchoolDay {
  input: EvaluationInput;
  pupils: PupilRow[];
  windowStart: IsoDate;
}

export async function loadSchoolDay(db: Executor, schoolId: string, day: IsoDate, opts: { pupilIds?: string[]; since?: IsoDate } = {}): Promise<LoadedSchoolDay> {
  const since = opts.since ?? addDays(day, -WINDOW_DAYS);
  const pupilFilter = opts.pupilIds ? inArray(pupils.id, opts.pupilIds) : undefined;
  const pupilRows = await db
    .select({
      id: pupils.id,
      upn: pupils.upn,
      firstName: pupils.firstName,
      lastName: pupils.lastName,
      yearGroup: pupils.yearGroup,
      className: pupils.className,
      householdKey: pupils.householdKey,
      addressLine1: pupils.addressLine1,
      town: pupils.town,
      postcode: pupils.postcode,
      vulnerabilities: pupils.vulnerabilities,
    })
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), pupilFilter));
  const upnOf = new Map(pupilRows.map((p) => [p.id, p.upn]));
  const ids = opts.pupilIds;

  const [closed, markRows, contactRows, sightingRows, visitRows] = await Promise.all([
    db.select({ day: nonSchoolDays.day }).from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId)),
    db
      .select({ pupilId: registerMarks.pupilId, day: registerMarks.day, session: registerMarks.session, code: registerMarks.code })
      .from(registerMarks)
      .where(and(eq(registerMarks.schoolId, schoolId), gte(registerMarks.day, since), lte(registerMarks.day, day), ids ? inArray(registerMarks.pupilId, ids) : undefined)),
    db
      .select({ pupilId: contactAttempts.pupilId, day: contactAttempts.day, reached: contactAttempts.reached })
      .from(contactAttempts)
      .where(and(eq(contactAttempts.schoolId, schoolId), gte(contactAttempts.day, since), lte(contactAttempts.day, day), ids ? inArray(contactAttempts.pupilId, ids) : undefined)),
    db
      .select({ pupilId: sightings.pupilId, day: sightings.day })
      .from(sightings)
      .where(and(eq(sightings.schoolId, schoolId), gte(sightings.day, since), lte(sightings.day, day), ids ? inArray(sightings.pupilId, ids) : undefined)),
    db
      .select({ pupilId: visitPupils.pupilId, day: visits.day, outcome: visitPupils.outcome })
      .from(visitPupils)
      .innerJoin(visits, eq(visits.id, visitPupils.visitId))
      .where(and(eq(visits.schoolId, schoolId), gte(visits.day, since), lte(visits.day, day), isNotNull(visitPupils.outcome), ids ? inArray(visitPupils.pupilId, ids) : undefined)),
  ]);

  const evalPupils: Pupil[] = pupilRows.map((p) => ({ upn: p.upn, vulnerable: p.vulnerabilities.length > 0 }));
  const input: EvaluationInput = {
    today: day,
    nonSchoolDays: closed.map((c) => c.day),
    pupils: evalPupils,
    marks: markRows.flatMap((m) => {
      const upn = upnOf.get(m.pupilId);
      return upn ? [{ upn, date: m.day, session: m.session as Mark["session"], code: m.code as Mark["code"] }] : [];
    }),
    contacts: contactRows.flatMap((c) => (upnOf.has(c.pupilId) ? [{ upn: upnOf.get(c.pupilId)!, date: c.day, reached: c.reached }] : [])),
    sightings: sightingRows.flatMap((s) => (upnOf.has(s.pupilId) ? [{ upn: upnOf.get(s.pupilId)!, date: s.day }] : [])),
    visits: visitRows.flatMap((v) => (upnOf.has(v.pupilId) ? [{ upn: upnOf.get(v.pupilId)!, date: v.day, outcome: v.outcome as VisitOutcome }] : [])),
  };
  return { input, pupils: pupilRows, windowStart: since };
}
