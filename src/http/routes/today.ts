import { z } from "zod";
import { eq } from "drizzle-orm";
import type { AppInstance } from "../server";
import { actionsForDay, latestSchoolDay, listWithin } from "../../app/attendance/actions-for-day";
import { pupilsInReach } from "../reach-guard";
import { statutoryForDay } from "../../app/attendance/statutory-duties";
import { visitsToConsiderBeside } from "../../app/attendance/visits-to-consider";
import { londonDate } from "../../app/clock";
import { schools } from "../../db/schema";
import { schoolOf } from "../auth-hook";
import { schoolDate } from "../../domain/attendance/school-date";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { addDays } from "../../domain/attendance/iso-date";
import { ReviewReminderSchema } from "./policy";

const ActionView = z.object({
  upn: z.string(),
  action: z.string(),
  rule: z.string(),
  reason: z.string(),
  priority: z.number(),
  facts: z.object({
    runStart: z.string().optional(),
    dayNumber: z.number().optional(),
    unseenSince: z.string().optional(),
    unseenDays: z.number().optional(),
    noContactVisit: z.string().optional(),
    windowStart: z.string().optional(),
    windowEnd: z.string().optional(),
    attendancePercent: z.number().optional(),
    sessions: z.number().optional(),
  }),
});
const PupilView = z.object({
  id: z.string(),
  upn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  yearGroup: z.string().nullable(),
  className: z.string().nullable(),
  vulnerabilities: z.array(z.string()),
});
export const DayListView = z.object({
  schoolId: z.string(),
  day: z.string(),
  schoolDay: z.boolean(),
  policy: z.object({
    version: z.number(),
    templateId: z.string(),
    name: z.string(),
    review: ReviewReminderSchema,
  }),
  households: z.array(
    z.object({
      householdKey: z.string(),
      address: z.string(),
      priority: z.number(),
      pupils: z.array(z.object({ pupil: PupilView, actions: z.array(ActionView) })),
    }),
  ),
  actionCount: z.number(),
});

/** The law beneath the policy (src/domain/attendance/statutory): shown beside the template's actions, marked "law". */
const StatutoryView = z.object({
  upn: z.string(),
  duty: z.string(),
  source: z.literal("law"),
  regulation: z.string(),
  reason: z.string(),
  priority: z.number(),
  dueOn: z.string(),
  overdue: z.boolean(),
  episodeKey: z.string(),
  noticeToImprove: z.object({ start: z.string(), end: z.string(), weeks: z.number() }).nullable(),
  form: z.object({ title: z.string(), ownerRole: z.string(), sendBy: z.string(), sendTo: z.string() }).nullable(),
  pupil: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), yearGroup: z.string().nullable() }),
});

/** Beside the day's actions: the children the policy says a visit may be considered for (burgh 6.4, 6.5). */
const TodayView = DayListView.extend({
  considerations: z.array(
    z.object({
      upn: z.string(),
      kind: z.enum(["persistent_absence", "severe_absence", "safeguarding_indicators"]),
      clause: z.string(),
      reason: z.string(),
      pupil: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), yearGroup: z.string().nullable() }),
    }),
  ),
  law: z.object({ pack: z.object({ id: z.string(), name: z.string() }), duties: z.array(StatutoryView) }),
});

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
      const duties = law.entries
        .filter((e) => reached === null || reached.has(e.pupil.id))
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
        response: { 200: z.object({ day: z.string(), schools: z.array(DayListView.extend({ schoolName: z.string() })) }) },
      },
    },
    async (req) => {
      const today = londonDate(app.deps.now());
      const trustId = req.auth!.schools.find((s) => s.schoolId === req.auth!.schoolId)?.trustId;
      const inTrust = trustId ? await db.select().from(schools).where(eq(schools.trustId, trustId)) : [];
      const lists = [];
      // Without a date, each school shows its own latest school day (calendars differ across a trust).
      for (const s of inTrust.sort((a, b) => a.name.localeCompare(b.name))) {
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
