import { z } from "zod";
import type { AppInstance } from "../../server";
import { actionsForDay, latestSchoolDay, listWithin } from "../../../app/attendance/actions-for-day";
import { pupilsInReach } from "../../reach-guard";
import { statutoryForDay } from "../../../app/attendance/statutory-duties";
import { visitsToConsiderBeside } from "../../../app/attendance/visits-to-consider";
import { londonDate } from "../../../app/clock";
import { schoolsOfTrust } from "../../../app/people/find-school";
import { schoolOf } from "../../auth-hook";
import { schoolDate } from "../../../domain/attendance/school-date";
import { SchoolCalendar } from "../../../domain/attendance/school-calendar";
import { addDays } from "../../../domain/attendance/iso-date";
import { TodayView, TrustToday } from "../../../contracts/today";

const DateQuery = z.object({ date: schoolDate().optional() });

export function todayRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get(
    "/api/today",
    {
      schema: {
        tags: ["attendance"],
        summary: "The actions the school's policy requires on a day (default today), most urgent first, siblings together",
        querystring: DateQuery,
        response: { 200: TodayView },
      },
    },
    async (req) => {
      const day = req.query.date ?? (await latestSchoolDay(db, schoolOf(req), londonDate(app.deps.now())));
      const list = await actionsForDay(db, schoolOf(req), day);
      // Limited by reach: a visitor sees the children on their visits, the office the whole current list.
      const reached = await pupilsInReach(db, req, app.deps.now());
      const considerations = (await visitsToConsiderBeside(db, list)).filter((c) => reached === null || reached.has(c.pupil.id));
      const law = await statutoryForDay(db, schoolOf(req), day);
      // A return's owner (the office for a new pupil) sees it whether or not the child is on the list they work from.
      const roles: readonly string[] = [...(req.auth?.roles ?? [])];
      const duties = law.entries
        .filter((e) => reached === null || reached.has(e.pupil.id) || (e.form !== null && roles.includes(e.form.ownerRole)))
        .map(({ pupil, action, form, overdue }) => ({
          upn: action.upn,
          duty: action.duty,
          source: action.source,
          regulation: action.regulation,
          reason: action.reason,
          priority: action.priority,
          dueOn: action.dueOn,
          overdue,
          episodeKey: action.episodeKey,
          noticeToImprove: action.facts.noticeToImprove ?? null,
          deletion: action.facts.deletionGround ? { ground: action.facts.deletionGround, needsJointEnquiries: action.facts.needsJointEnquiries ?? false } : null,
          form,
          pupil: { id: pupil.id, firstName: pupil.firstName, lastName: pupil.lastName, yearGroup: pupil.yearGroup },
        }));
      return { ...listWithin(list, reached), considerations, law: { pack: law.pack, duties } };
    },
  );

  app.get(
    "/api/trust/today",
    {
      schema: {
        tags: ["attendance"],
        summary: "The same list for every school of the trust",
        querystring: DateQuery,
        response: { 200: TrustToday },
      },
    },
    async (req) => {
      const today = londonDate(app.deps.now());
      const trustId = req.auth!.schools.find((s) => s.schoolId === req.auth!.schoolId)?.trustId;
      const inTrust = trustId ? await schoolsOfTrust(db, trustId) : [];
      const lists = [];
      // Without a date, each school shows its own latest school day (calendars differ across a trust).
      for (const s of inTrust) {
        const schoolDay = req.query.date ?? (await latestSchoolDay(db, s.id, today));
        lists.push({ ...(await actionsForDay(db, s.id, schoolDay)), schoolName: s.name });
      }
      // Without a date, the day named is the latest school day any school had, never today's weekend
      // (issue 16: a Sunday was called "the latest school day").
      const latest = lists.reduce<string | undefined>((d, l) => (d === undefined || l.day > d ? l.day : d), undefined);
      return { day: req.query.date ?? latest ?? new SchoolCalendar().previousSchoolDay(addDays(today, 1)), schools: lists };
    },
  );
}
