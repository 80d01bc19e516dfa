import { z } from "zod";
import { ACTION_KINDS } from "../domain/attendance/actions";
import { STATUTORY_DUTIES } from "../domain/attendance/statutory/duties";
import { DELETION_GROUNDS } from "../domain/attendance/statutory/deletion-grounds";
import { PupilSummary } from "./pupils";
import { ReviewReminder } from "./policy";

/** What the policy requires about one child on the day, with the clause that requires it. */
export const DayAction = z.object({
  upn: z.string(),
  action: z.enum(ACTION_KINDS),
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
export type DayAction = z.infer<typeof DayAction>;

/** One school's day list: households, most urgent first, siblings together (src/app/attendance/actions-for-day.ts). */
export const DayList = z.object({
  schoolId: z.string(),
  day: z.string(),
  schoolDay: z.boolean(),
  policy: z.object({
    version: z.number(),
    templateId: z.string(),
    name: z.string(),
    review: ReviewReminder,
  }),
  households: z.array(
    z.object({
      householdKey: z.string(),
      address: z.string(),
      priority: z.number(),
      pupils: z.array(z.object({ pupil: PupilSummary, actions: z.array(DayAction) })),
    }),
  ),
  actionCount: z.number(),
});
export type DayList = z.infer<typeof DayList>;

const PupilName = z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), yearGroup: z.string().nullable() });

/** The law beneath the policy (src/domain/attendance/statutory): shown beside the template's actions, marked "law". */
export const LawDuty = z.object({
  upn: z.string(),
  duty: z.enum(STATUTORY_DUTIES),
  source: z.literal("law"),
  regulation: z.string(),
  reason: z.string(),
  priority: z.number(),
  dueOn: z.string(),
  overdue: z.boolean(),
  episodeKey: z.string(),
  noticeToImprove: z.object({ start: z.string(), end: z.string(), weeks: z.number() }).nullable(),
  /** A deletion return: its reg 9 ground, and whether joint enquiries with the LA must be recorded before it is submitted. */
  deletion: z.object({ ground: z.enum(DELETION_GROUNDS), needsJointEnquiries: z.boolean() }).nullable(),
  form: z.object({ title: z.string(), ownerRole: z.string(), sendBy: z.string(), sendTo: z.string() }).nullable(),
  pupil: PupilName,
});
export type LawDuty = z.infer<typeof LawDuty>;

export const LawList = z.object({ pack: z.object({ id: z.string(), name: z.string() }), duties: z.array(LawDuty) });
export type LawList = z.infer<typeof LawList>;

/** Where the policy says a visit "may be considered" (burgh 6.4, 6.5): a person decides; nothing here is due. */
export const Consideration = z.object({
  upn: z.string(),
  kind: z.enum(["persistent_absence", "severe_absence", "safeguarding_indicators"]),
  clause: z.string(),
  reason: z.string(),
  pupil: PupilName,
});
export type Consideration = z.infer<typeof Consideration>;

/** GET /api/today: the day list, the children a visit may be considered for, and the law's duties. */
export const TodayView = DayList.extend({ considerations: z.array(Consideration), law: LawList });
export type TodayView = z.infer<typeof TodayView>;

/** GET /api/trust/today: the same list for every school of the trust. */
export const TrustToday = z.object({ day: z.string(), schools: z.array(DayList.extend({ schoolName: z.string() })) });
export type TrustToday = z.infer<typeof TrustToday>;
