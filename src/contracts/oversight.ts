import { z } from "zod";
import { FEWER_THAN_5 } from "../domain/attendance/small-numbers";
import { RETURN_DUTIES } from "../domain/attendance/statutory/duties";

/** Counts as the server sends them: governors and the trust get 1 to 4 as "fewer than 5". */
export const Count = z.union([z.number(), z.literal(FEWER_THAN_5)]);
export type Count = z.infer<typeof Count>;

export const KindSummary = z.object({ episodes: Count, closedOnFirstDay: Count, closedLater: Count, open: Count });
export type KindSummary = z.infer<typeof KindSummary>;

export const ComplianceEpisode = z.object({
  pupilId: z.string(),
  upn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  action: z.string(),
  firstListed: z.string(),
  lastListed: z.string(),
  schoolDays: z.number(),
  closed: z.boolean(),
});
export type ComplianceEpisode = z.infer<typeof ComplianceEpisode>;

export const ReturnsCount = z.object({ duty: z.enum(RETURN_DUTIES), due: Count, submittedOnTime: Count, submittedLate: Count, notSubmitted: Count, overdue: Count });
export type ReturnsCount = z.infer<typeof ReturnsCount>;

/** GET /api/compliance: the morning lists replayed (compliance.md), episodes per action kind. */
export const ComplianceView = z.object({
  from: z.string(),
  to: z.string(),
  policyName: z.string(),
  /** False when small numbers are suppressed and no episode is listed. */
  named: z.boolean(),
  summary: z.record(z.string(), KindSummary),
  episodes: z.array(ComplianceEpisode),
  /** Returns to the LA due in the range (up to today), per kind: overdue is not submitted by the due date. */
  returns: z.array(ReturnsCount),
});
export type ComplianceView = z.infer<typeof ComplianceView>;

/** GET /api/dashboard: the head's, attendance lead's and DSL's home page. */
export const DashboardView = z.object({
  day: z.string(),
  actionsByKind: z.record(z.string(), z.number()),
  actionCount: z.number(),
  visitsWaiting: z.object({ approval: z.number(), riskAssessment: z.number(), team: z.number() }),
  openAlerts: z.number(),
  overdue: z.array(z.object({ pupilId: z.string(), firstName: z.string(), lastName: z.string(), action: z.string(), firstListed: z.string(), schoolDays: z.number() })),
  checksRunningOut: z.array(z.object({ userId: z.string(), name: z.string(), check: z.string(), endsOn: z.string(), lapsed: z.boolean() })),
  policy: z.object({ name: z.string(), review: z.object({ due: z.string(), overdue: z.boolean(), dueSoon: z.boolean(), clause: z.string() }) }),
  caseSampling: z.object({ sampled: z.number(), toReview: z.number() }),
  decisions: z.object({ listed: z.number(), undecided: z.number() }),
});
export type DashboardView = z.infer<typeof DashboardView>;

const Table = z.object({ head: z.array(z.string()), rows: z.array(z.array(z.string())) });
/** One section of the figures: its heading, what it counts, and a table or a chart. */
export const FiguresSection = z.object({ heading: z.string(), definition: z.string(), table: Table.optional(), chartSvg: z.string().optional(), note: z.string().optional() });
export type FiguresSection = z.infer<typeof FiguresSection>;
const Child = z.object({ pupilId: z.string(), firstName: z.string(), lastName: z.string(), yearGroup: z.string().nullable() });

/** GET /api/governors/report: sections only, built from figures that hold no child (governors-figures.ts). */
export const GovernorsReportView = z.object({ schoolName: z.string(), from: z.string(), to: z.string(), policyName: z.string(), sections: z.array(FiguresSection) });
export type GovernorsReportView = z.infer<typeof GovernorsReportView>;
/** GET /api/figures: the same sections unsuppressed, and the children behind them by name. */
export const FiguresView = GovernorsReportView.extend({
  unseen: z.array(Child.extend({ since: z.string() })),
  newlyPersistentlyAbsent: z.array(Child),
});
export type FiguresView = z.infer<typeof FiguresView>;
